using System.Collections;
using ImpactEmploi.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Layouts
{
    public class LayoutParserTests
    {
        [Fact]
        public void Reads_every_setting_and_word_of_the_default_layout()
        {
            var layout = LayoutTestData.DefaultLayout();
            Assert.Equal("ImpactEmploi.ini", layout.FileName);
            Assert.Equal(1252, layout.DefaultEncoding.CodePage);
            Assert.Equal("Connexion", layout[Setting.ConnectionMode].Section);
            Assert.Equal("Securise", layout[Setting.ConnectionMode].WordFor("Secure"));
            Assert.Equal("Secure", layout[Setting.ConnectionMode].NameFor(" sécurisé "));
            Assert.Equal("SystemProxy", layout[Setting.ConnectionType].NameFor("navigateur"));
            Assert.Null(layout[Setting.ConnectionMode].NameFor("Turbo"));
            Assert.True(layout.IsOfficialHost("IMPACT-EMPLOI.urssaf.fr"));
            Assert.False(layout.IsOfficialHost("urssaf.fr"));
            Assert.Equal(ConnectionMode.Secure, layout.Recommended.ConnectionMode);
            Assert.Equal("ServeurConnexion.exe", layout.ConnectionProgramProcess);
        }

        [Theory]
        [InlineData("Settings.ProxyPort")]
        [InlineData("Settings.ConnectionMode.Values.Extended")]
        [InlineData("Processes.ConnectionProgram")]
        [InlineData("Recommended.UpdateServer")]
        [InlineData("FileName")]
        public void A_missing_field_is_LayoutInvalid_naming_it(string field)
        {
            var data = LayoutTestData.Default();
            Remove(data, field);
            var error = Assert.Throws<IeaException>(() => LayoutParser.FromData(data, "mine.psd1"));
            Assert.Equal(ErrorIds.LayoutInvalid, error.ErrorId);
            Assert.Contains(field, error.Message, System.StringComparison.Ordinal);
            Assert.Contains("mine.psd1", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void An_unknown_field_is_LayoutInvalid_naming_it_and_the_allowed_ones()
        {
            var data = LayoutTestData.Default();
            ((Hashtable)data["Settings"]!)["ConectionMode"] = new Hashtable();
            var error = Assert.Throws<IeaException>(() => LayoutParser.FromData(data, "mine.psd1"));
            Assert.Contains("Settings.ConectionMode", error.Message, System.StringComparison.Ordinal);
            Assert.Contains("ConnectionMode", error.Message, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Encoding", "klingon")]
        [InlineData("Encoding", "utf-32")]
        [InlineData("FileName", "../etc/passwd")]
        [InlineData("FileName", "   ")]
        public void A_value_the_module_cannot_use_is_LayoutInvalid(string field, string value)
        {
            var data = LayoutTestData.Default();
            data[field] = value;
            var error = Assert.Throws<IeaException>(() => LayoutParser.FromData(data, "mine.psd1"));
            Assert.Equal(ErrorIds.LayoutInvalid, error.ErrorId);
            Assert.Contains(field, error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void A_recommended_address_must_be_https()
        {
            var data = LayoutTestData.Default();
            ((Hashtable)data["Recommended"]!)["AuthenticationServer"] = "http://impact-emploi.urssaf.fr";
            var error = Assert.Throws<IeaException>(() => LayoutParser.FromData(data, "mine.psd1"));
            Assert.Contains("Recommended.AuthenticationServer", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void A_word_list_with_an_empty_word_is_refused()
        {
            var data = LayoutTestData.Default();
            var values = (Hashtable)((Hashtable)((Hashtable)data["Settings"]!)["AssistanceMode"]!)["Values"]!;
            values["True"] = new object[] { "1", "" };
            var error = Assert.Throws<IeaException>(() => LayoutParser.FromData(data, "mine.psd1"));
            Assert.Contains("Settings.AssistanceMode.Values.True", error.Message, System.StringComparison.Ordinal);
        }

        private static void Remove(Hashtable data, string path)
        {
            var parts = path.Split('.');
            var table = data;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                table = (Hashtable)table[parts[i]]!;
            }

            table.Remove(parts[^1]);
        }
    }
}
