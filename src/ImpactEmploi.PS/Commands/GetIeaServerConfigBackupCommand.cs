using System.Management.Automation;
using ImpactEmploi.Documents;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>Lists the backups the module made of each installation's settings file (and registry values), newest first.</summary>
    [Cmdlet(VerbsCommon.Get, "IeaServerConfigBackup", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaConfigBackup))]
    public sealed class GetIeaServerConfigBackupCommand : InstallationCmdletBase
    {
        protected override void ProcessInstallation(string folder, string configPath)
        {
            foreach (var backup in SettingsDocuments.ListBackups(configPath, Layout))
            {
                WriteObject(backup);
            }
        }
    }
}
