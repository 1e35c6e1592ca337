using System;
using System.IO;
using System.Linq;
using ImpactEmploi.Discovery;
using ImpactEmploi.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Discovery
{
    public class RegistryDiscoveryTests
    {
        [Fact]
        public void Finds_values_in_keys_that_name_IEA_in_both_views_and_in_each_users_hive()
        {
            var registry = new FakeRegistry()
                .Set(@"HKLM:\SOFTWARE\URSSAF\Impact Emploi Association\Reseau", RegistryKeyView.Registry32, "UrlAuthentification", "http://impact-emploi.urssaf.fr")
                .Set(@"HKLM:\SOFTWARE\URSSAF\Impact Emploi Association\Reseau", RegistryKeyView.Registry32, "PortDuProxy", "8080", "DWord")
                .Set(@"HKLM:\SOFTWARE\Editeur\IEA\Options", RegistryKeyView.Registry64, "NiveauConnexion", "Etendu")
                .Set(@"HKU:\S-1-5-21-1-2-3-1001\Software\ImpactEmploi", RegistryKeyView.Default, "AssistanceActive", "1", "DWord")
                .Set(@"HKU:\S-1-5-21-1-2-3-1001_Classes\ImpactEmploi", RegistryKeyView.Default, "AssistanceActive", "0", "DWord")
                .Set(@"HKCU:\Software\Impact\Maj", RegistryKeyView.Default, "ServeurMiseAJour", "http://impact-emploi.urssaf.fr/updates")
                // Not named after IEA: the URL alone does not make the key searched.
                .Set(@"HKLM:\SOFTWARE\Navigateur\Favoris", RegistryKeyView.Registry64, "Url1", "https://impact-emploi.urssaf.fr")
                .Set(@"HKLM:\SOFTWARE\Classes\ImpactEmploi.Document", RegistryKeyView.Registry64, "ServeurAuthentification", "https://impact-emploi.urssaf.fr");

            var found = new RegistrySettingScanner(registry).Scan("C:/IEA");

            Assert.Equal(5, found.Count);
            var authentication = Assert.Single(found, c => c.SettingValue == Setting.AuthenticationServer);
            Assert.Equal((@"HKLM:\SOFTWARE\URSSAF\Impact Emploi Association\Reseau", "UrlAuthentification", "Registry32", "String"),
                (authentication.RegistryKey, authentication.ValueName, authentication.View, authentication.ValueKind));
            var port = Assert.Single(found, c => c.SettingValue == Setting.ProxyPort);
            Assert.Equal(("PortDuProxy", "8080", "DWord"), (port.ValueName, port.Value, port.ValueKind));
            var mode = Assert.Single(found, c => c.SettingValue == Setting.ConnectionMode);
            Assert.Equal((@"HKLM:\SOFTWARE\Editeur\IEA\Options", "Registry64"), (mode.RegistryKey, mode.View));
            var assistance = Assert.Single(found, c => c.SettingValue == Setting.AssistanceMode);
            Assert.Equal((@"HKU:\S-1-5-21-1-2-3-1001\Software\ImpactEmploi", "Default"), (assistance.RegistryKey, assistance.View));
            Assert.All(found, c => Assert.Equal(SettingFormat.Registry, c.FormatValue));
            Assert.All(found, c => Assert.Null(c.RelativePath));
            Assert.Contains(found, c => c.SettingValue == Setting.UpdateServer && c.RegistryKey == @"HKCU:\Software\Impact\Maj");
        }

        [Fact]
        public void A_busy_hive_does_not_use_up_the_search_of_the_others()
        {
            var registry = new FakeRegistry();
            for (var i = 0; i < 30; i++)
            {
                registry.Set(@"HKLM:\SOFTWARE\Vendor" + i + @"\Product", RegistryKeyView.Registry64, "Url", "https://impact-emploi.urssaf.fr");
            }

            registry.Set(@"HKCU:\Software\URSSAF\IEA", RegistryKeyView.Default, "ServeurMiseAJour", "https://impact-emploi.urssaf.fr/updates");

            var found = new RegistrySettingScanner(registry, maxKeysPerRoot: 20).Scan("C:/IEA");

            Assert.Equal(@"HKCU:\Software\URSSAF\IEA", Assert.Single(found).RegistryKey);
        }

        [Fact]
        public void The_scanner_adds_the_registry_candidates_after_the_files_when_given_a_registry()
        {
            using var installation = new SyntheticInstallation();
            installation.Write("ImpactEmploi.ini", "[Connexion]\r\nMode=Normal\r\n");
            var registry = new FakeRegistry().Set(@"HKLM:\SOFTWARE\URSSAF\IEA", RegistryKeyView.Registry32, "ServeurAuthentification", "https://impact-emploi.urssaf.fr");

            var found = new SettingScanner(null, registry).Scan(installation.Folder);

            Assert.Equal(new[] { SettingFormat.Ini, SettingFormat.Registry }, found.Select(c => c.FormatValue));
            Assert.All(found, c => Assert.Equal(Path.GetFullPath(installation.Folder), c.Path));
        }

        [Theory]
        [InlineData(@"HKLM:\SOFTWARE\URSSAF", true)]
        [InlineData(@"HKLM:\SOFTWARE\Impact Emploi", true)]
        [InlineData(@"HKLM:\SOFTWARE\Vendor\IEA", true)]
        [InlineData(@"HKLM:\SOFTWARE\Vendor\IEASettings", true)]
        [InlineData(@"HKLM:\SOFTWARE\Siemens", false)]
        [InlineData(@"HKLM:\SOFTWARE\Vendor\Idea", false)]
        public void Names_IEA_only_for_keys_about_it(string key, bool expected) =>
            Assert.Equal(expected, RegistrySettingScanner.NamesIea(key));

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void Reads_the_real_registry_of_the_current_user()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "The registry exists only on Windows.");
            if (!OperatingSystem.IsWindows())
            {
                return;
            }

            var keyPath = @"Software\ImpactEmploi.PS.Tests." + Guid.NewGuid().ToString("N") + @"\Impact Emploi\Connexion";
            using (var key = Microsoft.Win32.Registry.CurrentUser.CreateSubKey(keyPath))
            {
                key.SetValue("ServeurMiseAJour", "https://impact-emploi.urssaf.fr/updates");
                key.SetValue("ProxyPort", 3128, Microsoft.Win32.RegistryValueKind.DWord);
            }

            try
            {
                var reader = new WindowsRegistryReader();
                var values = reader.Values(@"HKCU:\" + keyPath, RegistryKeyView.Default);
                Assert.Contains(values, v => v.Name == "ServeurMiseAJour" && v.Value == "https://impact-emploi.urssaf.fr/updates" && v.Kind == "String");
                Assert.Contains(values, v => v.Name == "ProxyPort" && v.Value == "3128" && v.Kind == "DWord");
                Assert.Contains(keyPath.Split('\\')[1], reader.SubKeyNames(@"HKCU:\Software", RegistryKeyView.Default));
            }
            finally
            {
                Microsoft.Win32.Registry.CurrentUser.DeleteSubKeyTree(keyPath.Substring(0, keyPath.IndexOf(@"\Impact", StringComparison.Ordinal)));
            }
        }
    }
}
