namespace ImpactEmploi.Installations
{
    /// <summary>A program listed in Windows' "Apps and features" (the Uninstall registry keys).</summary>
    public sealed class UninstallEntry
    {
        public UninstallEntry(string displayName, string? installLocation, string? displayIcon = null, string? uninstallString = null)
        {
            DisplayName = displayName;
            InstallLocation = installLocation;
            DisplayIcon = displayIcon;
            UninstallString = uninstallString;
        }

        public string DisplayName { get; }
        public string? InstallLocation { get; }

        /// <summary>"C:\Folder\Program.exe,0": its folder stands in for an empty InstallLocation.</summary>
        public string? DisplayIcon { get; }

        /// <summary>"\"C:\Folder\unins000.exe\" /SILENT": its folder stands in when DisplayIcon says nothing either.</summary>
        public string? UninstallString { get; }
    }
}
