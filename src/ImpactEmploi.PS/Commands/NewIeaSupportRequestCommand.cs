using System;
using System.Management.Automation;
using ImpactEmploi.Configuration;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Probing;
using ImpactEmploi.Resources;
using ImpactEmploi.Support;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// The mail to URSSAF's support, as the fiche asks (subject "Serveur de connexion" and the installed version,
    /// contact details in the body, French), as an object and, with -OutFile, an .eml draft. It diagnoses the
    /// installations it targets (-Path, -InputObject, none: this PC's), or takes statuses and repair reports from the
    /// pipeline; anything else is NotAConnectionStatus. No mail when the fault is on this PC's side (the status's
    /// next step is the local fix). The fiche asks never to send the same message twice: a second request for the
    /// same installation within 7 days is refused unless -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "IeaSupportRequest", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IeaSupportRequest))]
    public sealed class NewIeaSupportRequestCommand : ProbeCmdletBase
    {
        private const string StatusSet = "Status";

        /// <summary>A status from Get-IeaConnectionStatus, or a repair report (its After), local or from a remote PC.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StatusSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject? Status { get; set; }

        /// <summary>Diagnoses from the settings only: no server is contacted.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public SwitchParameter Offline { get; set; }

        [Parameter]
        public string? Organisation { get; set; }

        [Parameter]
        public string? ContactName { get; set; }

        [Parameter]
        public string? Phone { get; set; }

        [Parameter]
        public string? Email { get; set; }

        /// <summary>An .eml file to write, or an existing folder (one file per installation is named there).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Writes even when the same request was made in the last 7 days.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private ContactDetails Contact => new ContactDetails { Organisation = Organisation, ContactName = ContactName, Phone = Phone, Email = Email };

        protected override void OnBegin()
        {
            base.OnBegin();
            if (SupportRequestBuilder.HasNoContact(Contact))
            {
                WriteWarning(Text.Get("SupportNoContact"));
            }
        }

        protected override void OnProcess()
        {
            if (ParameterSetName != StatusSet)
            {
                base.OnProcess();
                return;
            }

            IeaConnectionStatus status;
            try
            {
                status = StatusInput.ToStatus(Status!);
            }
            catch (IeaException error)
            {
                WriteIeaError(error);
                return;
            }

            Request(status);
        }

        protected override void ProcessInstallation(string folder, string configPath)
        {
            var (config, lastResult) = ServerConfigReader.ReadWithLastResult(folder, configPath, Layout);
            var tests = Offline ? null : TestServers(config, configPath, ServerTestRun.AddressesOf(config));
            Request(Diagnoser.Diagnose(config, lastResult, tests, Environment.MachineName, DateTimeOffset.Now));
        }

        private void Request(IeaConnectionStatus status)
        {
            if (SupportRequestPolicy.IsLocalFault(status))
            {
                WriteWarning(Text.Format("SupportLocalFault", status.Path, SupportRequestPolicy.LocalFix(status)));
                return;
            }

            var request = SupportRequestBuilder.Build(status, status.Version, Contact,
                typeof(NewIeaSupportRequestCommand).Assembly.GetName().Version?.ToString(3) ?? "", DateTimeOffset.Now);
            if (OutFile == null)
            {
                WriteObject(request);
                return;
            }

            var outFile = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            if (SupportRequestDraft.Save(request, outFile, Force, (target, action) => ShouldProcess(target, action)))
            {
                WriteObject(request);
            }
        }
    }
}
