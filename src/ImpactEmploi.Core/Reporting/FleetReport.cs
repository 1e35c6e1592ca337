using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ImpactEmploi.Resources;
using ImpactEmploi.Storage;

namespace ImpactEmploi.Reporting
{
    /// <summary>What the HTML page and the CSV file share: the order of the rows, the words for states, the write.</summary>
    public static class FleetReport
    {
        /// <summary>The states, worst first: what needs URSSAF's support, then what stops IEA, then what needs a fix, then the rest.</summary>
        public static IReadOnlyList<string> StatesBySeverity { get; } = new[]
        {
            nameof(ConnectionState.LicenseNotRecognized),
            nameof(ConnectionState.AuthorizationDenied),
            nameof(ConnectionState.Disconnected),
            nameof(ConnectionState.AssistanceMode),
            nameof(ConnectionState.ConfigurationOutdated),
            nameof(ConnectionState.NotTested),
            nameof(ConnectionState.Connected),
        };

        /// <summary>
        /// 1 for the worst known state up to 7 for Connected; 0 for a state this version does not know (a newer
        /// module on the remote PC): it comes first, to be looked at.
        /// </summary>
        public static int Severity(string? state)
        {
            for (int i = 0; i < StatesBySeverity.Count; i++)
            {
                if (string.Equals(StatesBySeverity[i], state, StringComparison.OrdinalIgnoreCase)) return i + 1;
            }

            return 0;
        }

        /// <summary>What a state means, in the user's language.</summary>
        public static string Describe(string? state) =>
            Severity(state) == 0 ? Text.Get("FleetReportUnknownState") : Text.Get("ConnectionState" + Canonical(state));

        /// <summary>The state's word as the enum spells it (states read from another PC may differ in case).</summary>
        public static string Canonical(string? state)
        {
            int severity = Severity(state);
            return severity == 0 ? state ?? "" : StatesBySeverity[severity - 1];
        }

        /// <summary>Rows by state severity, then PC name (current culture, ignoring case), then installation folder.</summary>
        public static IReadOnlyList<FleetReportRow> Order(IEnumerable<FleetReportRow> rows)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            var names = StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);
            return rows.OrderBy(r => Severity(r.State))
                .ThenBy(r => r.ComputerName, names)
                .ThenBy(r => r.Path, StringComparer.Ordinal)
                .ToArray();
        }

        /// <summary>How many rows per state: every known state (worst first, zeros included), then unknown ones.</summary>
        public static IReadOnlyList<KeyValuePair<string, int>> Counts(IEnumerable<FleetReportRow> rows)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            var all = rows.ToList();
            var known = StatesBySeverity.Select(s => new KeyValuePair<string, int>(s, all.Count(r => Severity(r.State) > 0 && Canonical(r.State) == s)));
            var unknown = all.Where(r => Severity(r.State) == 0)
                .GroupBy(r => r.State, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()));
            return unknown.Concat(known).ToArray();
        }

        /// <summary>Writes a report file atomically (temp file in the same folder, then renamed over the target).</summary>
        /// <exception cref="IeaException">ReportNotWritten when the folder is missing or may not be written.</exception>
        public static void Write(string path, byte[] bytes)
        {
            try
            {
                AtomicFile.Replace(path, bytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is IeaException)
            {
                var cause = ex is IeaException && ex.InnerException != null ? ex.InnerException : ex;
                throw new IeaException(ErrorIds.ReportNotWritten, IeaErrorCategory.WriteError,
                    Text.Format("FleetReportNotWritten", path, cause.Message), path, Text.Get("FleetReportNotWrittenAction"), cause);
            }
        }
    }
}
