using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
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
                DailyPassword = PromptForPassword();
            }

            if (DailyPassword == null || DailyPassword.Length == 0)
            {
                ThrowTerminatingError(ToErrorRecord(new IeaException(ErrorIds.DailyPasswordRequired, IeaErrorCategory.InvalidArgument,
                    Text.Get("DailyPasswordRequired"), null, Text.Get("DailyPasswordRequiredAction"))));
            }

            base.OnBegin();
        }

        /// <summary>
        /// Asks for the password, masked, when someone can answer; null in a session that cannot prompt (-NonInteractive,
        /// a service, Intune, a remote session without a console), so that scripts get DailyPasswordRequired at once.
        /// </summary>
        private SecureString? PromptForPassword()
        {
            if (!Environment.UserInteractive || Host?.UI == null)
            {
                return null;
            }

            try
            {
                // The prompt PowerShell itself uses for a missing mandatory parameter: masked input, nothing shown when it cannot ask.
                var field = new FieldDescription(nameof(DailyPassword)) { HelpMessage = Text.Get("DailyPasswordRequiredAction") };
                field.SetParameterType(typeof(SecureString));
                var answers = Host.UI.Prompt(MyInvocation.MyCommand.Name, Text.Get("DailyPasswordPrompt"), new Collection<FieldDescription> { field });
                return answers != null && answers.TryGetValue(nameof(DailyPassword), out var answer) ? answer?.BaseObject as SecureString : null;
            }
            catch (Exception e) when (e is PSInvalidOperationException || e is HostException || e is NotImplementedException || e is InvalidOperationException)
            {
                return null;
            }
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
