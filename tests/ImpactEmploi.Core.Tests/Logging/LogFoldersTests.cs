using System;
using System.IO;
using System.Linq;
using System.Security.AccessControl;
using System.Security.Principal;
using ImpactEmploi.Logging;
using ImpactEmploi.Support;
using ImpactEmploi.Tests.Diagnosis;
using ImpactEmploi.Tests.Support;
using ImpactEmploi.Windows;
using Xunit;

namespace ImpactEmploi.Tests.Logging
{
    public class LogFoldersTests
    {
        [Fact]
        public void The_first_writable_folder_is_chosen_and_a_warning_names_those_tried()
        {
            using var culture = new UICulture("en-US");
            var choice = LogFolders.Choose(new[] { "/machine", "/machine", "/user", "/temp" }, folder => folder == "/temp");
            Assert.Equal("/temp", choice.Folder);
            Assert.Equal(new[] { "/machine", "/user" }, choice.Tried);
            Assert.Equal("The log folder /machine, /user cannot be written; logging to /temp instead.", choice.Warning);
        }

        [Fact]
        public void The_machine_folder_when_writable_gives_no_warning_and_none_writable_gives_no_folder()
        {
            var first = LogFolders.Choose(new[] { "/machine", "/user" }, _ => true);
            Assert.Equal("/machine", first.Folder);
            Assert.Null(first.Warning);
            var none = LogFolders.Choose(new[] { "/machine", "/user" }, _ => false);
            Assert.Null(none.Folder);
            Assert.Equal(new[] { "/machine", "/user" }, none.Tried);
        }

        [Fact]
        public void A_folder_is_writable_only_when_todays_file_can_be_appended()
        {
            using var temp = new TempFolder();
            var today = new DateTime(2026, 12, 1);
            var folder = Path.Combine(temp.Path, "logs");
            Assert.True(LogFolders.CanAppend(folder, today));
            Assert.True(Directory.Exists(folder));

            var blocked = Path.Combine(temp.Path, "blocked");
            Directory.CreateDirectory(Path.Combine(blocked, LogFolders.DayFileName(today)));
            Assert.False(LogFolders.CanAppend(blocked, today));

            File.WriteAllText(Path.Combine(temp.Path, "a-file"), "x");
            Assert.False(LogFolders.CanAppend(Path.Combine(temp.Path, "a-file", "logs"), today));
            Assert.Equal("impactemploi-20261201.log", LogFolders.DayFileName(today));
        }

        [Fact]
        public void A_journal_line_that_cannot_be_written_is_a_warning_naming_it_not_an_error()
        {
            using var culture = new UICulture("en-US");
            using var temp = new TempFolder();
            var journal = new SupportRequestJournal(temp.Path);
            Directory.CreateDirectory(journal.FilePath); // a folder where the file should be: any write fails
            var pump = new LogPump();
            LogPump.Current = pump;
            try
            {
                var request = new IeaSupportRequest { Path = "/iea", Subject = "Serveur de connexion 3.00.74", CreatedAt = DateTimeOffset.Now };
                journal.Record(request);
                Assert.Null(journal.FindRecent("/iea", "Serveur de connexion 3.00.74", DateTimeOffset.Now, TimeSpan.FromDays(7)));
            }
            finally
            {
                LogPump.Current = null;
            }

            Assert.True(pump.TryDequeue(out var lost));
            Assert.Equal(PumpLevel.Warning, lost.Level);
            Assert.Contains("Serveur de connexion 3.00.74", lost.Text, StringComparison.Ordinal);
            Assert.Contains(journal.FilePath, lost.Text, StringComparison.Ordinal);
            Assert.False(pump.TryDequeue(out _));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void On_Windows_the_machine_folder_lets_SYSTEM_and_Administrators_append_and_Users_only_read()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "Access lists are Windows'.");
            using var temp = new TempFolder();
            var folder = Path.Combine(temp.Path, "Logs");
            WindowsFolderSecurity.CreateDirectory(folder, WindowsFolderSecurity.MachineLogFolderSddl);
            if (OperatingSystem.IsWindows()) AssertMachineFolderAcl(folder);
        }

        [System.Runtime.Versioning.SupportedOSPlatform("windows")]
        private static void AssertMachineFolderAcl(string folder)
        {
            var acl = new DirectoryInfo(folder).GetAccessControl();
            Assert.True(acl.AreAccessRulesProtected);
            var rules = acl.GetAccessRules(true, true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>().ToList();
            FileSystemRights RightsOf(WellKnownSidType sid) => rules.Where(r => r.IdentityReference.Equals(new SecurityIdentifier(sid, null)) && r.AccessControlType == AccessControlType.Allow)
                .Aggregate((FileSystemRights)0, (all, r) => all | r.FileSystemRights);
            Assert.Equal(FileSystemRights.FullControl, RightsOf(WellKnownSidType.LocalSystemSid) & FileSystemRights.FullControl);
            Assert.Equal(FileSystemRights.FullControl, RightsOf(WellKnownSidType.BuiltinAdministratorsSid) & FileSystemRights.FullControl);
            Assert.Equal((FileSystemRights)0, RightsOf(WellKnownSidType.BuiltinUsersSid) & (FileSystemRights.WriteData | FileSystemRights.AppendData));
        }
    }
}
