namespace ImpactEmploi.Discovery
{
    /// <summary>What Test-IeaLayout found when it read one installation through a layout.</summary>
    public sealed class IeaLayoutTestResult
    {
        public string ComputerName { get; set; } = "";

        /// <summary>The installation folder.</summary>
        public string Path { get; set; } = "";

        /// <summary>The layout file tested.</summary>
        public string LayoutPath { get; set; } = "";

        /// <summary>The settings file the layout names in this installation.</summary>
        public string ConfigPath { get; set; } = "";

        /// <summary>True when the settings file exists and could be read.</summary>
        public bool FileFound { get; set; }

        /// <summary>True when the file was read, every required setting is present and every value is understood.</summary>
        public bool Passed { get; set; }

        /// <summary>The settings present in the file.</summary>
        public string[] Found { get; set; } = System.Array.Empty<string>();

        /// <summary>The settings the layout places where the file has nothing.</summary>
        public string[] Missing { get; set; } = System.Array.Empty<string>();

        /// <summary>The settings whose value the layout does not understand (an unknown word, a port that is not a number…).</summary>
        public string[] NotParsed { get; set; } = System.Array.Empty<string>();

        /// <summary>What differs, one readable sentence each.</summary>
        public string[] Differences { get; set; } = System.Array.Empty<string>();
    }
}
