using System.Collections.Generic;

namespace ImpactEmploi.Installations
{
    /// <summary>A program listed in Windows' "Apps and features" (the Uninstall registry keys).</summary>
    public sealed class UninstallEntry
    {
        public UninstallEntry(string displayName, string? installLocation)
        {
            DisplayName = displayName;
            InstallLocation = installLocation;
        }

        public string DisplayName { get; }
        public string? InstallLocation { get; }
    }

    /// <summary>The seam between discovery and the Windows registry; empty elsewhere.</summary>
    public interface IUninstallEntries
    {
        IEnumerable<UninstallEntry> Read();
    }
}
