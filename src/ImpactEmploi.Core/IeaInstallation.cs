namespace ImpactEmploi
{
    /// <summary>One IEA installation found on this PC.</summary>
    public sealed class IeaInstallation
    {
        public IeaInstallation(string path, string configPath, string? version, string layoutName,
            bool applicationRunning, bool connectionProgramRunning)
        {
            Path = path;
            ConfigPath = configPath;
            Version = version;
            LayoutName = layoutName;
            ApplicationRunning = applicationRunning;
            ConnectionProgramRunning = connectionProgramRunning;
        }

        /// <summary>The installation folder.</summary>
        public string Path { get; }

        /// <summary>IEA's settings file, as the layout names it.</summary>
        public string ConfigPath { get; }

        /// <summary>The version exactly as IEA writes it (for example 3.00.72): the support subject needs it so.</summary>
        public string? Version { get; }

        public string LayoutName { get; }
        public bool ApplicationRunning { get; }
        public bool ConnectionProgramRunning { get; }

        public override string ToString() => Path;
    }
}
