namespace ImpactEmploi
{
    /// <summary>How far the test of a server got: the step that failed, or the last one for a server that answered.</summary>
    public enum ProbePhase
    {
        /// <summary>Nothing was sent: the settings (or the system proxy) decided before any network traffic.</summary>
        Settings,

        /// <summary>Resolving the server's name.</summary>
        Dns,

        /// <summary>Opening the TCP connection to the server (IPv6 and IPv4 raced).</summary>
        Connect,

        /// <summary>Resolving the proxy's name and opening the TCP (or TLS) connection to it.</summary>
        ProxyConnect,

        /// <summary>Asking the proxy to open the way to the server (CONNECT) and waiting for its answer.</summary>
        ProxyTunnel,

        /// <summary>The TLS handshake with the server, certificate validation included.</summary>
        Tls,

        /// <summary>The request was sent: waiting for the answer's headers (or the answer came).</summary>
        Response,
    }
}
