using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Reporting
{
    /// <summary>
    /// The fleet report as one self-contained HTML page: no external file, font, script or stylesheet. Every value is
    /// HTML-encoded; the only script (sorting) is fixed text, allowed by its hash in the page's Content-Security-Policy,
    /// so even a value that escaped encoding could not run. Without script the rows are already by state, then name.
    /// </summary>
    public static class FleetReportHtml
    {
        // Sorting by a click on "State" or "PC"; a second click reverses. Holds no data: the rows carry data-severity and data-name.
        private static readonly string Script = string.Join("\n",
            "(function () {",
            "  var table = document.getElementById('fleet'), body = table.tBodies[0], lang = document.documentElement.lang;",
            "  function name(r) { return r.getAttribute('data-name') || ''; }",
            "  function sev(r) { return Number(r.getAttribute('data-severity')); }",
            "  function byName(a, b) { return name(a).localeCompare(name(b), lang, { sensitivity: 'accent' }); }",
            "  var orders = {",
            "    state: function (a, b) { return sev(a) - sev(b) || byName(a, b); },",
            "    name: function (a, b) { return byName(a, b) || sev(a) - sev(b); }",
            "  };",
            "  var heads = table.querySelectorAll('th[data-sort]');",
            "  Array.prototype.forEach.call(heads, function (th) {",
            "    th.querySelector('button').addEventListener('click', function () {",
            "      var descending = th.getAttribute('aria-sort') === 'ascending';",
            "      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute('aria-sort'); });",
            "      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');",
            "      var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.hasAttribute('data-severity'); });",
            "      rows.sort(orders[th.getAttribute('data-sort')]);",
            "      if (descending) rows.reverse();",
            "      rows.forEach(function (r) { body.appendChild(r); });",
            "    });",
            "  });",
            "})();");

        // The script's SHA-256, for the Content-Security-Policy; a unit test recomputes it (SHA256 may throw on .NET Framework in FIPS mode).
        internal const string ScriptHash = "sha256-Uvc8WfjNNCuNiLuyuR70zza9yOeyO1kdQdVT+FJ/H1w=";

        private const string Style = @"
body { font: 15px/1.4 'Segoe UI', Arial, sans-serif; margin: 1.5em; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
.date { color: #555; margin: 0 0 1em; }
h2 { font-size: 1.1em; margin: 1.2em 0 .5em; }
.counts { display: flex; flex-wrap: wrap; gap: .6em; list-style: none; padding: 0; margin: 0; }
.counts li { display: flex; align-items: center; gap: .5em; border: 1px solid #ccd; border-radius: 6px; padding: .4em .8em; min-width: 12em; }
.counts li.zero { opacity: .45; }
.counts .n { font-size: 1.6em; font-weight: bold; min-width: 1.2em; text-align: right; }
.icon { width: 28px; height: 28px; flex: none; vertical-align: middle; }
.word { font-weight: 600; }
.desc, .uri { display: block; color: #555; font-size: .88em; }
table { border-collapse: collapse; width: 100%; margin-top: .5em; }
th, td { border: 1px solid #ccd; padding: .35em .5em; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: #0b4f9c; text-decoration: underline; }
th[aria-sort=ascending] button::after { content: ' \25B2'; }
th[aria-sort=descending] button::after { content: ' \25BC'; }
tbody tr:nth-child(even) { background: #f8f9fb; }
.statecell { display: flex; gap: .4em; }
.bad { color: #b3261e; font-weight: 600; }
ul.servers { margin: 0; padding-left: 1.1em; }
#fleet { font-size: 13px; }
.path { font-family: Consolas, monospace; max-width: 12em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
td.devs { min-width: 14em; }
td.fails { min-width: 17em; }
.nowrap { white-space: nowrap; }
td.icon-cell { white-space: nowrap; }
td .icon { width: 20px; height: 20px; margin-right: .3em; }
.steps { margin: 0; padding: 0; list-style: none; }
.steps li { border-left: 4px solid #ccd; padding: .2em .8em; margin: .5em 0; }
.steps h3 { font-size: 1em; margin: 0; display: flex; align-items: center; gap: .4em; }
.steps p { margin: .2em 0 0; }
a { color: #0b4f9c; }
";

        // The three tray icons of IEA's connection program, drawn once and used by reference; a grey one for "not known".
        private const string Symbols = @"<svg xmlns=""http://www.w3.org/2000/svg"" style=""display:none"">
<symbol id=""icon-BlueBall"" viewBox=""0 0 32 32""><circle cx=""16"" cy=""16"" r=""13"" fill=""#1565c0""/><circle cx=""16"" cy=""16"" r=""13"" fill=""none"" stroke=""#0d3c78"" stroke-width=""1.5""/><ellipse cx=""11.5"" cy=""10.5"" rx=""4.5"" ry=""3"" fill=""#fff"" opacity="".55""/></symbol>
<symbol id=""icon-BlueBallRedHeart"" viewBox=""0 0 32 32""><circle cx=""14"" cy=""14"" r=""12"" fill=""#1565c0""/><circle cx=""14"" cy=""14"" r=""12"" fill=""none"" stroke=""#0d3c78"" stroke-width=""1.5""/><ellipse cx=""10"" cy=""9"" rx=""4"" ry=""2.6"" fill=""#fff"" opacity="".55""/><path d=""M23 31 C23 31 15.5 26 15.5 21.5 C15.5 19 17.4 17.3 19.5 17.3 C21 17.3 22.3 18.2 23 19.4 C23.7 18.2 25 17.3 26.5 17.3 C28.6 17.3 30.5 19 30.5 21.5 C30.5 26 23 31 23 31 Z"" fill=""#d32f2f"" stroke=""#fff"" stroke-width=""1.5""/></symbol>
<symbol id=""icon-RedScarab"" viewBox=""0 0 32 32""><g stroke=""#5d0f0f"" stroke-width=""1.8"" stroke-linecap=""round"" fill=""none""><path d=""M9 13 L4 10 M8.5 18 L3 18 M9 23 L4 27 M23 13 L28 10 M23.5 18 L29 18 M23 23 L28 27 M14 5 L11 1.5 M18 5 L21 1.5""/></g><circle cx=""16"" cy=""7.5"" r=""3.8"" fill=""#7f1616""/><ellipse cx=""16"" cy=""19"" rx=""8"" ry=""10"" fill=""#d32f2f"" stroke=""#7f1616"" stroke-width=""1.5""/><path d=""M16 9.5 L16 29"" stroke=""#7f1616"" stroke-width=""1.5""/><circle cx=""12.5"" cy=""17"" r=""1.4"" fill=""#7f1616""/><circle cx=""19.5"" cy=""17"" r=""1.4"" fill=""#7f1616""/><circle cx=""12.5"" cy=""22.5"" r=""1.2"" fill=""#7f1616""/><circle cx=""19.5"" cy=""22.5"" r=""1.2"" fill=""#7f1616""/></symbol>
<symbol id=""icon-Unknown"" viewBox=""0 0 32 32""><circle cx=""16"" cy=""16"" r=""13"" fill=""#eceff1"" stroke=""#90a4ae"" stroke-width=""1.5"" stroke-dasharray=""3 2""/><text x=""16"" y=""22"" text-anchor=""middle"" font-family=""Arial, sans-serif"" font-size=""17"" font-weight=""bold"" fill=""#607d8b"">?</text></symbol>
</svg>";

        private static readonly string[] TrayIcons = { nameof(TrayIcon.BlueBall), nameof(TrayIcon.BlueBallRedHeart), nameof(TrayIcon.RedScarab) };

        /// <summary>The page's bytes: UTF-8 without byte order mark (the page says so in its meta charset).</summary>
        public static byte[] Bytes(IEnumerable<FleetReportRow> rows, string? title, DateTimeOffset generatedAt,
            IEnumerable<FleetReportUnread>? unread = null) =>
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Build(rows, title, generatedAt, unread));

        /// <summary>
        /// The page, in the current UI culture's language (English or French): the counts per state, each state's next
        /// step once, one short row per installation (its details as tooltips), then the PCs that could not be read.
        /// </summary>
        public static string Build(IEnumerable<FleetReportRow> rows, string? title, DateTimeOffset generatedAt,
            IEnumerable<FleetReportUnread>? unread = null)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            var ordered = FleetReport.Order(rows);
            var failed = (unread ?? Enumerable.Empty<FleetReportUnread>()).ToArray();
            title = string.IsNullOrWhiteSpace(title) ? Text.Get("FleetReportTitle") : title;
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(Text.Get("FleetReportLanguage"))).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '")
                .Append(ScriptHash).Append("'\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
                .Append(Symbols).Append('\n')
                .Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"date\">")
                .Append(E(Text.Format("FleetReportGenerated", generatedAt.ToString("f", CultureInfo.CurrentCulture), ordered.Count)))
                .Append("</p>\n");

            var counts = FleetReport.Counts(ordered);
            html.Append("<h2>").Append(E(Text.Get("FleetReportCountsHeading"))).Append("</h2>\n<ul class=\"counts\">\n");
            foreach (var count in counts)
            {
                html.Append("<li class=\"count").Append(count.Value == 0 ? " zero" : "").Append("\" data-state=\"").Append(E(count.Key)).Append("\">")
                    .Append(Icon(IconFor(count.Key, null)))
                    .Append("<span class=\"n\">").Append(count.Value.ToString(CultureInfo.CurrentCulture)).Append("</span>")
                    .Append("<span><span class=\"word\" title=\"").Append(E(count.Key)).Append("\">").Append(E(Label(count.Key))).Append("</span><span class=\"desc\">")
                    .Append(E(FleetReport.Describe(count.Key))).Append("</span></span></li>\n");
            }

            html.Append("</ul>\n");
            AppendNextSteps(html, counts);

            html.Append("<h2>").Append(E(Text.Get("FleetReportTableHeading"))).Append("</h2>\n<table id=\"fleet\">\n<thead><tr>")
                .Append("<th data-sort=\"name\"><button type=\"button\" title=\"").Append(E(Text.Get("FleetReportSortHint"))).Append("\">")
                .Append(E(Text.Get("FleetReportColumnComputer"))).Append("</button></th>")
                .Append("<th>").Append(E(Text.Get("FleetReportColumnPath"))).Append("</th>")
                .Append("<th data-sort=\"state\" aria-sort=\"ascending\"><button type=\"button\" title=\"").Append(E(Text.Get("FleetReportSortHint"))).Append("\">")
                .Append(E(Text.Get("FleetReportColumnState"))).Append("</button></th>");
            foreach (var key in new[] { "FleetReportColumnCase", "FleetReportColumnVersion", "FleetReportColumnCheckedAt", "FleetReportColumnDeviations", "FleetReportColumnFailures" })
            {
                html.Append("<th>").Append(E(Text.Get(key))).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in ordered)
            {
                AppendRow(html, row);
            }

            if (ordered.Count == 0)
            {
                html.Append("<tr><td colspan=\"8\">").Append(E(Text.Get("FleetReportEmpty"))).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
            AppendUnread(html, failed);
            html.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
            return html.ToString();
        }

        /// <summary>Each state's next step, once: the rows link to it instead of repeating it.</summary>
        private static void AppendNextSteps(StringBuilder html, IEnumerable<KeyValuePair<string, int>> counts)
        {
            var present = counts.Where(c => c.Value > 0).ToArray();
            if (present.Length == 0) return;
            html.Append("<h2>").Append(E(Text.Get("FleetReportStepsHeading"))).Append("</h2>\n<ul class=\"steps\">\n");
            foreach (var count in present)
            {
                var known = FleetReport.Severity(count.Key) > 0;
                html.Append("<li id=\"state-").Append(E(Anchor(count.Key))).Append("\"><h3>").Append(Icon(IconFor(count.Key, null)))
                    .Append("<span title=\"").Append(E(count.Key)).Append("\">").Append(E(Label(count.Key))).Append("</span> (")
                    .Append(count.Value.ToString(CultureInfo.CurrentCulture)).Append(")</h3><p>")
                    .Append(E(known ? Text.Get("FleetReportNext" + FleetReport.Canonical(count.Key)) : Text.Get("FleetReportNextUnknown")))
                    .Append("</p></li>\n");
            }

            html.Append("</ul>\n");
        }

        private static void AppendRow(StringBuilder html, FleetReportRow row)
        {
            var deviations = string.Join(", ", row.Deviations.Select(SettingOf).Distinct());
            var failures = string.Join("; ", row.FailingServers.Select(s => FailureLabel(s.Failure)).Distinct());
            html.Append("<tr data-severity=\"").Append(FleetReport.Severity(row.State).ToString(CultureInfo.InvariantCulture))
                .Append("\" data-name=\"").Append(E(row.ComputerName)).Append("\">")
                .Append("<td class=\"nowrap\">").Append(E(row.ComputerName)).Append("</td>")
                .Append("<td class=\"path\" title=\"").Append(E(row.Path)).Append("\">").Append(E(row.Path)).Append("</td>")
                .Append("<td class=\"icon-cell\" title=\"").Append(E(FleetReport.Canonical(row.State) + ": " + FleetReport.Describe(row.State))).Append("\">")
                .Append(Icon(IconFor(row.State, row.Icon)))
                .Append("<a class=\"word\" href=\"#state-").Append(E(Anchor(row.State))).Append("\">").Append(E(Label(row.State))).Append("</a></td>")
                .Append("<td>").Append(row.Case == 0 ? "-" : row.Case.ToString(CultureInfo.CurrentCulture)).Append("</td>")
                .Append("<td class=\"nowrap\">").Append(E(row.Version)).Append("</td>")
                .Append("<td class=\"nowrap\">").Append(row.CheckedAt is DateTime at ? E(at.ToString("g", CultureInfo.CurrentCulture)) : "").Append("</td>")
                .Append("<td class=\"devs\" title=\"").Append(E(string.Join("\n", row.Deviations))).Append("\">").Append(E(deviations)).Append("</td>")
                .Append(failures.Length == 0 ? "<td class=\"fails\">" : "<td class=\"fails bad\" title=\"" + E(string.Join("\n", row.FailingServers.Select(s => s + " " + s.Message))) + "\">")
                .Append(E(failures)).Append("</td></tr>\n");
        }

        private static void AppendUnread(StringBuilder html, FleetReportUnread[] unread)
        {
            if (unread.Length == 0) return;
            html.Append("<h2 id=\"unread\">").Append(E(Text.Format("FleetReportUnreadHeading", unread.Length))).Append("</h2>\n<table class=\"unread\">\n<thead><tr>")
                .Append("<th>").Append(E(Text.Get("FleetReportColumnComputer"))).Append("</th>")
                .Append("<th>").Append(E(Text.Get("FleetReportColumnReason"))).Append("</th>")
                .Append("<th>").Append(E(Text.Get("FleetReportColumnErrorId"))).Append("</th></tr></thead>\n<tbody>\n");
            var names = StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);
            foreach (var pc in unread.OrderBy(u => u.ComputerName, names))
            {
                html.Append("<tr><td class=\"nowrap\">").Append(E(pc.ComputerName)).Append("</td><td>").Append(E(pc.Reason))
                    .Append("</td><td>").Append(E(pc.ErrorId)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        /// <summary>A state's short label in the page's language; the word itself for a state this version does not know.</summary>
        internal static string Label(string? state) =>
            FleetReport.Severity(state) == 0 ? state ?? "" : Text.Get("FleetReportState" + FleetReport.Canonical(state));

        private static string FailureLabel(string failure)
        {
            var text = Text.Get("SupportFailure" + failure);
            return text == "SupportFailure" + failure ? failure : text;
        }

        /// <summary>"Connection mode: Normal (the fiche: Secure)" names the setting before its first colon.</summary>
        private static string SettingOf(string deviation)
        {
            int colon = deviation.IndexOf(':');
            return colon > 0 ? deviation.Substring(0, colon).Trim() : deviation;
        }

        private static string Anchor(string? state) =>
            new string((FleetReport.Severity(state) == 0 ? "unknown" : FleetReport.Canonical(state)).Where(char.IsLetterOrDigit).ToArray());

        /// <summary>The row's own tray icon when it names one; else the icon the state usually shows; "Unknown" for NotTested and unknown states.</summary>
        internal static string IconFor(string state, string? icon)
        {
            var given = TrayIcons.FirstOrDefault(i => string.Equals(i, icon, StringComparison.OrdinalIgnoreCase));
            if (given != null) return given;
            switch (FleetReport.Canonical(state))
            {
                case nameof(ConnectionState.Connected):
                    return nameof(TrayIcon.BlueBall);
                case nameof(ConnectionState.AssistanceMode):
                    return nameof(TrayIcon.RedScarab);
                case nameof(ConnectionState.NotTested):
                case "":
                    return "Unknown";
                default:
                    return FleetReport.Severity(state) == 0 ? "Unknown" : nameof(TrayIcon.BlueBallRedHeart);
            }
        }

        private static string Icon(string name)
        {
            var label = E(Text.Get("FleetReportIcon" + name));
            return "<svg class=\"icon\" role=\"img\" aria-label=\"" + label + "\"><title>" + label + "</title><use href=\"#icon-" + name + "\"/></svg>";
        }

        // Line breaks as character references, so each row stays one line of the file (tooltips keep their lines).
        private static string E(string? value) => WebUtility.HtmlEncode(value ?? "").Replace("\r", "").Replace("\n", "&#10;");
    }
}
