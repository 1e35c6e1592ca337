using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using ImpactEmploi.Logging;
using ImpactEmploi.Reporting;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// One HTML page (and, with -CsvPath, a CSV file for Excel) from the connection statuses of many PCs. Statuses are
    /// read by property name (StatusInput), so that those deserialized from Invoke-Command work as well as local ones;
    /// a repair report counts as its After status. Errors on the pipeline or in -ErrorInput (a PC that remoting could
    /// not reach, a command that failed there) are listed as PCs that could not be read. Nothing valid: no file.
    /// </summary>
    [Cmdlet(VerbsData.Export, "IeaFleetReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportIeaFleetReportCommand : IeaCmdletBase
    {
        private const int ProgressEvery = 50;
        private readonly List<FleetReportRow> _rows = new List<FleetReportRow>();
        private readonly List<FleetReportUnread> _unread = new List<FleetReportUnread>();
        private readonly ProgressRecord _progress = new ProgressRecord(2, "Export-IeaFleetReport", " ");
        private int _read;

        /// <summary>The HTML file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Statuses from Get-IeaConnectionStatus or repair reports, local or from remote PCs; errors are listed as PCs not read.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>Errors gathered with -ErrorVariable (for example from Invoke-Command): the PCs that could not be read.</summary>
        [Parameter]
        [ValidateNotNull]
        public ErrorRecord[]? ErrorInput { get; set; }

        /// <summary>Also writes the rows as CSV for Excel.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CsvPath { get; set; }

        /// <summary>The page's title; a default in the user's language.</summary>
        [Parameter]
        public string? Title { get; set; }

        /// <summary>Writes the files written (FileInfo) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void OnProcess()
        {
            if (InputObject == null) return;
            // -InputObject $statuses (an array, not from the pipeline) is taken item by item.
            var items = LanguagePrimitives.GetEnumerable(InputObject.BaseObject) ?? new object[] { InputObject };
            foreach (var item in items)
            {
                if (item == null) continue;
                var input = PSObject.AsPSObject(item);
                ShowProgress();
                if (StatusInput.IsError(input))
                {
                    _unread.Add(StatusInput.ToUnread(input));
                    continue;
                }

                try
                {
                    _rows.Add(StatusInput.ToRow(input));
                }
                catch (IeaException error)
                {
                    WriteIeaError(error);
                }
            }
        }

        protected override void OnEnd()
        {
            foreach (var error in ErrorInput ?? Array.Empty<ErrorRecord>())
            {
                _unread.Add(StatusInput.ToUnread(PSObject.AsPSObject(error)));
            }

            if (_read >= ProgressEvery)
            {
                _progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(_progress);
            }

            var html = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (_rows.Count == 0 && _unread.Count == 0)
            {
                WriteIeaError(new IeaException(ErrorIds.ReportNotWritten, IeaErrorCategory.InvalidData,
                    Text.Format("FleetReportNothingValid", html), html, Text.Get("FleetReportNothingValidAction")));
                return;
            }

            var now = DateTimeOffset.Now;
            var csv = CsvPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CsvPath);
            WriteFile(html, () => FleetReportHtml.Bytes(_rows, Title, now, _unread));
            if (csv != null)
            {
                WriteFile(csv, () => FleetReportCsv.Bytes(_rows, CultureInfo.CurrentCulture));
            }
        }

        /// <summary>A count of the statuses read so far, past the first few dozen (fleets of hundreds take a while to arrive).</summary>
        private void ShowProgress()
        {
            _read++;
            if (_read % ProgressEvery != 0) return;
            _progress.StatusDescription = Text.Format("FleetReportProgress", _read);
            WriteProgress(_progress);
        }

        private void WriteFile(string path, Func<byte[]> content)
        {
            if (!ShouldProcess(path, Text.Format("FleetReportWrite", _rows.Count)))
            {
                return;
            }

            FleetReport.Write(path, content());
            Log.Event(Text.Format("FleetReportWritten", path, _rows.Count), "Fleet report of {Count} installations written to {File:l}", _rows.Count, path);
            if (PassThru)
            {
                // Through the provider, so that the FileInfo has PSPath and pipes on to Get-Content or Invoke-Item.
                WriteObject(InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);
            }
        }
    }
}
