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
    /// <summary>A .NET-style .config (declaration, comments, a default and a prefixed namespace, entities) repaired as the fiche says.</summary>
    public class XmlGoldenTests
    {
        internal const string Before =
            "<?xml version=\"1.0\" encoding=\"{ENCODING}\"?>\r\n" +
            "<!-- Impact emploi association : param\u00e8tres de connexion -->\r\n" +
            "<configuration xmlns:iea=\"urn:urssaf:impact-emploi\">\r\n" +
            "  <iea:application>\r\n" +
            "    <iea:version>3.00.72</iea:version>\r\n" +
            "    <iea:utilisateur nom='H\u00e9l\u00e8ne Lef\u00e8vre &amp; Cie' />\r\n" +
            "    <iea:etat derniere=\"2019-03-19T09:30:00\">OK</iea:etat>\r\n" +
            "  </iea:application>\r\n" +
            "  <appSettings>\r\n" +
            "    <add key=\"Type\" value=\"Direct\" />\r\n" +
            "    <add key=\"ProxyAdresse\" value=\"\" />\r\n" +
            "    <add key=\"ProxyPort\" value=\"0\" />\r\n" +
            "    <add key=\"ProxySecurise\" value=\"0\" />\r\n" +
            "    <!-- Normal | Etendu | S\u00e9curis\u00e9 -->\r\n" +
            "    <add key=\"Mode\"   value='Normal'/>\r\n" +
            "    <add key=\"ServeurAuthentification\" value=\"http://impact-emploi.urssaf.fr\" />\r\n" +
            "    <add value=\"http://impact-emploi.urssaf.fr/updates\" key=\"ServeurMiseAJour\" />\r\n" +
            "    <add key=\"AuthentificationNetEntreprises\" value=\"https://services.net-entreprises.fr/authentifier/1.0/?a=1&amp;b=2\" />\r\n" +
            "    <add key=\"AssistanceActive\" value=\"0\" />\r\n" +
            "    <add key=\"MotDePasseDuJour\" value=\"\" />\r\n" +
            "  </appSettings>\r\n" +
            "</configuration>\r\n";

        private static readonly IeaLayout Layout = FormatLayoutTestData.Xml();

        private static string After => Before
            .Replace("value='Normal'/>", "value='Securise'/>")
            .Replace("\"ServeurAuthentification\" value=\"http://", "\"ServeurAuthentification\" value=\"https://")
            .Replace("value=\"http://impact-emploi.urssaf.fr/updates\"", "value=\"https://impact-emploi.urssaf.fr/updates\"");

        public static TheoryData<string, string, bool> Cases() => new TheoryData<string, string, bool>
        {
            { "utf-8", "\r\n", true },
            { "utf-8", "\n", false },
            { "windows-1252", "\r\n", false },
            { "iso-8859-1", "\n", false },
            { "utf-16", "\r\n", true },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Recommended_changes_only_the_three_values_byte_for_byte(string encodingName, string newLine, bool bom)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var encoding = Encoding.GetEncoding(encodingName);
            byte[] Bytes(string text) => (bom ? encoding.GetPreamble() : System.Array.Empty<byte>())
                .Concat(encoding.GetBytes(text.Replace("{ENCODING}", encodingName).Replace("\r\n", newLine))).ToArray();

            var document = SettingsDocuments.Parse(Bytes(Before), "IEA.config", Layout);
            Assert.Equal(Bytes(Before), document.ToBytes());
            var config = ServerConfigReader.Read(document, "C:\\IEA", "IEA.config", Layout);
            Assert.Equal("3.00.72", config.Version);
            Assert.Equal(ConnectionMode.Normal, config.ConnectionModeValue);
            Assert.Equal("https://services.net-entreprises.fr/authentifier/1.0/?a=1&b=2", config.NetEntreprisesServer);
            Assert.Equal("OK", document.GetValue(Layout[Setting.LastAuthenticationResult]));
            Assert.Equal("2019-03-19T09:30:00", document.GetValue(Layout[Setting.LastAuthentication]));

            var changes = ConfigEditor.Apply(document, Layout, DesiredSettings.Recommended(Layout.Recommended));

            Assert.Equal(new[] { Setting.AuthenticationServer, Setting.UpdateServer, Setting.ConnectionMode }, changes.Select(c => c.Setting));
            Assert.Equal(Bytes(After), document.ToBytes());
            Assert.Empty(ConfigEditor.Apply(SettingsDocuments.Parse(document.ToBytes(), "IEA.config", Layout), Layout, DesiredSettings.Recommended(Layout.Recommended)));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Recommended_adds_missing_elements_after_their_siblings_and_changes_nothing_else(string encodingName, string newLine, bool bom)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var encoding = Encoding.GetEncoding(encodingName);
            byte[] Bytes(string text) => (bom ? encoding.GetPreamble() : System.Array.Empty<byte>())
                .Concat(encoding.GetBytes(text.Replace("{ENCODING}", encodingName).Replace("\r\n", newLine))).ToArray();
            var without = Before
                .Replace("    <add key=\"Mode\"   value='Normal'/>\r\n", "")
                .Replace("    <add value=\"http://impact-emploi.urssaf.fr/updates\" key=\"ServeurMiseAJour\" />\r\n", "");
            var expected = without
                .Replace("\"ServeurAuthentification\" value=\"http://", "\"ServeurAuthentification\" value=\"https://")
                .Replace("    <add key=\"MotDePasseDuJour\" value=\"\" />\r\n",
                    "    <add key=\"MotDePasseDuJour\" value=\"\" />\r\n" +
                    "    <add key=\"ServeurMiseAJour\" value=\"https://impact-emploi.urssaf.fr/updates\" />\r\n" +
                    "    <add key=\"Mode\" value=\"Securise\" />\r\n");

            var document = SettingsDocuments.Parse(Bytes(without), "IEA.config", Layout);
            var config = ServerConfigReader.Read(document, "C:\\IEA", "IEA.config", Layout);
            Assert.Null(config.UpdateServer);
            Assert.Null(document.GetValue(Layout[Setting.ConnectionMode]));

            var changes = ConfigEditor.Apply(document, Layout, DesiredSettings.Recommended(Layout.Recommended));

            Assert.Equal(new[] { Setting.AuthenticationServer, Setting.UpdateServer, Setting.ConnectionMode }, changes.Select(c => c.Setting));
            Assert.Equal("UpdateServer: \"\" -> https://impact-emploi.urssaf.fr/updates", changes[1].ToString());
            Assert.Equal(Bytes(expected), document.ToBytes());
            var reread = SettingsDocuments.Parse(document.ToBytes(), "IEA.config", Layout);
            Assert.Equal(ConnectionMode.Secure, ServerConfigReader.Read(reread, "C:\\IEA", "IEA.config", Layout).ConnectionModeValue);
            Assert.Empty(ConfigEditor.Apply(reread, Layout, DesiredSettings.Recommended(Layout.Recommended)));
        }

        [Fact]
        public void Recommended_adds_a_missing_parent_in_a_default_namespace()
        {
            string A(string key) => "/c:configuration/c:appSettings/c:add[@key='" + key + "']/@value";
            var data = FormatLayoutTestData.With("Xml", "XPath",
                "/c:configuration/c:version", A("Type"), A("ProxyAdresse"), A("ProxyPort"), A("ProxySecurise"), A("Mode"),
                A("ServeurAuthentification"), A("ServeurMiseAJour"), A("AuthentificationNetEntreprises"), A("AssistanceActive"),
                A("MotDePasseDuJour"), "/c:configuration/c:etat/@derniere", "/c:configuration/c:etat");
            data["XmlNamespaces"] = new System.Collections.Hashtable { ["c"] = "urn:iea" };
            var layout = LayoutParser.FromData(data, "xml.psd1");
            var before = "<?xml version=\"1.0\"?>\n<configuration xmlns=\"urn:iea\">\n\t<version>3.00.72</version>\n</configuration>\n";

            var document = SettingsDocuments.Parse(Encoding.UTF8.GetBytes(before), "IEA.config", layout);
            ConfigEditor.Apply(document, layout, DesiredSettings.Recommended(layout.Recommended));

            Assert.Equal(
                "<?xml version=\"1.0\"?>\n<configuration xmlns=\"urn:iea\">\n\t<version>3.00.72</version>\n\t<appSettings>\n" +
                "\t\t<add key=\"ServeurAuthentification\" value=\"https://impact-emploi.urssaf.fr\" />\n" +
                "\t\t<add key=\"ServeurMiseAJour\" value=\"https://impact-emploi.urssaf.fr/updates\" />\n" +
                "\t\t<add key=\"AuthentificationNetEntreprises\" value=\"https://services.net-entreprises.fr/authentifier/1.0/\" />\n" +
                "\t\t<add key=\"Mode\" value=\"Securise\" />\n\t</appSettings>\n</configuration>\n",
                Encoding.UTF8.GetString(document.ToBytes()));
            var config = ServerConfigReader.Read(SettingsDocuments.Parse(document.ToBytes(), "IEA.config", layout), "C:\\IEA", "IEA.config", layout);
            Assert.Equal("https://impact-emploi.urssaf.fr/updates", config.UpdateServer);
        }
    }
}
