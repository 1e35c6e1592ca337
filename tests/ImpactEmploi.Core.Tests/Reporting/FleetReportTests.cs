using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ImpactEmploi.Reporting;
using ImpactEmploi.Resources;
using Xunit;

namespace ImpactEmploi.Tests.Reporting
{
    public class FleetReportTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2019, 3, 19, 10, 30, 0, TimeSpan.FromHours(1));

        private const string Hostile = "<script>alert(1)</script> & \"quotes\" 'single'";

        private static FleetReportRow Row(string name, string state, int ficheCase = 0, bool compliant = false, params FleetReportServer[] failing) =>
            new FleetReportRow
            {
                ComputerName = name,
                Path = @"C:\ImpactEmploi",
                State = state,
                Icon = state == "Connected" ? "BlueBall" : state == "AssistanceMode" ? "RedScarab" : "BlueBallRedHeart",
                Case = ficheCase,
                Compliant = compliant,
                NextStep = "Run Repair-IeaConnection",
                FailingServers = failing,
            };

        private static FleetReportRow[] Fleet() => new[]
        {
            Row("PC-ZOLA", "Connected", 1, true),
            Row("Secrétariat-Été", "Disconnected", 2, false,
                new FleetReportServer { Role = "Authentication", Uri = "https://impact-emploi.urssaf.fr", Failure = "Timeout", Message = "no answer <in time>" }),
            Row(Hostile, "AssistanceMode"),
            Row("pc-accueil", "Connected", 1, true),
            Row("PC-COMPTA", "LicenseNotRecognized", 3),
            Row("PC-NEW", "SomethingNewer"),
            Row("PC-BUREAU", "ConfigurationOutdated"),
        };

        [Fact]
        public void Rows_come_worst_state_first_then_by_name_ignoring_case()
        {
            using var culture = new Cultures("en-US");
            var names = FleetReport.Order(Fleet()).Select(r => r.ComputerName).ToArray();

            Assert.Equal(new[] { "PC-NEW", "PC-COMPTA", "Secrétariat-Été", Hostile, "PC-BUREAU", "pc-accueil", "PC-ZOLA" }, names);
        }

        [Fact]
        public void Counts_list_every_known_state_worst_first_with_zeros_and_unknown_states_before_them()
        {
            var counts = FleetReport.Counts(Fleet());

            Assert.Equal(new[] { "SomethingNewer", "LicenseNotRecognized", "AuthorizationDenied", "Disconnected", "AssistanceMode", "ConfigurationOutdated", "NotTested", "Connected" },
                counts.Select(c => c.Key));
            Assert.Equal(new[] { 1, 1, 0, 1, 1, 1, 0, 2 }, counts.Select(c => c.Value));
        }

        [Fact]
        public void States_read_from_another_PC_are_matched_without_case()
        {
            Assert.Equal(FleetReport.Severity("Disconnected"), FleetReport.Severity("disconnected"));
            Assert.Equal("Disconnected", FleetReport.Canonical("DISCONNECTED"));
            Assert.Equal(0, FleetReport.Severity(null));
        }

        [Fact]
        public void The_page_encodes_every_value_so_a_hostile_name_stays_text()
        {
            using var culture = new Cultures("en-US");
            var html = FleetReportHtml.Build(Fleet(), "Fleet <b>&</b>", Now);

            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>&</b>", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;", html, StringComparison.Ordinal);
            Assert.Contains("<title>Fleet &lt;b&gt;&amp;&lt;/b&gt;</title>", html, StringComparison.Ordinal);
            Assert.Matches("title=\"[^\"<>]*no answer &lt;in time&gt;\"", html);
            // The one script of the page is the sorter; the page allows only it, by its hash.
            Assert.Single(Regex.Matches(html, "<script", RegexOptions.IgnoreCase));
            Assert.Contains("script-src '" + FleetReportHtml.ScriptHash + "'", html, StringComparison.Ordinal);
        }

        [Fact]
        public void The_policy_s_hash_is_the_hash_of_the_page_s_script()
        {
            var html = FleetReportHtml.Build(Fleet(), null, Now);
            var script = Regex.Match(html, "<script>(.*)</script>", RegexOptions.Singleline).Groups[1].Value;

            Assert.DoesNotContain("\r", script, StringComparison.Ordinal);
            Assert.Equal(FleetReportHtml.ScriptHash, "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(script))));
        }

        [Fact]
        public void The_page_is_self_contained_with_the_three_tray_icons_inline()
        {
            using var culture = new Cultures("en-US");
            var html = FleetReportHtml.Build(Fleet(), null, Now);

            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
            foreach (var icon in new[] { "BlueBall", "BlueBallRedHeart", "RedScarab" })
            {
                Assert.Contains($"<symbol id=\"icon-{icon}\"", html, StringComparison.Ordinal);
                Assert.Contains($"<use href=\"#icon-{icon}\"/>", html, StringComparison.Ordinal);
            }

            Assert.DoesNotMatch(@"(src|href)=""(?!#)", html);
            Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
            Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
            Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        }

        [Fact]
        public void The_page_has_the_counts_and_the_rows_in_order_without_script()
        {
            using var culture = new Cultures("en-US");
            var html = FleetReportHtml.Build(Fleet(), null, Now);

            Assert.Matches("data-state=\"Connected\">.*?<span class=\"n\">2</span>", html);
            Assert.Matches("class=\"count zero\" data-state=\"AuthorizationDenied\">.*?<span class=\"n\">0</span>", html);
            var rows = Regex.Matches(html, "<tr data-severity=\"(\\d)\" data-name=\"([^\"]*)\"").Cast<Match>()
                .Select(m => WebUtilityDecode(m.Groups[2].Value)).ToArray();
            Assert.Equal(FleetReport.Order(Fleet()).Select(r => r.ComputerName), rows);
            Assert.Contains(WebUtilityEncode("Made on " + Now.ToString("f", CultureInfo.GetCultureInfo("en-US")) + ": 7 installation(s)."), html, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        }

        [Fact]
        public void The_page_speaks_French_under_fr_FR()
        {
            using var culture = new Cultures("fr-FR");
            var html = FleetReportHtml.Build(Fleet(), null, Now);

            Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
            Assert.Contains(WebUtilityEncode("Impact emploi association : connexion des postes"), html, StringComparison.Ordinal);
            Assert.Contains(WebUtilityEncode("Établi le " + Now.ToString("f", CultureInfo.GetCultureInfo("fr-FR")) + " : 7 installation(s)."), html, StringComparison.Ordinal);
            Assert.Contains(WebUtilityEncode("Scarabée rouge"), html, StringComparison.Ordinal);
            Assert.Contains(WebUtilityEncode("serveurs injoignables"), html, StringComparison.Ordinal);
        }

        [Fact]
        public void An_empty_fleet_still_makes_a_page()
        {
            using var culture = new Cultures("en-US");
            var html = FleetReportHtml.Build(Array.Empty<FleetReportRow>(), null, Now);

            Assert.Contains("No connection status was given to the report.", html, StringComparison.Ordinal);
            Assert.Contains(": 0 installation(s).", html, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("fr-FR", ';')]
        [InlineData("de-DE", ';')]
        [InlineData("en-US", ',')]
        [InlineData("en-GB", ',')]
        public void The_CSV_delimiter_follows_the_regional_settings_as_Excel_does(string culture, char delimiter)
        {
            Assert.Equal(delimiter, FleetReportCsv.Delimiter(CultureInfo.GetCultureInfo(culture)));
        }

        [Theory]
        [InlineData("plain", ',', "plain")]
        [InlineData("a,b", ',', "\"a,b\"")]
        [InlineData("a,b", ';', "a,b")]
        [InlineData("a;b", ';', "\"a;b\"")]
        [InlineData("say \"hi\"", ',', "\"say \"\"hi\"\"\"")]
        [InlineData("two\r\nlines", ',', "\"two\r\nlines\"")]
        [InlineData("=HYPERLINK(\"x\")", ';', "\"'=HYPERLINK(\"\"x\"\")\"")]
        [InlineData("+1", ',', "'+1")]
        [InlineData("@SUM(A1)", ',', "'@SUM(A1)")]
        [InlineData("", ',', "")]
        [InlineData(null, ',', "")]
        public void CSV_fields_are_quoted_as_RFC_4180_says_and_formulas_stay_text(string? value, char delimiter, string expected)
        {
            Assert.Equal(expected, FleetReportCsv.Field(value, delimiter));
        }

        [Fact]
        public void The_CSV_under_fr_FR_has_a_BOM_semicolons_accents_and_French_labels()
        {
            using var culture = new Cultures("fr-FR");
            var bytes = FleetReportCsv.Bytes(Fleet(), CultureInfo.GetCultureInfo("fr-FR"));

            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
            var lines = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
            Assert.Equal("Poste;Dossier d'installation;État;Signification;Cas (fiche);Conforme à la fiche;Version d'IEA;Vérifié le;Écarts à la fiche;Serveurs injoignables;Étape suivante", lines[0]);
            Assert.Equal(9, lines.Length); // header, 7 rows, and the empty string after the last CRLF
            Assert.Equal("", lines[8]);
            Assert.Matches("^Secrétariat-Été;C:\\\\ImpactEmploi;Disconnected;serveurs injoignables;2;non;[^;]*;[^;]*;[^;]*;Authentication https://impact-emploi.urssaf.fr \\(Timeout\\);", lines[3]);
            Assert.StartsWith("\"<script>alert(1)</script> & \"\"quotes\"\" 'single'\";", lines[4], StringComparison.Ordinal);
        }

        [Fact]
        public void The_CSV_under_en_US_has_a_BOM_and_commas()
        {
            using var culture = new Cultures("en-US");
            var bytes = FleetReportCsv.Bytes(Fleet(), CultureInfo.GetCultureInfo("en-US"));

            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
            var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.StartsWith("PC,Installation folder,State,Meaning,Case (fiche),As the fiche asks,IEA version,Checked at,Deviations,Servers not reachable,Next step\r\n", text, StringComparison.Ordinal);
            Assert.Matches("\r\nPC-ZOLA,C:\\\\ImpactEmploi,Connected,\"connected, servers reachable\",1,yes,[^,]*,[^,]*,[^,]*,,Run Repair-IeaConnection\r\n", text);
        }

        [Theory]
        [InlineData("Authentication https://impact-emploi.urssaf.fr: Timeout", "Authentication", "https://impact-emploi.urssaf.fr", "Timeout")]
        [InlineData("NetEntreprises https://127.0.0.1:8443/authentifier/1.0/: ConnectionRefused", "NetEntreprises", "https://127.0.0.1:8443/authentifier/1.0/", "ConnectionRefused")]
        public void A_server_test_serialized_as_text_is_read_back(string text, string role, string uri, string failure)
        {
            var server = FleetReportServer.Parse(text)!;

            Assert.Equal((role, uri, failure), (server.Role, server.Uri, server.Failure));
        }

        [Fact]
        public void A_reachable_server_test_serialized_as_text_is_not_a_failure()
        {
            Assert.Null(FleetReportServer.Parse("Update https://impact-emploi.urssaf.fr/updates: OK"));
            Assert.Null(FleetReportServer.Parse(""));
            Assert.Equal("odd text", FleetReportServer.Parse("odd text")!.Uri);
        }

        [Fact]
        public void A_local_status_becomes_a_row_with_only_its_failing_servers()
        {
            var status = new IeaConnectionStatus
            {
                ComputerName = "PC-1", Path = "/iea", StateValue = ConnectionState.Disconnected, IconValue = TrayIcon.BlueBallRedHeart, Case = 2,
                ServerTests = new[]
                {
                    new IeaServerTestResult { RoleValue = ServerRole.Authentication, Uri = "https://a", Reachable = true },
                    new IeaServerTestResult { RoleValue = ServerRole.Update, Uri = "https://u", FailureValue = ProbeFailure.Tls, Message = "handshake" },
                },
            };

            var row = FleetReportRow.From(status);

            Assert.Equal(("PC-1", "/iea", "Disconnected", "BlueBallRedHeart", 2), (row.ComputerName, row.Path, row.State, row.Icon, row.Case));
            Assert.Equal("Update https://u (Tls)", Assert.Single(row.FailingServers).ToString());
        }

        [Fact]
        public void Writing_to_a_missing_folder_gives_ReportNotWritten()
        {
            var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "report.html");

            var error = Assert.Throws<IeaException>(() => FleetReport.Write(path, new byte[] { 1 }));

            Assert.Equal("ReportNotWritten", error.ErrorId);
            Assert.Equal(path, error.TargetObject);
        }

        [Fact]
        public void Writing_replaces_the_file_and_leaves_no_temp_file()
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                var path = Path.Combine(folder, "report.html");
                File.WriteAllText(path, "old");
                FleetReport.Write(path, Encoding.UTF8.GetBytes("new"));
                Assert.Equal("new", File.ReadAllText(path));
                Assert.Single(Directory.GetFiles(folder));
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        public static TheoryData<string> Keys()
        {
            var data = new TheoryData<string>();
            var english = Text.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, true, false)!;
            foreach (var key in english.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Where(k => k.StartsWith("FleetReport", StringComparison.Ordinal)))
            {
                data.Add(key);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Keys))]
        public void Every_report_label_exists_in_English_and_French_with_the_same_placeholders(string key)
        {
            string? en = Text.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, true, false)?.GetString(key);
            string? fr = Text.ResourceManager.GetResourceSet(CultureInfo.GetCultureInfo("fr"), true, false)?.GetString(key);
            Assert.False(string.IsNullOrWhiteSpace(en), key);
            Assert.False(string.IsNullOrWhiteSpace(fr), key);
            Assert.NotEqual(en, fr);
            Assert.Equal(Placeholders(en!), Placeholders(fr!));
        }

        private static string[] Placeholders(string text) =>
            Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToArray();

        private static string WebUtilityEncode(string text) => System.Net.WebUtility.HtmlEncode(text);

        private static string WebUtilityDecode(string text) => System.Net.WebUtility.HtmlDecode(text);
    }

    /// <summary>Sets the UI culture (labels) and the culture (dates, numbers, delimiter) for a using block.</summary>
    internal sealed class Cultures : IDisposable
    {
        private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

        public Cultures(string name)
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentUICulture = _ui;
            CultureInfo.CurrentCulture = _culture;
        }
    }
}
