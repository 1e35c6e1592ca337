namespace ImpactEmploi.Reporting
{
    /// <summary>A PC whose status could not be read (remoting failed, the command failed there), with the reason.</summary>
    public sealed class FleetReportUnread
    {
        /// <summary>The PC as the failure names it; empty when it does not.</summary>
        public string ComputerName { get; set; } = "";

        /// <summary>Why, as the error said it.</summary>
        public string Reason { get; set; } = "";

        /// <summary>The error's FullyQualifiedErrorId, for a search or a ticket.</summary>
        public string ErrorId { get; set; } = "";
    }
}
