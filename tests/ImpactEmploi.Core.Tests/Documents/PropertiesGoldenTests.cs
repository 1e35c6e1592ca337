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
    /// <summary>A .properties file of Java's shape (escaped colons, continuations, \u escapes, both comment marks) repaired as the fiche says.</summary>
    public class PropertiesGoldenTests
    {
        internal const string Before =
            "#Impact emploi association - param\u00e8tres de connexion\r\n" +
            "#Tue Mar 19 09:30:00 CET 2019\r\n" +
            "! \u00e9crit par l'application\r\n" +
            "application.version = 3.00.72\r\n" +
            "application.utilisateur=H\\u00e9l\\u00e8ne Lef\u00e8vre\r\n" +
            "\r\n" +
            "connexion.type=Direct\r\n" +
            "connexion.proxy.adresse=\r\n" +
            "connexion.proxy.port=0\r\n" +
            "connexion.proxy.securise=0\r\n" +
            "connexion.mode : Normal\r\n" +
            "connexion.serveur.authentification=http\\://impact-emploi.urssaf.fr\r\n" +
            "connexion.serveur.miseajour=http\\://impact-emploi.urssaf.fr\\\r\n" +
            "    /updates\r\n" +
            "connexion.serveur.netentreprises=https\\://services.net-entreprises.fr/authentifier/1.0/\r\n" +
            "assistance.actif=0\r\n" +
            "assistance.motdepasse=\r\n" +
            "etat.derniere=2019-03-19T09\\:30\\:00\r\n" +
            "etat.resultat=OK\r\n";

        internal const string After =
            "#Impact emploi association - param\u00e8tres de connexion\r\n" +
            "#Tue Mar 19 09:30:00 CET 2019\r\n" +
            "! \u00e9crit par l'application\r\n" +
            "application.version = 3.00.72\r\n" +
            "application.utilisateur=H\\u00e9l\\u00e8ne Lef\u00e8vre\r\n" +
            "\r\n" +
            "connexion.type=Direct\r\n" +
            "connexion.proxy.adresse=\r\n" +
            "connexion.proxy.port=0\r\n" +
            "connexion.proxy.securise=0\r\n" +
            "connexion.mode : Securise\r\n" +
            "connexion.serveur.authentification=https://impact-emploi.urssaf.fr\r\n" +
            "connexion.serveur.miseajour=https://impact-emploi.urssaf.fr/updates\r\n" +
            "connexion.serveur.netentreprises=https\\://services.net-entreprises.fr/authentifier/1.0/\r\n" +
            "assistance.actif=0\r\n" +
            "assistance.motdepasse=\r\n" +
            "etat.derniere=2019-03-19T09\\:30\\:00\r\n" +
            "etat.resultat=OK\r\n";

        private static readonly IeaLayout Layout = FormatLayoutTestData.Properties();

        public static TheoryData<string, string, bool> Cases() => new TheoryData<string, string, bool>
        {
            { "iso-8859-1", "\r\n", false },
            { "iso-8859-1", "\n", false },
            { "utf-8", "\r\n", false },
            { "utf-8", "\n", true },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Recommended_changes_only_the_three_values_byte_for_byte(string encodingName, string newLine, bool bom)
        {
            var encoding = Encoding.GetEncoding(encodingName);
            byte[] Bytes(string text) => (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : System.Array.Empty<byte>()).Concat(encoding.GetBytes(text.Replace("\r\n", newLine))).ToArray();

            var document = SettingsDocuments.Parse(Bytes(Before), "test.properties", Layout);
            Assert.Equal(Bytes(Before), document.ToBytes());
            var config = ServerConfigReader.Read(document, "C:\\IEA", "test.properties", Layout);
            Assert.Equal("3.00.72", config.Version);
            Assert.Equal("http://impact-emploi.urssaf.fr/updates", config.UpdateServer);
            Assert.Equal(ConnectionMode.Normal, config.ConnectionModeValue);
            Assert.Equal(3, config.Deviations.Count);

            var changes = ConfigEditor.Apply(document, Layout, DesiredSettings.Recommended(Layout.Recommended));

            Assert.Equal(new[] { Setting.AuthenticationServer, Setting.UpdateServer, Setting.ConnectionMode }, changes.Select(c => c.Setting));
            Assert.Equal(Bytes(After), document.ToBytes());
            Assert.Empty(ConfigEditor.Apply(SettingsDocuments.Parse(document.ToBytes(), "test.properties", Layout), Layout, DesiredSettings.Recommended(Layout.Recommended)));
        }

        [Fact]
        public void A_Latin1_file_is_read_as_Latin1_and_a_UTF8_one_as_UTF8()
        {
            var latin1 = PropertiesDocument.Parse(Encoding.Latin1.GetBytes(Before), "a.properties");
            Assert.Equal(28591, latin1.Encoding.CodePage);
            Assert.Equal("H\u00e9l\u00e8ne Lef\u00e8vre", latin1.GetValue("application.utilisateur"));

            var utf8 = PropertiesDocument.Parse(Encoding.UTF8.GetBytes(Before), "u.properties");
            Assert.Equal(65001, utf8.Encoding.CodePage);
            Assert.Equal("H\u00e9l\u00e8ne Lef\u00e8vre", utf8.GetValue("application.utilisateur"));
        }
    }
}
