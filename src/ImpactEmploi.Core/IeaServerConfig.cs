using System.Collections.Generic;

namespace ImpactEmploi
{
    /// <summary>IEA's connection settings, as the "Paramètres de connexion" dialog shows them.</summary>
    public sealed class IeaServerConfig
    {
        private TextList _deviations = TextList.Empty;

        /// <summary>The installation folder.</summary>
        public string Path { get; set; } = "";

        /// <summary>The settings file the values were read from.</summary>
        public string ConfigPath { get; set; } = "";
        /// <summary>The connection type's name (Direct, Proxy, ...).</summary>
        public string ConnectionType => ConnectionTypeValue.ToString();

        internal ConnectionType ConnectionTypeValue { get; set; }
        public string? ProxyHost { get; set; }
        public int ProxyPort { get; set; }
        public bool ProxySecure { get; set; }
        /// <summary>The connection mode's name (Normal, ...).</summary>
        public string ConnectionMode => ConnectionModeValue.ToString();

        internal ConnectionMode ConnectionModeValue { get; set; }
        public string? AuthenticationServer { get; set; }
        public string? UpdateServer { get; set; }
        public string? NetEntreprisesServer { get; set; }
        public bool AssistanceMode { get; set; }
        public string? Version { get; set; }

        /// <summary>True when every setting the fiche prescribes has its recommended value.</summary>
        public bool IsRecommended => Deviations.Count == 0;

        /// <summary>One readable line per setting that differs from the fiche.</summary>
        public IReadOnlyList<string> Deviations { get => _deviations; set => _deviations = TextList.Of(value); }

        public override string ToString() => ConfigPath;
    }
}
