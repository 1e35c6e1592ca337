using System.Management.Automation;
using ImpactEmploi.Installations;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// "Relancer l'authentification auprès du serveur": restarts IEA's connection program, which authenticates as it
    /// starts; in a session without a desktop (session 0, SYSTEM, remoting) it warns that a user must do it instead.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "IeaAuthentication", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IeaInstallation))]
    public sealed class RestartIeaAuthenticationCommand : InstallationCmdletBase
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessInstallation(string folder, string configPath)
        {
            var outcome = ConnectionProgram.Restart(folder, Layout, Processes, new ProcessProgramControl(), SessionFacts.Current(),
                (target, action) => ShouldProcess(target, action), StopToken);
            if (outcome.RestartNeeded)
            {
                WriteWarning(Text.Format("ConnectionProgramRestartNeeded", System.IO.Path.Combine(folder, Layout.ConnectionProgramProcess)));
                return;
            }

            if (outcome.IsDeclined)
            {
                return;
            }

            WriteVerbose(Text.Format("ConnectionProgramRestarted", Layout.ConnectionProgramProcess,
                outcome.Stopped.Count == 0 ? "-" : string.Join(", ", outcome.Stopped), outcome.StartedProcessId));
            if (PassThru)
            {
                WriteObject(InstallationReader.Describe(folder, configPath, Layout, new ProcessSnapshot()));
            }
        }
    }
}
