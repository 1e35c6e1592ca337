using System.Collections;
using ImpactEmploi.Layouts;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// A value found in an installation's files or in the registry that looks like one of the fiche's settings,
    /// with where it is in the layout's own terms (Section and Key, XPath, Key, JsonPath, RegistryKey and ValueName).
    /// </summary>
    public sealed class IeaSettingCandidate
    {
        /// <summary>The installation folder that was searched.</summary>
        public string Path { get; set; } = "";

        /// <summary>The file (full path) or the registry key the value is in.</summary>
        public string Location { get; set; } = "";

        /// <summary>The file relative to the installation folder, as a layout's FileName; null for the registry.</summary>
        public string? RelativePath { get; set; }

        /// <summary>The file's format by name (Ini, Xml, Properties, Json, Registry).</summary>
        public string Format => FormatValue.ToString();

        internal SettingFormat FormatValue { get; set; }

        /// <summary>INI: the section ("" before any section).</summary>
        public string? Section { get; set; }

        /// <summary>INI and .properties: the key.</summary>
        public string? Key { get; set; }

        /// <summary>XML: the element's text or attribute, as a simple absolute path.</summary>
        public string? XPath { get; set; }

        /// <summary>XML: the prefixes XPath uses, prefix to namespace URI; null when it uses none.</summary>
        public Hashtable? XmlNamespaces { get; set; }

        /// <summary>JSON: dot-separated property names, [n] for an array index.</summary>
        public string? JsonPath { get; set; }

        /// <summary>Registry: the key, as HKLM:\..., HKCU:\... or HKU:\&lt;SID&gt;\....</summary>
        public string? RegistryKey { get; set; }

        public string? ValueName { get; set; }

        /// <summary>Registry: Default, Registry32 or Registry64.</summary>
        public string? View { get; set; }

        /// <summary>Registry: String or DWord.</summary>
        public string? ValueKind { get; set; }

        /// <summary>The file's text encoding as a layout's Encoding names it (files only).</summary>
        public string? Encoding { get; set; }

        /// <summary>Where the value is inside its file or key, in one readable string.</summary>
        public string Entry { get; set; } = "";

        /// <summary>The value as found; a password is shown as ***.</summary>
        public string Value { get; set; } = "";

        /// <summary>The setting the value most likely is.</summary>
        public string Setting => SettingValue.ToString();

        /// <summary>How likely the value is that setting, by name.</summary>
        public string Confidence => ConfidenceValue.ToString();

        internal Setting SettingValue { get; set; }
        internal CandidateConfidence ConfidenceValue { get; set; }

        /// <summary>Why the value was taken for that setting.</summary>
        public string Reason { get; set; } = "";

        public override string ToString() => Setting + ": " + Location + " " + Entry + " = " + Value;
    }
}
