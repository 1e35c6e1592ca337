namespace ImpactEmploi
{
    /// <summary>Which of the dialog's addresses a test result is about.</summary>
    public enum ServerRole
    {
        Authentication,
        Update,
        NetEntreprises,
        Custom,
    }
}
