namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>Chooses the resolver that answers for the PC's user in this process's situation.</summary>
    public static class SystemProxyResolvers
    {
        public static ISystemProxyResolver ForThisProcess() => new RuntimeProxyResolver();
    }
}
