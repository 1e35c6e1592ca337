using System;
using System.IO;
using System.Management.Automation;
using ImpactEmploi.Logging;
using ImpactEmploi.Resources;
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
        private static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(7);

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

            var journal = new SupportRequestJournal(ModulePaths.StateFolder());
            var earlier = Force ? null : journal.FindRecent(request.Path, request.Subject, DateTimeOffset.Now, DuplicateWindow);
            if (earlier != null)
            {
                WriteWarning(Text.Format("SupportRequestDuplicate", request.Subject, request.Path,
                    earlier.CreatedAt.LocalDateTime.ToString("g", System.Globalization.CultureInfo.CurrentCulture), earlier.File ?? "-"));
                return;
            }

            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            if (Directory.Exists(path))
            {
                path = Path.Combine(path, FileNameFor(request));
            }

            if (!ShouldProcess(path, Text.Format("SupportRequestWrite", request.Subject)))
            {
                return;
            }

            try
            {
                EmlWriter.Write(request, path, null);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new IeaException(ErrorIds.SupportRequestNotWritten, IeaErrorCategory.WriteError,
                    Text.Format("SupportRequestNotWritten", path, e.Message), path, Text.Get("SupportRequestNotWrittenAction"), e);
            }

            journal.Record(request);
            Log.Information("Support request {Subject:l} for {Path:l} written to {File:l}", request.Subject, request.Path, path);
            WriteObject(request);
        }

        private static string FileNameFor(IeaSupportRequest request)
        {
            var leaf = Path.GetFileName(request.Path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            var name = Environment.MachineName + "-" + (string.IsNullOrEmpty(leaf) ? "IEA" : leaf) + ".eml";
            foreach (var invalid in Path.GetInvalidFileNameChars())
            {
                name = name.Replace(invalid, '_');
            }

            return name;
        }
    }
}
