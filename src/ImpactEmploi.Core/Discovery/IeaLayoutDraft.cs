namespace ImpactEmploi.Discovery
{
    /// <summary>A layout New-IeaLayout drafted from what Find-IeaSetting found in one installation.</summary>
    public sealed class IeaLayoutDraft
    {
        /// <summary>The installation folder the draft describes.</summary>
        public string Path { get; set; } = "";

        /// <summary>The layout file written (or that -WhatIf would write).</summary>
        public string OutFile { get; set; } = "";

        /// <summary>The settings file the draft names, relative to the installation folder.</summary>
        public string FileName { get; set; } = "";

        /// <summary>The settings file's format by name.</summary>
        public string Format => FormatValue.ToString();

        internal SettingFormat FormatValue { get; set; }

        /// <summary>The settings placed from a candidate.</summary>
        public string[] Found { get; set; } = System.Array.Empty<string>();

        /// <summary>The settings no candidate was found for: the draft holds a placeholder, marked so, for each.</summary>
        public string[] NotFound { get; set; } = System.Array.Empty<string>();

        /// <summary>True when the file was written; false under -WhatIf.</summary>
        public bool Written { get; set; }

        /// <summary>The layout file's text.</summary>
        public string Text { get; set; } = "";
    }
}
