using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using System.Text;
using ImpactEmploi.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Storage
{
    /// <summary>
    /// Windows: the backup folder, temp files, backups and the lock file are changed through handles opened with
    /// FILE_FLAG_OPEN_REPARSE_POINT, so a junction or a link planted at their paths after the module's check is refused
    /// and nothing where it points is touched.
    /// </summary>
    [SupportedOSPlatform("windows")]
    public class WindowsHandleTests
    {
        private const string Before = "[Connexion]\r\nMode=Normal\r\n";
        private const string Reason = "Windows junctions, links and access lists.";

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void Narrowing_a_backup_folder_swapped_for_a_junction_is_refused_and_the_folder_it_points_to_keeps_its_access()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            MakePrivate(config.ConfigPath);
            Directory.CreateDirectory(config.BackupFolder);
            FileFacts checkedFolder = FilePlatform.Current.Describe(config.BackupFolder);
            string elsewhere = Directory.CreateDirectory(Path.Combine(config.Folder, "elsewhere")).FullName;
            string before = FolderSddl(elsewhere);
            Directory.Delete(config.BackupFolder);
            Cmd("mklink", "/J", config.BackupFolder, elsewhere);

            Assert.Throws<FileReplacedException>(() => FilePlatform.Current.RestrictFolder(config.BackupFolder, config.ConfigPath, checkedFolder));

            Assert.Equal(before, FolderSddl(elsewhere));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_backup_folder_swapped_for_a_junction_before_its_access_is_narrowed_is_ConfigAccessDenied_and_nothing_lands_where_it_points()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            MakePrivate(config.ConfigPath);
            string elsewhere = Directory.CreateDirectory(Path.Combine(config.Folder, "chosen-by-a-user")).FullName;
            string before = FolderSddl(elsewhere);
            var platform = new SwapsFolderBeforeRestrict(folder =>
            {
                Directory.Delete(folder);
                Cmd("mklink", "/J", folder, elsewhere);
            });

            var ex = Assert.Throws<IeaException>(() =>
            {
                using var tx = ConfigTransaction.BeginOn(platform, config.ConfigPath, TimeSpan.FromSeconds(5), default);
                tx.Commit(Encoding.ASCII.GetBytes("[Connexion]\r\nMode=Securise\r\n"));
            });

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("was replaced", ex.Message, StringComparison.Ordinal);
            Assert.True(platform.Swapped);
            Assert.Equal(before, FolderSddl(elsewhere));
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_folder_is_described_by_its_identity_and_a_junction_as_a_link()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            string first = Directory.CreateDirectory(Path.Combine(config.Folder, "first")).FullName;
            string second = Directory.CreateDirectory(Path.Combine(config.Folder, "second")).FullName;
            string junction = Path.Combine(config.Folder, "junction");
            Cmd("mklink", "/J", junction, first);

            FileFacts facts = FilePlatform.Current.Describe(first);

            Assert.Equal(FileKind.Directory, facts.Kind);
            Assert.True(facts.IsSameFileAs(FilePlatform.Current.Describe(first)));
            Assert.False(facts.IsSameFileAs(FilePlatform.Current.Describe(second)));
            Assert.Equal(FileKind.SymbolicLink, FilePlatform.Current.Describe(junction).Kind);
            Assert.False(facts.IsSameFileAs(FilePlatform.Current.Describe(junction)));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_lock_another_writer_holds_is_a_sharing_violation_waited_out_as_ConfigLocked()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            string lockPath = LockPathOf(config);

            // An older version of the module locks with FileShare.None.
            using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                var held = Assert.Throws<IOException>(() => FilePlatform.Current.OpenLock(lockPath, out _).Dispose());
                Assert.True(FilePlatform.Current.IsTransient(held));

                var ex = Assert.Throws<IeaException>(() => ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromMilliseconds(300)).Dispose());
                Assert.Equal(ErrorIds.ConfigLocked, ex.ErrorId);
            }

            using (ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5)))
            {
                var ex = Assert.Throws<IeaException>(() => ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromMilliseconds(300)).Dispose());
                Assert.Equal(ErrorIds.ConfigLocked, ex.ErrorId);
            }
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_junction_as_the_lock_file_is_refused_as_a_link_and_nothing_is_created_where_it_points()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            string lockPath = LockPathOf(config);
            string elsewhere = Directory.CreateDirectory(Path.Combine(config.Folder, "elsewhere")).FullName;
            Cmd("mklink", "/J", lockPath, elsewhere);

            var ex = Assert.Throws<NotRegularFileException>(() => FilePlatform.Current.OpenLock(lockPath, out _).Dispose());

            Assert.Equal(FileKind.SymbolicLink, ex.Kind);
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_folder_as_the_lock_file_is_refused_at_once_not_waited_out()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            string lockPath = LockPathOf(config);
            Directory.CreateDirectory(lockPath);

            var ex = Assert.Throws<NotRegularFileException>(() => FilePlatform.Current.OpenLock(lockPath, out _).Dispose());

            Assert.Equal(FileKind.Directory, ex.Kind);
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_symbolic_link_as_the_lock_file_is_opened_as_itself_refused_and_its_target_left_as_it_was()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            string lockPath = LockPathOf(config);
            string outside = Path.Combine(config.Folder, "system-file");
            string missing = Path.Combine(config.Folder, "made-by-the-module");
            File.WriteAllText(outside, "secret=1\r\n");
            SymbolicLinkOrSkip(lockPath, outside);
            string dangling = Path.Combine(config.BackupFolder, "dangling.lock");
            SymbolicLinkOrSkip(dangling, missing);

            var ex = Assert.Throws<NotRegularFileException>(() => FilePlatform.Current.OpenLock(lockPath, out _).Dispose());
            var danglingEx = Assert.Throws<NotRegularFileException>(() => FilePlatform.Current.OpenLock(dangling, out _).Dispose());

            Assert.Equal(FileKind.SymbolicLink, ex.Kind);
            Assert.Equal(FileKind.SymbolicLink, danglingEx.Kind);
            Assert.Equal("secret=1\r\n", File.ReadAllText(outside));
            Assert.False(File.Exists(missing));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_private_file_is_never_created_through_a_dangling_symbolic_link()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            string missing = Path.Combine(config.Folder, "made-by-the-module");
            string temp = Path.Combine(config.Folder, ".ImpactEmploi.ini.planted.tmp");
            SymbolicLinkOrSkip(temp, missing);

            Assert.ThrowsAny<IOException>(() => FilePlatform.Current.CreatePrivate(temp).Dispose());

            Assert.False(File.Exists(missing));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_lock_file_with_a_second_name_is_refused_and_the_other_file_is_left_as_it_was()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            string other = Path.Combine(config.Folder, "system-file");
            File.WriteAllText(other, "secret=1\r\n");
            // Protected, so that this test about the lock refusal does not rest on narrowing the backup folder leaving its
            // children alone (pinned by A_file_in_an_existing_backup_folder_keeps_the_access_it_inherited_when_the_folder_is_narrowed).
            MakePrivate(other);
            Cmd("mklink", "/H", LockPathOf(config), other);

            var ex = Assert.Throws<IeaException>(() => ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5)).Dispose());

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("hard links", ex.Message, StringComparison.Ordinal);
            Assert.Equal("secret=1\r\n", File.ReadAllText(other));
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_file_in_an_existing_backup_folder_keeps_the_access_it_inherited_when_the_folder_is_narrowed()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            MakePrivate(config.ConfigPath);
            // A lock file an older version left: its DACL is only what it inherited from the folder, as made then.
            string lockPath = LockPathOf(config);
            File.WriteAllText(lockPath, "");
            string before = FileSddl(lockPath);
            Assert.False(new FileInfo(lockPath).GetAccessControl().AreAccessRulesProtected);

            FilePlatform.Current.RestrictFolder(config.BackupFolder, config.ConfigPath, FilePlatform.Current.Describe(config.BackupFolder));

            // The folder is narrowed, but no inherited ACE is stripped from the file (it would be left with an empty DACL).
            Assert.True(new DirectoryInfo(config.BackupFolder).GetAccessControl().AreAccessRulesProtected);
            Assert.Equal(before, FileSddl(lockPath));
            FilePlatform.Current.OpenLock(lockPath, out _).Dispose();
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void A_temp_file_gets_the_settings_file_access_through_its_handle()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), Reason);
            using var config = new TempConfig(Before);
            MakePrivate(config.ConfigPath);
            string temp = Path.Combine(config.Folder, ".ImpactEmploi.ini.test.tmp");

            using (FileStream stream = FilePlatform.Current.CreatePrivate(temp))
            {
                FilePlatform.Current.CopyAccess(config.ConfigPath, stream);
            }

            FileSecurity model = new FileInfo(config.ConfigPath).GetAccessControl();
            FileSecurity copy = new FileInfo(temp).GetAccessControl();
            Assert.True(copy.AreAccessRulesProtected);
            Assert.Equal(Rules(model), Rules(copy));
        }

        // Only the current user and SYSTEM: a DACL no folder under the temp folder has, so a copy of it shows.
        private static void MakePrivate(string path)
        {
            var security = new FileSecurity();
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            security.AddAccessRule(new FileSystemAccessRule(WindowsIdentity.GetCurrent().User!, FileSystemRights.FullControl, AccessControlType.Allow));
            security.AddAccessRule(new FileSystemAccessRule(new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null), FileSystemRights.FullControl, AccessControlType.Allow));
            new FileInfo(path).SetAccessControl(security);
        }

        private static string FileSddl(string path) =>
            new FileInfo(path).GetAccessControl(AccessControlSections.Access).GetSecurityDescriptorSddlForm(AccessControlSections.Access);

        private static string FolderSddl(string path) =>
            new DirectoryInfo(path).GetAccessControl(AccessControlSections.Access).GetSecurityDescriptorSddlForm(AccessControlSections.Access);

        private static string[] Rules(FileSecurity security)
        {
            var rules = new System.Collections.Generic.List<string>();
            foreach (FileSystemAccessRule rule in security.GetAccessRules(true, true, typeof(SecurityIdentifier)))
                rules.Add(rule.IdentityReference.Value + " " + rule.AccessControlType + " " + rule.FileSystemRights);
            rules.Sort(StringComparer.Ordinal);
            return rules.ToArray();
        }

        private static string LockPathOf(TempConfig config)
        {
            Directory.CreateDirectory(config.BackupFolder);
            return Path.Combine(config.BackupFolder, "ImpactEmploi.ini.lock");
        }

        // File symbolic links need the privilege (administrators, or developer mode); junctions and hard links do not.
        private static void SymbolicLinkOrSkip(string path, string target)
        {
            try
            {
                File.CreateSymbolicLink(path, target);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Skip.If(true, "This user may not create symbolic links: " + ex.Message);
            }
        }

        private static void Cmd(params string[] args)
        {
            var info = new ProcessStartInfo("cmd.exe") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("/c");
            foreach (string arg in args) info.ArgumentList.Add(arg);
            using Process process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "cmd /c " + string.Join(" ", args) + " failed: " + output);
        }
    }
}
