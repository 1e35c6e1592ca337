using System.Collections;
using System.IO;
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
using ImpactEmploi.Tests.Support;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>Settings split between the INI file and registry values, through the registry seam's fake.</summary>
    public class RegistryStoreTests
    {
        private const string Key = "HKLM:\\SOFTWARE\\URSSAF\\ImpactEmploi\\Connexion";

        internal static readonly string Ini =
            "; Impact emploi association\r\n[Application]\r\nVersion=3.00.72\r\n[Connexion]\r\nType=Direct\r\nProxyAdresse=\r\nProxySecurise=0\r\n" +
            "ServeurAuthentification=http://impact-emploi.urssaf.fr\r\nServeurMiseAJour=http://impact-emploi.urssaf.fr/updates\r\n" +
            "AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/\r\n[Assistance]\r\nActif=0\r\nMotDePasseDuJour=\r\n" +
            "[Etat]\r\nResultat=OK\r\n";

        private static readonly IeaLayout Layout = MakeLayout();

        private static RegistryLocation Mode => Layout[Setting.ConnectionMode].Registry!;

        private static RegistryLocation Port => Layout[Setting.ProxyPort].Registry!;

        [Fact]
        public void Reads_registry_values_beside_the_file()
        {
            var registry = Fake();
            var document = SettingsDocuments.Parse(Encoding.Latin1.GetBytes(Ini), "ImpactEmploi.ini", Layout, registry);
            var config = ServerConfigReader.Read(document, "C:\\IEA", "ImpactEmploi.ini", Layout);
            Assert.Equal(ConnectionMode.Normal, config.ConnectionModeValue);
            Assert.Equal(8080, config.ProxyPort);
            Assert.Equal("http://impact-emploi.urssaf.fr", config.AuthenticationServer);
        }

        [Fact]
        public void Recommended_writes_the_file_and_the_value_after_one_backup_and_Restore_puts_both_back()
        {
            using var folder = new TempFolder();
            var path = folder.File("ImpactEmploi.ini");
            File.WriteAllBytes(path, Encoding.Latin1.GetBytes(Ini));
            var registry = Fake();
            var options = new UpdateOptions { Registry = registry, Processes = new NoProcesses() };

            var result = ConfigEditor.Update(folder.Path, path, Layout, DesiredSettings.Recommended(Layout.Recommended), options);

            Assert.True(result.Written);
            Assert.Equal("Securise", registry.Values[Mode]);
            Assert.Equal("8080", registry.Values[Port]);
            Assert.Equal(Ini.Replace("=http://", "=https://"), Encoding.Latin1.GetString(File.ReadAllBytes(path)));
            var backup = Assert.Single(SettingsDocuments.ListBackups(path, Layout));
            Assert.Equal(result.Backup!.BackupPath, backup.BackupPath);
            var saved = RegistryBackup.Parse(File.ReadAllBytes(backup.BackupPath), backup.BackupPath);
            Assert.Equal(Ini, Encoding.Latin1.GetString(saved.FileBytes));
            Assert.Equal((Mode, (string?)"Normal"), Assert.Single(saved.Values));

            var again = ConfigEditor.Update(folder.Path, path, Layout, DesiredSettings.Recommended(Layout.Recommended), options);
            Assert.False(again.Written);
            Assert.Single(SettingsDocuments.ListBackups(path, Layout));

            ConfigEditor.Restore(folder.Path, path, Layout, null, options);
            Assert.Equal("Normal", registry.Values[Mode]);
            Assert.Equal(Ini, Encoding.Latin1.GetString(File.ReadAllBytes(path)));
        }

        [Fact]
        public void A_value_that_did_not_exist_is_removed_again_by_Restore()
        {
            using var folder = new TempFolder();
            var path = folder.File("ImpactEmploi.ini");
            File.WriteAllBytes(path, Encoding.Latin1.GetBytes(Ini));
            var registry = new MemoryRegistryStore();
            var options = new UpdateOptions { Registry = registry, Processes = new NoProcesses() };

            ConfigEditor.Update(folder.Path, path, Layout, new DesiredSettings { ConnectionMode = ConnectionMode.Secure, ProxyPort = 3128 }, options);
            Assert.Equal("3128", registry.Values[Port]);

            ConfigEditor.Restore(folder.Path, path, Layout, null, options);
            Assert.Empty(registry.Values);
        }

        [Fact]
        public void All_values_of_one_change_or_none_a_failed_write_rolls_back_the_others_and_leaves_the_file()
        {
            using var folder = new TempFolder();
            var path = folder.File("ImpactEmploi.ini");
            File.WriteAllBytes(path, Encoding.Latin1.GetBytes(Ini));
            var registry = Fake();
            registry.FailWritesOf = "ProxyPort";
            var options = new UpdateOptions { Registry = registry, Processes = new NoProcesses() };

            var error = Assert.Throws<IeaException>(() => ConfigEditor.Update(folder.Path, path, Layout,
                new DesiredSettings { ConnectionMode = ConnectionMode.Secure, ProxyPort = 3128, AuthenticationServer = "https://impact-emploi.urssaf.fr" }, options));

            Assert.Equal(ErrorIds.ConfigAccessDenied, error.ErrorId);
            Assert.Equal("Normal", registry.Values[Mode]);
            Assert.Equal("8080", registry.Values[Port]);
            Assert.Equal(Ini, Encoding.Latin1.GetString(File.ReadAllBytes(path)));
        }

        [Fact]
        public void WhatIf_writes_nothing()
        {
            using var folder = new TempFolder();
            var path = folder.File("ImpactEmploi.ini");
            File.WriteAllBytes(path, Encoding.Latin1.GetBytes(Ini));
            var registry = Fake();
            var options = new UpdateOptions { Registry = registry, Processes = new NoProcesses(), Confirm = (_, _) => false };

            var result = ConfigEditor.Update(folder.Path, path, Layout, DesiredSettings.Recommended(Layout.Recommended), options);

            Assert.False(result.Written);
            Assert.Equal(0, registry.Writes);
            Assert.Empty(SettingsDocuments.ListBackups(path, Layout));
        }

        [Fact]
        public void A_DWORD_value_takes_only_a_number()
        {
            var document = SettingsDocuments.Parse(Encoding.Latin1.GetBytes(Ini), "ImpactEmploi.ini", Layout, Fake());
            Assert.Throws<SettingNotWritableException>(() => document.SetValue(Layout[Setting.ProxyPort], "-1"));
            var error = Assert.Throws<IeaException>(() => ConfigEditor.Apply(document, Layout, new DesiredSettings { ProxyPort = -1 }));
            Assert.Equal(ErrorIds.InvalidSettingValue, error.ErrorId);
            Assert.Contains("REG_DWORD", error.Message, System.StringComparison.Ordinal);
            Assert.Contains("4294967295", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void A_registry_backup_round_trips_values_with_any_characters()
        {
            var backup = new RegistryBackup(new byte[] { 0, 1, 255 }, new[] { (Mode, (string?)"a\tb\n%c é"), (Port, (string?)null) });
            var read = RegistryBackup.Parse(backup.ToBytes(), "b.bak");
            Assert.Equal(backup.FileBytes, read.FileBytes);
            Assert.Equal(backup.Values, read.Values);
            Assert.Equal(ErrorIds.ConfigUnreadable, Assert.Throws<IeaException>(() => RegistryBackup.Parse(Encoding.UTF8.GetBytes("junk"), "b.bak")).ErrorId);
        }

        private static MemoryRegistryStore Fake()
        {
            var registry = new MemoryRegistryStore();
            registry.Values[Mode] = "Normal";
            registry.Values[Port] = "8080";
            return registry;
        }

        internal static IeaLayout MakeLayout()
        {
            var data = LayoutTestData.Default();
            var settings = (Hashtable)data["Settings"]!;
            var mode = (Hashtable)settings["ConnectionMode"]!;
            mode.Remove("Section");
            mode.Remove("Key");
            mode["Store"] = "Registry";
            mode["RegistryKey"] = Key;
            mode["ValueName"] = "Mode";
            mode["View"] = "Registry32";
            settings["ProxyPort"] = new Hashtable { ["Store"] = "Registry", ["RegistryKey"] = Key, ["ValueName"] = "ProxyPort", ["ValueKind"] = "DWord" };
            return LayoutParser.FromData(data, "registry.psd1");
        }

        private sealed class NoProcesses : ImpactEmploi.Installations.IProcessTable
        {
            public bool IsRunning(string imageName, string folder) => false;

            public System.Collections.Generic.IReadOnlyList<int> Find(string imageName, string folder) => System.Array.Empty<int>();
        }
    }
}
