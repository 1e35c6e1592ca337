using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ImpactEmploi.Logging;
using ImpactEmploi.Reporting;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// One HTML page (and, with -CsvPath, a CSV file for Excel) from the connection statuses of many PCs. Statuses are
    /// read by property name, so that those deserialized from Invoke-Command (enums as words, PSComputerName added)
    /// work as well as local ones; a repair report counts as its After status.
    /// </summary>
    [Cmdlet(VerbsData.Export, "IeaFleetReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportIeaFleetReportCommand : IeaCmdletBase
    {
        private readonly List<FleetReportRow> _rows = new List<FleetReportRow>();

        /// <summary>The HTML file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Statuses from Get-IeaConnectionStatus, local or from remote PCs.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

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
                try
                {
                    _rows.Add(StatusInput.ToRow(PSObject.AsPSObject(item)));
                }
                catch (IeaException error)
                {
                    WriteIeaError(error);
                }
            }
        }

        protected override void OnEnd()
        {
            var now = DateTimeOffset.Now;
            var html = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var csv = CsvPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CsvPath);
            WriteFile(html, () => FleetReportHtml.Bytes(_rows, Title, now));
            if (csv != null)
            {
                WriteFile(csv, () => FleetReportCsv.Bytes(_rows, CultureInfo.CurrentCulture));
            }
        }

        private void WriteFile(string path, Func<byte[]> content)
        {
            if (!ShouldProcess(path, Text.Format("FleetReportWrite", _rows.Count)))
            {
                return;
            }

            FleetReport.Write(path, content());
            Log.Information("Fleet report of {Count} installations written to {File:l}", _rows.Count, path);
            WriteVerbose(Text.Format("FleetReportWritten", path, _rows.Count));
            if (PassThru)
            {
                // Through the provider, so that the FileInfo has PSPath and pipes on to Get-Content or Invoke-Item.
                WriteObject(InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);
            }
        }
    }
}
