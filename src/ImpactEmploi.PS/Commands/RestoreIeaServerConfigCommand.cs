using System.Management.Automation;
using ImpactEmploi.Configuration;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>Puts back the newest backup (or -BackupPath); the current file is backed up first.</summary>
    [Cmdlet(VerbsData.Restore, "IeaServerConfig", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IeaServerConfig))]
    public sealed class RestoreIeaServerConfigCommand : WriterCmdletBase
    {
        /// <summary>One of the BackupPath values Get-IeaServerConfigBackup lists; else the newest backup.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BackupPath { get; set; }

        /// <summary>Puts back a backup naming an unofficial server (test servers, relays), as Set-IeaServerConfig -AllowCustomServer writes one.</summary>
        [Parameter]
        public SwitchParameter AllowCustomServer { get; set; }

        protected override void ProcessInstallation(string folder, string configPath)
        {
            var options = UpdateOptions();
            options.AllowCustomServer = AllowCustomServer;
            ConfigEditor.Restore(folder, configPath, Layout, BackupPath is null ? null : ResolvePath(BackupPath), options);
            if (PassThru)
            {
                WriteObject(ServerConfigReader.Read(folder, configPath, Layout));
            }
        }
    }
}
