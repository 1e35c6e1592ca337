using System;
using System.Collections.Generic;
using System.Text;

namespace ImpactEmploi.Layouts
{
    /// <summary>
    /// Where IEA keeps each setting on disk. No public source documents it, so it is data the user can replace
    /// (the layout schema of docs/ARCHITECTURE.md); <see cref="LayoutParser"/> builds it from a layout file's contents.
    /// </summary>
    public sealed class IeaLayout
    {
        private readonly IReadOnlyDictionary<Setting, SettingLocation> _locations;

        internal IeaLayout(string name, string source, string fileName, Encoding defaultEncoding,
            IReadOnlyDictionary<Setting, SettingLocation> locations, string applicationProcess, string connectionProgramProcess,
            IReadOnlyList<string> officialHosts, RecommendedSettings recommended,
            SettingsFormat format = SettingsFormat.Ini, IReadOnlyDictionary<string, string>? xmlNamespaces = null)
        {
            Format = format;
            XmlNamespaces = xmlNamespaces ?? new Dictionary<string, string>();
            Name = name;
            Source = source;
            FileName = fileName;
            DefaultEncoding = defaultEncoding;
            _locations = locations;
            ApplicationProcess = applicationProcess;
            ConnectionProgramProcess = connectionProgramProcess;
            OfficialHosts = officialHosts;
            Recommended = recommended;
        }

        public string Name { get; }

        /// <summary>The layout file it came from.</summary>
        public string Source { get; }

        /// <summary>The settings file's name inside an installation folder.</summary>
        public string FileName { get; }

        /// <summary>The settings file's format (Ini unless the layout says otherwise).</summary>
        public SettingsFormat Format { get; }

        /// <summary>The prefixes the layout's XPaths use, and their namespace URIs.</summary>
        public IReadOnlyDictionary<string, string> XmlNamespaces { get; }

        /// <summary>Whether any setting lives in the registry rather than in the settings file.</summary>
        public bool UsesRegistry
        {
            get
            {
                foreach (var location in _locations.Values)
                {
                    if (location.Format == SettingsFormat.Registry)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The encoding of an INI settings file without a byte order mark.</summary>
        public Encoding DefaultEncoding { get; }

        public string ApplicationProcess { get; }
        public string ConnectionProgramProcess { get; }
        public IReadOnlyList<string> OfficialHosts { get; }
        public RecommendedSettings Recommended { get; }

        public SettingLocation this[Setting setting] => _locations[setting];

        public bool IsOfficialHost(string host)
        {
            foreach (var official in OfficialHosts)
            {
                if (string.Equals(official, host, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        public override string ToString() => Name + " (" + Source + ")";
    }
}
