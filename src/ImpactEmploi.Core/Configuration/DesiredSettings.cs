namespace ImpactEmploi.Configuration
{
    /// <summary>What a command wants the settings to be; a null member is left as it is.</summary>
    public sealed class DesiredSettings
    {
        public ConnectionType? ConnectionType { get; set; }
        public string? ProxyHost { get; set; }
        public int? ProxyPort { get; set; }
        public bool? ProxySecure { get; set; }
        public ConnectionMode? ConnectionMode { get; set; }
        public string? AuthenticationServer { get; set; }
        public string? UpdateServer { get; set; }
        public string? NetEntreprisesServer { get; set; }
        public bool? AssistanceMode { get; set; }

        /// <summary>Written where the layout says IEA reads it; never logged or shown.</summary>
        public string? DailyPassword { get; set; }

        /// <summary>Addresses to an unofficial host are accepted (test servers, relays).</summary>
        public bool AllowCustomServer { get; set; }

        /// <summary>The fiche's settings: Secure mode and the three https addresses. Connection type and proxy are left alone.</summary>
        public static DesiredSettings Recommended(Layouts.RecommendedSettings recommended) => new DesiredSettings
        {
            ConnectionMode = recommended.ConnectionMode,
            AuthenticationServer = recommended.AuthenticationServer.OriginalString,
            UpdateServer = recommended.UpdateServer.OriginalString,
            NetEntreprisesServer = recommended.NetEntreprisesServer.OriginalString,
        };

        /// <summary>This, with every member <paramref name="overrides"/> sets taking its place.</summary>
        public DesiredSettings With(DesiredSettings overrides) => new DesiredSettings
        {
            ConnectionType = overrides.ConnectionType ?? ConnectionType,
            ProxyHost = overrides.ProxyHost ?? ProxyHost,
            ProxyPort = overrides.ProxyPort ?? ProxyPort,
            ProxySecure = overrides.ProxySecure ?? ProxySecure,
            ConnectionMode = overrides.ConnectionMode ?? ConnectionMode,
            AuthenticationServer = overrides.AuthenticationServer ?? AuthenticationServer,
            UpdateServer = overrides.UpdateServer ?? UpdateServer,
            NetEntreprisesServer = overrides.NetEntreprisesServer ?? NetEntreprisesServer,
            AssistanceMode = overrides.AssistanceMode ?? AssistanceMode,
            DailyPassword = overrides.DailyPassword ?? DailyPassword,
            AllowCustomServer = overrides.AllowCustomServer || AllowCustomServer,
        };
    }
}
