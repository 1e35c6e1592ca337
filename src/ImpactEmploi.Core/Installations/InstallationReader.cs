using ImpactEmploi.Documents;
using ImpactEmploi.Layouts;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Installations
{
    public static class InstallationReader
    {
        /// <summary>
        /// Describes one installation. A settings file that cannot be read still leaves an installation to list
        /// (with no version and a warning): the other cmdlets report the reading error where it matters.
        /// </summary>
        public static IeaInstallation Describe(string folder, string configPath, IeaLayout layout, IProcessTable processes)
        {
            string? version = null;
            try
            {
                var location = layout[Setting.Version];
                version = SettingsDocuments.Load(configPath, layout).GetValue(location);
            }
            catch (IeaException error)
            {
                LogPump.Current?.Enqueue(PumpLevel.Warning, Text.Format("VersionUnknown", configPath, error.Message));
            }

            return new IeaInstallation(folder, configPath, version, layout.Name,
                processes.IsRunning(layout.ApplicationProcess, folder),
                processes.IsRunning(layout.ConnectionProgramProcess, folder));
        }
    }
}
