using System;
using System.Management.Automation;
using System.Security;
using ImpactEmploi.Configuration;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// "Désactiver le mode assistance" with the password of the day from support: the password goes only where
    /// the layout says IEA reads it; it is never logged, shown or returned.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Disable, "IeaAssistanceMode", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IeaConnectionStatus))]
    public sealed class DisableIeaAssistanceModeCommand : WriterCmdletBase
    {
        /// <summary>The password of the day, sent by impact-emploi-association@urssaf.fr.</summary>
        [Parameter]
        public SecureString? DailyPassword { get; set; }

        protected override void OnBegin()
        {
            if (DailyPassword == null || DailyPassword.Length == 0)
            {
                ThrowTerminatingError(ToErrorRecord(new IeaException(ErrorIds.DailyPasswordRequired, IeaErrorCategory.InvalidArgument,
                    Text.Get("DailyPasswordRequired"), null, Text.Get("DailyPasswordRequiredAction"))));
            }

            base.OnBegin();
        }

        protected override void ProcessInstallation(string folder, string configPath)
        {
            SecureStrings.Use(DailyPassword!, password => AssistanceMode.Disable(folder, configPath, Layout, password, UpdateOptions()));
            if (PassThru)
            {
                var (config, lastResult) = ServerConfigReader.ReadWithLastResult(folder, configPath, Layout);
                WriteObject(Diagnoser.Diagnose(config, lastResult, null, Environment.MachineName, DateTimeOffset.Now));
            }
        }
    }
}
