using System.Management.Automation;
using ImpactEmploi.Documents;
using ImpactEmploi.Storage;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>Lists the backups the module made of each installation's settings file (and registry values), newest first.</summary>
    [Cmdlet(VerbsCommon.Get, "IeaServerConfigBackup", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaConfigBackup))]
    public sealed class GetIeaServerConfigBackupCommand : InstallationCmdletBase
    {
        protected override void ProcessInstallation(string folder, string configPath)
        {
            var now = System.DateTimeOffset.UtcNow;
            foreach (var backup in SettingsDocuments.ListBackups(configPath, Layout))
            {
                if (BackupStore.IsFutureDated(backup, now))
                {
                    WriteWarning(ImpactEmploi.Resources.Text.Format("BackupFutureDated", backup.BackupPath, backup.Created));
                }

                WriteObject(backup);
            }
        }
    }
}
