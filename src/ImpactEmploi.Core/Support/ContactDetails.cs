namespace ImpactEmploi.Support
{
    /// <summary>Who support should answer; every field is optional.</summary>
    public sealed class ContactDetails
    {
        public string? Organisation { get; set; }
        public string? ContactName { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
    }
}
