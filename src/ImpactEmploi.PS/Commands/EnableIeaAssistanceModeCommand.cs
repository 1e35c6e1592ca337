using System;
using System.Management.Automation;
using ImpactEmploi.Configuration;
using ImpactEmploi.Diagnosis;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// "Activer le mode assistance": IEA works offline (red scarab) until support's password of the day disables it.
    /// It asks for confirmation by default (ConfirmImpact High): undoing it needs URSSAF's password of the day.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "IeaAssistanceMode", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IeaConnectionStatus))]
    public sealed class EnableIeaAssistanceModeCommand : WriterCmdletBase
    {
        protected override void ProcessInstallation(string folder, string configPath)
        {
            AssistanceMode.Enable(folder, configPath, Layout, UpdateOptions());
            if (PassThru)
            {
                var (config, lastResult) = ServerConfigReader.ReadWithLastResult(folder, configPath, Layout);
                WriteObject(Diagnoser.Diagnose(config, lastResult, null, Environment.MachineName, DateTimeOffset.Now));
            }
        }
    }
}
