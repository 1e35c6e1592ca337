namespace ImpactEmploi
{
    /// <summary>Whose action a test result calls for.</summary>
    public enum FaultSide
    {
        /// <summary>Nothing to fix: the server answered as expected.</summary>
        None,

        /// <summary>This PC or its network: settings, DNS, proxy, firewall, HTTPS inspection, clock, TLS settings.</summary>
        Local,

        /// <summary>The server: it answered with an error, or went silent after a valid TLS handshake.</summary>
        Remote,

        /// <summary>Cannot be told from here (for example a connection that is never accepted).</summary>
        Unknown,
    }
}
