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
    }
}
