using System.Linq;
using System.Text;
using ImpactEmploi.Configuration;
using ImpactEmploi.Documents;
using ImpactEmploi.Layouts;
using ImpactEmploi.Tests.Configuration;
using ImpactEmploi.Tests.Installations;
using ImpactEmploi.Tests.Layouts;
using ImpactEmploi.Tests.Resources;
using ImpactEmploi.Tests.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>A JSON settings file (comments, nested objects, an array, escapes, numbers) repaired as the fiche says.</summary>
    public class JsonGoldenTests
    {
        internal const string Before =
            "{\r\n" +
            "  // Impact emploi association : param\u00e8tres de connexion\r\n" +
            "  \"application\": { \"version\": \"3.00.72\", \"utilisateur\": \"H\\u00e9l\u00e8ne \\\"Lef\u00e8vre\\\"\" },\r\n" +
            "  \"connexion\": {\r\n" +
            "    \"type\": \"Direct\",\r\n" +
            "    \"proxy\": { \"adresse\": null, \"port\": 0, \"securise\": \"0\" },\r\n" +
            "    \"mode\"  :  \"Normal\",   /* Normal | Etendu | S\u00e9curis\u00e9 */\r\n" +
            "    \"serveurs\": [\r\n" +
            "      { \"nom\": \"authentification\", \"url\": \"http:\\/\\/impact-emploi.urssaf.fr\" },\r\n" +
            "      { \"nom\": \"miseajour\", \"url\": \"http://impact-emploi.urssaf.fr/updates\" }\r\n" +
            "    ],\r\n" +
            "    \"netEntreprises\": \"https://services.net-entreprises.fr/authentifier/1.0/\"\r\n" +
            "  },\r\n" +
            "  \"assistance\": { \"actif\": \"0\", \"motDePasse\": \"\" },\r\n" +
            "  \"etat\": { \"derniere\": \"2019-03-19T09:30:00\", \"resultat\": \"OK\" }\r\n" +
            "}\r\n";

        private static readonly IeaLayout Layout = FormatLayoutTestData.Json();

        private static string After => Before
            .Replace("\"mode\"  :  \"Normal\"", "\"mode\"  :  \"Securise\"")
            .Replace("\"url\": \"http:\\/\\/impact-emploi.urssaf.fr\"", "\"url\": \"https://impact-emploi.urssaf.fr\"")
            .Replace("\"url\": \"http://impact-emploi.urssaf.fr/updates\"", "\"url\": \"https://impact-emploi.urssaf.fr/updates\"");

        public static TheoryData<string, string, bool> Cases() => new TheoryData<string, string, bool>
        {
            { "utf-8", "\r\n", false },
            { "utf-8", "\n", true },
            { "utf-16", "\r\n", true },
            { "utf-16BE", "\n", true },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Recommended_changes_only_the_three_values_byte_for_byte(string encodingName, string newLine, bool bom)
        {
            var encoding = Encoding.GetEncoding(encodingName);
            byte[] Bytes(string text) => (bom ? encoding.GetPreamble() : System.Array.Empty<byte>()).Concat(encoding.GetBytes(text.Replace("\r\n", newLine))).ToArray();

            var document = SettingsDocuments.Parse(Bytes(Before), "iea.json", Layout);
            Assert.Equal(Bytes(Before), document.ToBytes());
            var config = ServerConfigReader.Read(document, "C:\\IEA", "iea.json", Layout);
            Assert.Equal("3.00.72", config.Version);
            Assert.Equal("http://impact-emploi.urssaf.fr", config.AuthenticationServer);
            Assert.Equal(ConnectionMode.Normal, config.ConnectionModeValue);
            Assert.Null(config.ProxyHost);
            Assert.Equal(0, config.ProxyPort);

            var changes = ConfigEditor.Apply(document, Layout, DesiredSettings.Recommended(Layout.Recommended));

            Assert.Equal(new[] { Setting.AuthenticationServer, Setting.UpdateServer, Setting.ConnectionMode }, changes.Select(c => c.Setting));
            Assert.Equal(Bytes(After), document.ToBytes());
            Assert.Empty(ConfigEditor.Apply(SettingsDocuments.Parse(document.ToBytes(), "iea.json", Layout), Layout, DesiredSettings.Recommended(Layout.Recommended)));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Recommended_adds_a_missing_property_after_its_siblings_and_changes_nothing_else(string encodingName, string newLine, bool bom)
        {
            var encoding = Encoding.GetEncoding(encodingName);
            byte[] Bytes(string text) => (bom ? encoding.GetPreamble() : System.Array.Empty<byte>()).Concat(encoding.GetBytes(text.Replace("\r\n", newLine))).ToArray();
            var without = Before.Replace("    \"mode\"  :  \"Normal\",   /* Normal | Etendu | S\u00e9curis\u00e9 */\r\n", "");
            var expected = without
                .Replace("\"url\": \"http:\\/\\/impact-emploi.urssaf.fr\"", "\"url\": \"https://impact-emploi.urssaf.fr\"")
                .Replace("\"url\": \"http://impact-emploi.urssaf.fr/updates\"", "\"url\": \"https://impact-emploi.urssaf.fr/updates\"")
                .Replace("\"netEntreprises\": \"https://services.net-entreprises.fr/authentifier/1.0/\"\r\n",
                    "\"netEntreprises\": \"https://services.net-entreprises.fr/authentifier/1.0/\",\r\n    \"mode\": \"Securise\"\r\n");
            Assert.NotEqual(Before, without);

            var document = SettingsDocuments.Parse(Bytes(without), "iea.json", Layout);
            Assert.Null(document.GetValue(Layout[Setting.ConnectionMode]));
            Assert.Equal(ConnectionMode.Normal, ServerConfigReader.Read(document, "C:\\IEA", "iea.json", Layout).ConnectionModeValue);

            var changes = ConfigEditor.Apply(document, Layout, DesiredSettings.Recommended(Layout.Recommended));

            Assert.Equal(new[] { Setting.AuthenticationServer, Setting.UpdateServer, Setting.ConnectionMode }, changes.Select(c => c.Setting));
            Assert.Equal("ConnectionMode: \"\" -> Securise", changes[2].ToString());
            Assert.Equal(Bytes(expected), document.ToBytes());
            var reread = SettingsDocuments.Parse(document.ToBytes(), "iea.json", Layout);
            Assert.Equal(ConnectionMode.Secure, ServerConfigReader.Read(reread, "C:\\IEA", "iea.json", Layout).ConnectionModeValue);
            Assert.Empty(ConfigEditor.Apply(reread, Layout, DesiredSettings.Recommended(Layout.Recommended)));
        }

        [Fact]
        public void A_missing_proxy_object_is_added_with_the_port_a_number_when_the_layout_says_so()
        {
            var data = FormatLayoutTestData.With("Json", "JsonPath",
                "application.version", "connexion.type", "connexion.proxy.adresse", "connexion.proxy.port", "connexion.proxy.securise",
                "connexion.mode", "connexion.serveurs[0].url", "connexion.serveurs[1].url", "connexion.netEntreprises",
                "assistance.actif", "assistance.motDePasse", "etat.derniere", "etat.resultat");
            ((System.Collections.Hashtable)((System.Collections.Hashtable)data["Settings"]!)["ProxyPort"]!)["ValueKind"] = "Number";
            var layout = LayoutParser.FromData(data, "json.psd1");
            var before = "{\n  \"connexion\": {\n    \"type\": \"Direct\"\n  }\n}\n";

            var document = SettingsDocuments.Parse(Encoding.UTF8.GetBytes(before), "iea.json", layout);
            ConfigEditor.Apply(document, layout, new DesiredSettings { ConnectionType = ConnectionType.Proxy, ProxyHost = "proxy.local", ProxyPort = 3128 });

            Assert.Equal(
                "{\n  \"connexion\": {\n    \"type\": \"Proxy\",\n    \"proxy\": {\n      \"adresse\": \"proxy.local\",\n      \"port\": 3128\n    }\n  }\n}\n",
                Encoding.UTF8.GetString(document.ToBytes()));
        }

        [Fact]
        public void A_value_of_another_JSON_type_says_why_in_the_error_message()
        {
            var document = SettingsDocuments.Parse(Encoding.UTF8.GetBytes(Before.Replace("\"mode\"  :  \"Normal\"", "\"mode\"  :  1")), "iea.json", Layout);
            var error = Assert.Throws<IeaException>(() => ConfigEditor.Apply(document, Layout, DesiredSettings.Recommended(Layout.Recommended)));
            Assert.Equal(ErrorIds.InvalidSettingValue, error.ErrorId);
            Assert.Contains("ConnectionMode", error.Message, System.StringComparison.Ordinal);
            Assert.Contains("JSON number", error.Message, System.StringComparison.Ordinal);
            Assert.Contains("ValueKind", error.RecommendedAction, System.StringComparison.Ordinal);
        }

        [Fact]
        public void A_proxy_keeps_the_port_a_number_and_turns_a_null_host_into_a_string()
        {
            var document = SettingsDocuments.Parse(Encoding.UTF8.GetBytes(Before), "iea.json", Layout);
            ConfigEditor.Apply(document, Layout, new DesiredSettings { ConnectionType = ConnectionType.Proxy, ProxyHost = "proxy.local", ProxyPort = 3128 });
            var text = Encoding.UTF8.GetString(document.ToBytes());
            Assert.Contains("\"proxy\": { \"adresse\": \"proxy.local\", \"port\": 3128, \"securise\": \"0\" }", text, System.StringComparison.Ordinal);
            Assert.Contains("\"type\": \"Proxy\",", text, System.StringComparison.Ordinal);
        }
    }
}
