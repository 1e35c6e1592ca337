using System;
using System.Linq;
using ImpactEmploi.Configuration;
using ImpactEmploi.Ini;
using ImpactEmploi.Layouts;
using ImpactEmploi.Tests.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Configuration
{
    public class ConfigEditorTests
    {
        private const string Legacy =
            "[Connexion]\r\nType=Direct\r\nMode=Normal\r\nServeurAuthentification=http://impact-emploi.urssaf.fr\r\n" +
            "ServeurMiseAJour=https://impact-emploi.urssaf.fr/updates/\r\n[Assistance]\r\nActif=0\r\n";

        private static readonly IeaLayout Layout = LayoutTestData.DefaultLayout();

        private static IniDocument Document(string text = Legacy) =>
            IniDocument.Parse(TextEncodings.Windows1252.GetBytes(text), "test.ini", Layout.DefaultEncoding);

        [Fact]
        public void Recommended_changes_what_differs_and_nothing_else()
        {
            var document = Document();
            var changes = ConfigEditor.Apply(document, Layout, DesiredSettings.Recommended(Layout.Recommended));
            Assert.Equal(new[] { Setting.AuthenticationServer, Setting.NetEntreprisesServer, Setting.ConnectionMode }, changes.Select(c => c.Setting));
            Assert.Equal("Securise", document.GetValue("Connexion", "Mode"));
            // The update server differs only by a trailing slash: the same address, left as it is.
            Assert.Equal("https://impact-emploi.urssaf.fr/updates/", document.GetValue("Connexion", "ServeurMiseAJour"));
            Assert.Empty(ConfigEditor.Apply(document, Layout, DesiredSettings.Recommended(Layout.Recommended)));
        }

        [Fact]
        public void An_accepted_synonym_is_not_rewritten()
        {
            var document = Document(Legacy.Replace("Mode=Normal", "Mode=SÉCURISÉ", StringComparison.Ordinal));
            var changes = ConfigEditor.Apply(document, Layout, new DesiredSettings { ConnectionMode = ConnectionMode.Secure });
            Assert.Empty(changes);
        }

        [Theory]
        [InlineData("not an address", ErrorIds.InvalidServerAddress)]
        [InlineData("https://user:pw@impact-emploi.urssaf.fr", ErrorIds.InvalidServerAddress)]
        [InlineData("http://impact-emploi.urssaf.fr", ErrorIds.InsecureServerAddress)]
        [InlineData("https://example.org", ErrorIds.NonOfficialServer)]
        public void A_bad_address_is_refused_before_anything_changes(string address, string errorId)
        {
            var document = Document();
            var before = document.ToBytes();
            var error = Assert.Throws<IeaException>(() => ConfigEditor.Apply(document, Layout,
                new DesiredSettings { ConnectionMode = ConnectionMode.Secure, UpdateServer = address }));
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(before, document.ToBytes());
        }

        [Fact]
        public void A_secret_change_never_shows_its_value()
        {
            var document = Document();
            var change = Assert.Single(ConfigEditor.Apply(document, Layout, new DesiredSettings { DailyPassword = "Tr3sS3cret" }));
            Assert.True(change.IsSecret);
            Assert.DoesNotContain("Tr3sS3cret", change.ToString(), StringComparison.Ordinal);
            Assert.Equal("Tr3sS3cret", document.GetValue("Assistance", "MotDePasseDuJour"));
        }

        [Fact]
        public void A_value_the_file_cannot_hold_is_InvalidSettingValue_and_a_secret_one_is_never_quoted()
        {
            var document = Document();
            var host = Assert.Throws<IeaException>(() => ConfigEditor.Apply(document, Layout, new DesiredSettings { ProxyHost = "proxy\r\nActif=1" }));
            Assert.Equal(ErrorIds.InvalidSettingValue, host.ErrorId);

            var secret = Assert.Throws<IeaException>(() => ConfigEditor.Apply(document, Layout, new DesiredSettings { DailyPassword = "mot\u4E2Dde-passe" }));
            Assert.Equal(ErrorIds.InvalidSettingValue, secret.ErrorId);
            Assert.DoesNotContain("passe", secret.Message, StringComparison.Ordinal);
            Assert.Null(secret.InnerException);
            Assert.Equal(TextEncodings.Windows1252.GetBytes(Legacy), document.ToBytes());
        }

        [Theory]
        [InlineData("https://impact-emploi.urssaf.fr", "https://IMPACT-EMPLOI.URSSAF.FR/", true)]
        [InlineData("https://impact-emploi.urssaf.fr/updates", "https://impact-emploi.urssaf.fr/Updates", false)]
        [InlineData("https://impact-emploi.urssaf.fr", "http://impact-emploi.urssaf.fr", false)]
        [InlineData("https://impact-emploi.urssaf.fr", "https://impact-emploi.urssaf.fr:8443", false)]
        [InlineData("https://impact-emploi.urssaf.fr", "", false)]
        public void Addresses_compare_on_scheme_host_port_and_path(string expected, string actual, bool same) =>
            Assert.Equal(same, ServerAddress.AreSame(actual, new Uri(expected)));
    }
}
