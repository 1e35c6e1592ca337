namespace ImpactEmploi
{
    /// <summary>How IEA reaches URSSAF's servers ("Type de connection" in the dialog).</summary>
    public enum ConnectionType
    {
        Direct,
        Proxy,
        /// <summary>"Connection en utilisant les paramètres d'Internet Explorer": the system proxy.</summary>
        SystemProxy,
    }

    /// <summary>"Mode de connection" in the dialog; the fiche asks for Secure.</summary>
    public enum ConnectionMode
    {
        Normal,
        Extended,
        Secure,
    }

    /// <summary>Which of the dialog's addresses a test result is about.</summary>
    public enum ServerRole
    {
        Authentication,
        Update,
        NetEntreprises,
        Custom,
    }

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

    /// <summary>The connection program's tray icon.</summary>
    public enum TrayIcon
    {
        BlueBall,
        BlueBallRedHeart,
        RedScarab,
    }

    /// <summary>
    /// The installation's state. Declared in alphabetical order on purpose: Sort-Object State then gives the same
    /// order for local objects (sorted by value) and for deserialized ones (sorted as words).
    /// </summary>
    public enum ConnectionState
    {
        AssistanceMode,
        AuthorizationDenied,
        ConfigurationOutdated,
        Connected,
        Disconnected,
        LicenseNotRecognized,
        NotTested,
    }
}
