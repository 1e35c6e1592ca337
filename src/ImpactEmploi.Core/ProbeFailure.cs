namespace ImpactEmploi
{
    /// <summary>Why a server could not be reached, in words a technician can act on.</summary>
    public enum ProbeFailure
    {
        None,
        NameResolution,
        ConnectionRefused,
        Timeout,
        Tls,
        Certificate,
        ProxyAuthenticationRequired,
        Proxy,
        ServerError,
        Unknown,

        /// <summary>The connection was cut: right after the PC's first TLS message (a filter on the name), or in mid-answer.</summary>
        ConnectionReset,

        /// <summary>No route to the address (no network, no gateway, or a firewall's ICMP reject).</summary>
        NetworkUnreachable,

        /// <summary>An https:// address answered in plain HTTP (wrong port, or something answering in the server's place).</summary>
        PlainHttpOnTlsPort,

        /// <summary>The connection settings cannot be used as they are (Type=Proxy without a proxy host or port).</summary>
        ProxySetting,

        /// <summary>The server was not tested: how to reach it cannot be known from here (the system proxy of another user).</summary>
        NotTested,
    }
}
