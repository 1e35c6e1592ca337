using System;
using System.Collections.Generic;
using System.IO;
using ImpactEmploi.Installations;
using ImpactEmploi.Tests.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Installations
{
    public sealed class InstallationLocatorTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "iea-locator-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, true);
            }
        }

        [Fact]
        public void Candidates_come_in_the_design_order_without_duplicates()
        {
            var home = string.Join(Path.PathSeparator, Path.Combine(_root, "a"), Path.Combine(_root, "b"), Path.Combine(_root, "a") + Path.DirectorySeparatorChar);
            var entries = new FakeEntries(
                new UninstallEntry("Impact Emploi Association", "\"" + Path.Combine(_root, "e") + "\""),
                new UninstallEntry("Impact emploi association 3.00", null),
                new UninstallEntry("Other program", Path.Combine(_root, "f")));
            var locator = new InstallationLocator(entries, name => name == "IEA_HOME" ? home : null, isWindows: false);

            Assert.Equal(new[] { Path.Combine(_root, "a"), Path.Combine(_root, "b"), Path.Combine(_root, "e") }, locator.CandidateFolders());
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void On_Windows_the_usual_folders_follow_in_both_program_files()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "Windows folders are only meaningful on Windows.");
            var environment = new Dictionary<string, string?>
            {
                ["SystemDrive"] = "C:",
                ["ProgramFiles(x86)"] = @"C:\Program Files (x86)",
                ["ProgramFiles"] = @"C:\Program Files (x86)",
                ["ProgramW6432"] = @"C:\Program Files",
            };
            var locator = new InstallationLocator(new FakeEntries(), name => environment.TryGetValue(name, out var v) ? v : null, isWindows: true);
            Assert.Equal(new[] { @"C:\ImpactEmploi", @"C:\Program Files (x86)\ImpactEmploi", @"C:\Program Files\ImpactEmploi" }, locator.CandidateFolders());
        }

        [Fact]
        public void Only_folders_holding_the_settings_file_are_installations()
        {
            var with = Directory.CreateDirectory(Path.Combine(_root, "with")).FullName;
            var without = Directory.CreateDirectory(Path.Combine(_root, "without")).FullName;
            File.WriteAllText(Path.Combine(with, "ImpactEmploi.ini"), "[Application]\r\nVersion=3.00.72\r\n");
            var locator = new InstallationLocator(new FakeEntries(new UninstallEntry("ImpactEmploi", without)),
                name => name == "IEA_HOME" ? with : null, isWindows: false);

            var found = Assert.Single(locator.Discover(LayoutTestData.DefaultLayout()));
            Assert.Equal(with, found.Folder);
            Assert.Equal(Path.Combine(with, "ImpactEmploi.ini"), found.ConfigPath);
        }

        [Fact]
        public void A_path_that_is_not_an_installation_is_InstallationNotFound()
        {
            Directory.CreateDirectory(_root);
            var error = Assert.Throws<IeaException>(() => InstallationLocator.Resolve(_root, LayoutTestData.DefaultLayout()));
            Assert.Equal(ErrorIds.InstallationNotFound, error.ErrorId);
            Assert.Equal(IeaErrorCategory.ObjectNotFound, error.Category);
            Assert.Contains("ImpactEmploi.ini", error.RecommendedAction, StringComparison.Ordinal);
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void The_registry_lists_entries_of_both_views()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "Reads the Windows registry.");
            Assert.NotEmpty(new WindowsUninstallEntries().Read());
        }

        private sealed class FakeEntries : IUninstallEntries
        {
            private readonly UninstallEntry[] _entries;

            public FakeEntries(params UninstallEntry[] entries) => _entries = entries;

            public IEnumerable<UninstallEntry> Read() => _entries;
        }
    }
}
