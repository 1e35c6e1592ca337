using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Reporting
{
    /// <summary>The fleet report's rows as CSV for Excel (RFC 4180: CRLF, fields quoted when needed, quotes doubled).</summary>
    public static class FleetReportCsv
    {
        /// <summary>
        /// What Excel expects from the regional settings: ';' where the decimal separator is a comma (fr-FR and most of
        /// Europe), ',' elsewhere.
        /// </summary>
        public static char Delimiter(CultureInfo culture)
        {
            if (culture is null) throw new ArgumentNullException(nameof(culture));
            return culture.NumberFormat.NumberDecimalSeparator == "," ? ';' : ',';
        }

        /// <summary>The file's bytes: UTF-8 with a byte order mark, without which Excel reads accents wrongly.</summary>
        public static byte[] Bytes(IEnumerable<FleetReportRow> rows, CultureInfo culture)
        {
            var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
            return encoding.GetPreamble().Concat(encoding.GetBytes(Build(rows, Delimiter(culture)))).ToArray();
        }

        /// <summary>A header line (labels in the user's language), then one line per row in the report's order.</summary>
        public static string Build(IEnumerable<FleetReportRow> rows, char delimiter)
        {
            var text = new StringBuilder();
            Line(text, delimiter, Text.Get("FleetReportColumnComputer"), Text.Get("FleetReportColumnPath"), Text.Get("FleetReportColumnState"),
                Text.Get("FleetReportColumnMeaning"), Text.Get("FleetReportColumnCase"), Text.Get("FleetReportColumnCompliant"),
                Text.Get("FleetReportColumnVersion"), Text.Get("FleetReportColumnCheckedAt"), Text.Get("FleetReportColumnDeviations"),
                Text.Get("FleetReportColumnFailures"), Text.Get("FleetReportColumnNextStep"));
            foreach (var row in FleetReport.Order(rows))
            {
                // The state's English word stays in the CSV (for filters and scripts); its meaning is in the user's language.
                Line(text, delimiter, row.ComputerName, row.Path, FleetReport.Canonical(row.State), FleetReport.Describe(row.State),
                    row.Case.ToString(CultureInfo.InvariantCulture), Text.Get(row.Compliant ? "FleetReportYes" : "FleetReportNo"),
                    row.Version, row.CheckedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                    string.Join(TextList.Separator, row.Deviations), string.Join(" | ", row.FailingServers), row.NextStep);
            }

            return text.ToString();
        }

        /// <summary>
        /// One field: quoted when it holds the delimiter, a quote or a line break. A value Excel would run as a formula
        /// (starting with = + - @ or a tab) gets a leading apostrophe, so a hostile PC name stays text.
        /// </summary>
        internal static string Field(string? value, char delimiter)
        {
            value ??= "";
            if (value.Length > 0 && "=+-@\t\r".IndexOf(value[0]) >= 0) value = "'" + value;
            bool quote = value.IndexOf(delimiter) >= 0 || value.IndexOf('"') >= 0 || value.IndexOf('\r') >= 0 || value.IndexOf('\n') >= 0;
            return quote ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
        }

        private static void Line(StringBuilder text, char delimiter, params string?[] fields)
        {
            text.Append(string.Join(delimiter.ToString(), fields.Select(f => Field(f, delimiter)))).Append("\r\n");
        }
    }
}
