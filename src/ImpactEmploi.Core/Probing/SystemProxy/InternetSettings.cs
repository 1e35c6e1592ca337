namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>
    /// One user's proxy settings as Internet Explorer / WinINet keep them (HKEY_USERS\&lt;SID&gt;\Software\Microsoft\Windows\
    /// CurrentVersion\Internet Settings): what the "Navigateur" connection type of IEA follows.
    /// </summary>
    public sealed class InternetSettings
    {
        /// <summary>The manual proxy is switched on (ProxyEnable = 1).</summary>
        public bool ProxyEnable { get; set; }

        /// <summary>"host:port" for every scheme, or "http=host:port;https=host:port;..." per scheme.</summary>
        public string? ProxyServer { get; set; }

        /// <summary>Addresses that bypass the proxy, separated by ';', with '*' wildcards and "&lt;local&gt;".</summary>
        public string? ProxyOverride { get; set; }

        /// <summary>The address of a proxy auto-configuration (PAC) script.</summary>
        public string? AutoConfigUrl { get; set; }

        /// <summary>"Automatically detect settings" (WPAD).</summary>
        public bool AutoDetect { get; set; }
    }
}
