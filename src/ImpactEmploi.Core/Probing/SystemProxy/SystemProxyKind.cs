namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>What the system proxy settings say for one address.</summary>
    public enum SystemProxyKind
    {
        /// <summary>The address is reached without a proxy (none configured, or bypassed).</summary>
        Direct,

        /// <summary>The address is reached through <see cref="SystemProxyDecision.Proxy"/>.</summary>
        Proxy,

        /// <summary>The proxy that the PC's user would use cannot be known from here (see <see cref="SystemProxyDecision.Reason"/>).</summary>
        Unknown,
    }
}
