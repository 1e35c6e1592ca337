namespace ImpactEmploi.Logging
{
    public enum PumpLevel
    {
        Debug,
        Verbose,
        Warning,
    }
}
