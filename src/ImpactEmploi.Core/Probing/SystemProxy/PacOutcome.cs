namespace ImpactEmploi.Probing.SystemProxy
{
    public enum PacOutcome
    {
        Direct,
        Proxy,
        NoScriptFound,
        Failed,
    }
}
