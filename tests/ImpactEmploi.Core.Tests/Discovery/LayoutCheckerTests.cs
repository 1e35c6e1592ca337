using System.IO;
using System.Linq;
using System.Text;
using ImpactEmploi.Discovery;
using ImpactEmploi.Documents;
using ImpactEmploi.Layouts;
using ImpactEmploi.Tests.Configuration;
using ImpactEmploi.Tests.Documents;
using ImpactEmploi.Tests.Installations;
using ImpactEmploi.Tests.Layouts;
using ImpactEmploi.Tests.Resources;
using ImpactEmploi.Tests.Storage;
using ImpactEmploi.Tests.Support;
using Xunit;

namespace ImpactEmploi.Tests.Discovery
{
    /// <summary>Test-IeaLayout's check reads every format through the stores: a sound file passes, a word the layout does not know is named.</summary>
    public class LayoutCheckerTests
    {
        private const string IniText = "; Impact emploi association\r\n[Application]\r\nVersion=3.00.72\r\n[Connexion]\r\nType=Direct\r\nProxyAdresse=\r\nProxyPort=0\r\n" +
            "ProxySecurise=0\r\nMode=Normal\r\nServeurAuthentification=http://impact-emploi.urssaf.fr\r\nServeurMiseAJour=http://impact-emploi.urssaf.fr/updates\r\n" +
            "AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/\r\n[Assistance]\r\nActif=0\r\nMotDePasseDuJour=\r\n" +
            "[Etat]\r\nResultat=OK\r\n";

        public static TheoryData<string, string, string> Formats() => new TheoryData<string, string, string>
        {
            { "Ini", IniText, "Mode=Normal" },
            { "Xml", XmlGoldenTests.Before.Replace("{ENCODING}", "utf-8"), "value='Normal'" },
            { "Properties", PropertiesGoldenTests.Before, "connexion.mode : Normal" },
            { "Json", JsonGoldenTests.Before, "\"mode\"  :  \"Normal\"" },
        };

        [Theory]
        [MemberData(nameof(Formats))]
        public void A_sound_file_passes_and_an_unknown_mode_word_is_named(string format, string text, string modeText)
        {
            var layout = LayoutOf(format);
            using var folder = new TempFolder();
            File.WriteAllBytes(folder.File(layout.FileName), Encoding.UTF8.GetBytes(text));

            var sound = LayoutChecker.Check(folder.Path, layout, "PC1");

            Assert.True(sound.FileFound);
            Assert.True(sound.Passed, string.Join("\n", sound.Differences));
            Assert.Contains("ConnectionMode", sound.Found);
            Assert.Contains("AuthenticationServer", sound.Found);
            Assert.Contains("ProxyHost", sound.Found);
            Assert.Empty(sound.NotParsed);

            File.WriteAllBytes(folder.File(layout.FileName), Encoding.UTF8.GetBytes(text.Replace(modeText, modeText.Replace("Normal", "Turbo"))));
            var turbo = LayoutChecker.Check(folder.Path, layout, "PC1");

            Assert.False(turbo.Passed);
            Assert.Equal(new[] { "ConnectionMode" }, turbo.NotParsed);
            Assert.Contains(turbo.Differences, d => d.Contains("Turbo") && d.Contains(layout[Setting.ConnectionMode].ToString()));
        }

        [Theory]
        [MemberData(nameof(Formats))]
        public void A_file_the_store_cannot_parse_is_reported_not_thrown(string format, string text, string modeText)
        {
            _ = text;
            _ = modeText;
            var layout = LayoutOf(format);
            using var folder = new TempFolder();
            File.WriteAllBytes(folder.File(layout.FileName), new byte[] { 0xFF, 0xFE, 0x00, 0xD8, 0x00, 0x00, (byte)'{', (byte)'<' });

            var result = LayoutChecker.Check(folder.Path, layout, "PC1");

            Assert.False(result.Passed);
            Assert.False(result.FileFound);
            Assert.Contains(folder.File(layout.FileName), Assert.Single(result.Differences));
        }

        [Fact]
        public void Registry_values_are_read_through_the_registry_store()
        {
            var layout = RegistryStoreTests.MakeLayout();
            using var folder = new TempFolder();
            File.WriteAllBytes(folder.File(layout.FileName), Encoding.Latin1.GetBytes(RegistryStoreTests.Ini));
            var registry = new MemoryRegistryStore();
            registry.Values[layout[Setting.ConnectionMode].Registry!] = "Securise";
            registry.Values[layout[Setting.ProxyPort].Registry!] = "8080";

            var sound = LayoutChecker.Check(folder.Path, layout, "PC1", registry);

            Assert.True(sound.Passed, string.Join("\n", sound.Differences));
            Assert.Contains("ConnectionMode", sound.Found);
            Assert.Contains("ProxyPort", sound.Found);

            registry.Values.Remove(layout[Setting.ConnectionMode].Registry!);
            registry.Values[layout[Setting.ProxyPort].Registry!] = "99999";
            var broken = LayoutChecker.Check(folder.Path, layout, "PC1", registry);

            Assert.False(broken.Passed);
            Assert.Contains("ConnectionMode", broken.Missing);
            Assert.Equal(new[] { "ProxyPort" }, broken.NotParsed);
            Assert.Contains(broken.Differences, d => d.Contains(layout[Setting.ConnectionMode].Registry!.ToString()));
        }

        [Fact]
        public void A_registry_that_cannot_be_read_makes_its_settings_missing_with_the_reason()
        {
            var layout = RegistryStoreTests.MakeLayout();
            using var folder = new TempFolder();
            File.WriteAllBytes(folder.File(layout.FileName), Encoding.Latin1.GetBytes(RegistryStoreTests.Ini));

            var result = LayoutChecker.Check(folder.Path, layout, "PC1", new DeniedRegistry());

            Assert.True(result.FileFound);
            Assert.False(result.Passed);
            Assert.Equal(new[] { "ProxyPort", "ConnectionMode" }, result.Missing.Where(m => m == "ProxyPort" || m == "ConnectionMode").ToArray());
            Assert.Contains(result.Differences, d => d.Contains("denied by test"));
            Assert.Contains("AuthenticationServer", result.Found);
        }

        private static IeaLayout LayoutOf(string format) => format switch
        {
            "Xml" => FormatLayoutTestData.Xml(),
            "Properties" => FormatLayoutTestData.Properties(),
            "Json" => FormatLayoutTestData.Json(),
            _ => LayoutParser.FromData(LayoutTestData.Default(), "ini.psd1"),
        };

        private sealed class DeniedRegistry : IRegistryStore
        {
            public string? Read(RegistryLocation location) =>
                throw new IeaException(ErrorIds.ConfigAccessDenied, IeaErrorCategory.PermissionDenied, "denied by test: " + location, location.ToString(), "");

            public void Write(RegistryLocation location, string value) => throw new System.InvalidOperationException("the check never writes");

            public void Delete(RegistryLocation location) => throw new System.InvalidOperationException("the check never writes");
        }
    }
}
