using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ImpactEmploi.Installations;
using ImpactEmploi.Logging;
using ImpactEmploi.Tests.Diagnosis;
using ImpactEmploi.Tests.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Installations
{
    /// <summary>Discovery as SYSTEM: per-user uninstall entries, entries without InstallLocation, VirtualStore copies.</summary>
    public sealed class DiscoveryAsSystemTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "iea-discovery-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, true);
        }

        private sealed class Entries : IUninstallEntries
        {
            private readonly UninstallEntry[] _entries;
            public Entries(params UninstallEntry[] entries) => _entries = entries;
            public IEnumerable<UninstallEntry> Read() => _entries;
        }

        private string Installation(string name)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
            File.WriteAllText(Path.Combine(folder, "ImpactEmploi.ini"), "[Application]\r\nVersion=3.00.72\r\n");
            return folder;
        }

        [Fact]
        public void An_entry_without_InstallLocation_gives_the_folder_of_its_icon_or_uninstaller()
        {
            var folder = Path.Combine(_root, "IEA");
            var program = Path.Combine(folder, "ImpactEmploi.exe");
            Assert.Equal(folder, InstallationLocator.FolderOf(new UninstallEntry("IEA", "  ", "\"" + program + "\",0")));
            Assert.Equal(folder, InstallationLocator.FolderOf(new UninstallEntry("IEA", null, program + ",-101")));
            Assert.Equal(folder, InstallationLocator.FolderOf(new UninstallEntry("IEA", null, program)));
            Assert.Equal(folder, InstallationLocator.FolderOf(new UninstallEntry("IEA", null, null, "\"" + Path.Combine(folder, "unins000.exe") + "\" /SILENT")));
            Assert.Equal(folder, InstallationLocator.FolderOf(new UninstallEntry("IEA", null, null, Path.Combine(folder, "unins000.exe") + " /SILENT")));
            Assert.Equal(folder, InstallationLocator.FolderOf(new UninstallEntry("IEA", "\"" + folder + "\"", Path.Combine(_root, "elsewhere", "x.exe"))));
        }

        [Fact]
        public void Windows_Installer_and_empty_entries_give_no_folder()
        {
            Assert.Null(InstallationLocator.FolderOf(new UninstallEntry("IEA", null, null, "MsiExec.exe /X{12345678-1234-1234-1234-123456789012}")));
            Assert.Null(InstallationLocator.FolderOf(new UninstallEntry("IEA", null)));
            Assert.Null(InstallationLocator.FolderOf(new UninstallEntry("IEA", "", "", "")));
        }

        [Fact]
        public void An_installation_listed_only_by_its_icon_is_found()
        {
            var folder = Installation("per-user");
            var locator = new InstallationLocator(new Entries(new UninstallEntry("Impact emploi association", null, Path.Combine(folder, "ImpactEmploi.exe") + ",0")),
                _ => null, isWindows: false);
            Assert.Equal(folder, Assert.Single(locator.Discover(LayoutTestData.DefaultLayout())).Folder);
        }

        [Fact]
        public void Only_the_loaded_hives_of_real_users_are_read()
        {
            var names = new[] { ".DEFAULT", "S-1-5-18", "S-1-5-19", "S-1-5-20", "S-1-5-21-111-222-333-1001", "S-1-5-21-111-222-333-1001_Classes", "S-1-12-1-44-55-66-77" };
            Assert.Equal(new[] { "S-1-5-21-111-222-333-1001", "S-1-12-1-44-55-66-77" }, WindowsUninstallEntries.UserHives(names));
        }

        [Fact]
        public void A_settings_file_redirected_to_a_users_VirtualStore_is_named_in_a_warning()
        {
            using var culture = new UICulture("en-US");
            var programFiles = Path.Combine(_root, "Program Files (x86)");
            var folder = Installation(Path.Combine("Program Files (x86)", "ImpactEmploi"));
            var config = Path.Combine(folder, "ImpactEmploi.ini");
            var profile = Path.Combine(_root, "Users", "marie");
            var copy = Path.Combine(profile, "AppData", "Local", "VirtualStore", config.Substring(Path.GetPathRoot(config)!.Length));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllText(copy, "[Application]\r\nVersion=3.00.74\r\n");
            var environment = new Dictionary<string, string?> { ["IEA_HOME"] = folder, ["ProgramFiles(x86)"] = programFiles };
            var locator = new InstallationLocator(new Entries(), name => environment.TryGetValue(name, out var value) ? value : null, isWindows: false,
                () => new[] { profile, Path.Combine(_root, "Users", "paul") });

            var pump = new LogPump();
            LogPump.Current = pump;
            try
            {
                Assert.Equal(folder, Assert.Single(locator.Discover(LayoutTestData.DefaultLayout())).Folder);
            }
            finally
            {
                LogPump.Current = null;
            }

            Assert.True(pump.TryDequeue(out var note));
            Assert.Equal(PumpLevel.Warning, note.Level);
            Assert.Contains(config, note.Text, StringComparison.Ordinal);
            Assert.Contains(copy, note.Text, StringComparison.Ordinal);
            Assert.False(pump.TryDequeue(out _));
        }

        [Fact]
        public void A_settings_file_outside_Program_Files_and_Windows_is_never_redirected()
        {
            var folder = Installation("ImpactEmploi");
            var profile = Path.Combine(_root, "Users", "marie");
            var config = Path.Combine(folder, "ImpactEmploi.ini");
            var copy = Path.Combine(profile, "AppData", "Local", "VirtualStore", config.Substring(Path.GetPathRoot(config)!.Length));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllText(copy, "x");
            var locator = new InstallationLocator(new Entries(), name => name == "ProgramFiles" ? Path.Combine(_root, "Program Files") : null, isWindows: false,
                () => new[] { profile });
            Assert.Empty(locator.VirtualStoreCopies(config));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void On_Windows_the_registry_is_read_in_every_view_and_loaded_user_hive()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "The Uninstall keys and HKEY_USERS exist only on Windows.");
            var entries = new WindowsUninstallEntries().Read().ToList();
            Assert.NotEmpty(entries);
            Assert.All(WindowsUninstallEntries.LoadedUserHives(), sid => Assert.StartsWith("S-1-", sid, StringComparison.Ordinal));
            Assert.All(WindowsUserProfiles.Folders(), folder => Assert.True(Path.IsPathRooted(folder)));
        }
    }
}
