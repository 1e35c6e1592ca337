namespace ImpactEmploi.Discovery
{
    /// <summary>How sure Find-IeaSetting is that a value is the setting it names.</summary>
    public enum CandidateConfidence
    {
        /// <summary>Only the value, or only a weak word of its name, points at the setting.</summary>
        Low,

        /// <summary>The value or the name points at the setting, not both.</summary>
        Medium,

        /// <summary>The name and the value agree.</summary>
        High,
    }
}
