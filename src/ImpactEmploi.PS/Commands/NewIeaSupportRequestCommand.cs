using System;
using System.Management.Automation;
using ImpactEmploi.Support;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// The mail to URSSAF's support, as the fiche asks (subject "Serveur de connexion" and the installed version,
    /// contact details in the body), as an object and, with -OutFile, an .eml draft. The fiche asks never to send
    /// the same message twice: a second request for the same installation within 7 days is refused unless -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "IeaSupportRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IeaSupportRequest))]
    public sealed class NewIeaSupportRequestCommand : IeaCmdletBase
    {
        /// <summary>The status to report, from Get-IeaConnectionStatus (or the After of a repair report), local or from a remote PC.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject? Status { get; set; }

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

        protected override void OnProcess()
        {
            var contact = new ContactDetails { Organisation = Organisation, ContactName = ContactName, Phone = Phone, Email = Email };
            var status = StatusInput.From(Status!);
            var request = SupportRequestBuilder.Build(status, status.Version, contact,
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
