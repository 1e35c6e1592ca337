using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.Versioning;
using System.Text;
using System.Threading.Tasks;
using ImpactEmploi.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Storage
{
    /// <summary>
    /// What is planted at the lock file's or the backup folder's path between the module's check and its use: the open,
    /// chmod and chown go through handles that never follow a link nor wait on a FIFO, so nothing outside is touched.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public class LockAndFolderRaceTests
    {
        private const string Before = "[Connexion]\nMode=Normal\n";

        // A hang guard only: the calls must return at all, so the suite never hangs on a FIFO.
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

        [SkippableFact]
        public void Opening_the_lock_refuses_a_link_to_a_file_outside_and_leaves_that_file_as_it_was()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix symbolic links and modes.");
            using var config = new TempConfig(Before);
            using var outside = new TempConfig("secret=1\n");
            UnixShell.Run("chmod", "640", outside.ConfigPath);
            string before = UnixShell.OwnerAndMode(outside.ConfigPath);
            string lockPath = LockPathOf(config);
            File.CreateSymbolicLink(lockPath, outside.ConfigPath);

            var ex = Assert.Throws<NotRegularFileException>(() => FilePlatform.Current.OpenLock(lockPath, out _).Dispose());

            Assert.Equal(FileKind.SymbolicLink, ex.Kind);
            Assert.Equal("secret=1\n", outside.Text);
            Assert.Equal(before, UnixShell.OwnerAndMode(outside.ConfigPath));
            Assert.Equal(outside.ConfigPath, new FileInfo(lockPath).LinkTarget);
        }

        [SkippableFact]
        public void Opening_the_lock_never_creates_the_target_of_a_dangling_link()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix symbolic links.");
            using var config = new TempConfig(Before);
            string target = Path.Combine(config.Folder, "made-by-root");
            string lockPath = LockPathOf(config);
            File.CreateSymbolicLink(lockPath, target);

            var ex = Assert.Throws<NotRegularFileException>(() => FilePlatform.Current.OpenLock(lockPath, out _).Dispose());

            Assert.Equal(FileKind.SymbolicLink, ex.Kind);
            Assert.False(File.Exists(target));
        }

        [SkippableFact]
        public void Opening_the_lock_refuses_a_FIFO_without_waiting_for_a_writer()
        {
            Skip.If(OperatingSystem.IsWindows(), "FIFOs are Unix files.");
            using var config = new TempConfig(Before);
            string lockPath = LockPathOf(config);
            UnixShell.Run("mkfifo", lockPath);

            NotRegularFileException ex = Within(() => Assert.Throws<NotRegularFileException>(() => FilePlatform.Current.OpenLock(lockPath, out _).Dispose()));

            Assert.Equal(FileKind.Fifo, ex.Kind);
        }

        [SkippableFact]
        public void A_link_planted_after_the_check_is_refused_by_the_writer_and_its_target_is_not_created()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix symbolic links.");
            using var config = new TempConfig(Before);
            string target = Path.Combine(config.Folder, "made-by-root");
            var platform = new PlantsAfterCheck(LockPathOf(config), path => File.CreateSymbolicLink(path, target));

            var ex = Assert.Throws<IeaException>(() => Commit(platform, config));

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains(LockPathOf(config) + " is a symbolic link", ex.Message, StringComparison.Ordinal);
            Assert.True(platform.Planted);
            Assert.False(File.Exists(target));
            Assert.Equal(Before, config.Text);
            Assert.Empty(new BackupStore(config.ConfigPath).List());
        }

        [SkippableFact]
        public void A_FIFO_planted_after_the_check_is_refused_by_the_writer_at_once_naming_the_lock_file()
        {
            Skip.If(OperatingSystem.IsWindows(), "FIFOs are Unix files.");
            using var config = new TempConfig(Before);
            var platform = new PlantsAfterCheck(LockPathOf(config), path => UnixShell.Run("mkfifo", path));

            IeaException ex = Within(() => Assert.Throws<IeaException>(() => Commit(platform, config)));

            Assert.True(platform.Planted);
            AssertNamesTheLockFile(ex, config, "FIFO (named pipe)");
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        public void A_folder_planted_after_the_check_is_refused_at_once_naming_the_lock_file_not_waited_out_as_a_held_lock()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix open(2) errors.");
            using var config = new TempConfig(Before);
            var platform = new PlantsAfterCheck(LockPathOf(config), path => Directory.CreateDirectory(path));

            // Retried as "held", it would end in ConfigLocked after the 5 s wait instead.
            var ex = Assert.Throws<IeaException>(() => Commit(platform, config));

            Assert.True(platform.Planted);
            AssertNamesTheLockFile(ex, config, "folder");
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        public void A_FIFO_as_the_lock_file_is_ConfigAccessDenied_naming_the_lock_file_and_saying_to_remove_it()
        {
            Skip.If(OperatingSystem.IsWindows(), "FIFOs are Unix files.");
            using var config = new TempConfig(Before);
            Directory.CreateDirectory(config.BackupFolder);
            UnixShell.Run("mkfifo", LockPathOf(config));

            IeaException ex = Within(() => Assert.Throws<IeaException>(() => Commit(FilePlatform.Current, config)));

            AssertNamesTheLockFile(ex, config, "FIFO (named pipe)");
            Assert.DoesNotContain("Cannot read the IEA settings file", ex.Message, StringComparison.Ordinal);
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        public void A_lock_file_with_a_second_name_is_refused_and_the_other_file_keeps_its_owner_and_mode()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix hard links and owners.");
            using var config = new TempConfig(Before);
            if (UnixShell.IsRoot) UnixShell.Run("chown", "65534:65534", config.ConfigPath); // root would hand the lock file to this owner
            string other = Path.Combine(config.Folder, "system-file");
            File.WriteAllText(other, "root:x:0:0\n");
            UnixShell.Run("chmod", "644", other);
            string before = UnixShell.OwnerAndMode(other);
            var platform = new PlantsAfterCheck(LockPathOf(config), path => UnixShell.Run("ln", other, path));

            var ex = Assert.Throws<IeaException>(() => Commit(platform, config));

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("hard links", ex.Message, StringComparison.Ordinal);
            Assert.Equal(before, UnixShell.OwnerAndMode(other));
            Assert.Equal("root:x:0:0\n", File.ReadAllText(other));
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        public void A_backup_folder_swapped_for_a_link_before_its_access_is_narrowed_leaves_the_linked_folder_as_it_was()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix symbolic links and modes.");
            using var config = new TempConfig(Before);
            UnixShell.Run("chmod", "600", config.ConfigPath);
            if (UnixShell.IsRoot) UnixShell.Run("chown", "65534:65534", config.ConfigPath);
            string elsewhere = Directory.CreateDirectory(Path.Combine(config.Folder, "chosen-by-a-user")).FullName;
            UnixShell.Run("chmod", "777", elsewhere);
            string before = UnixShell.OwnerAndMode(elsewhere);
            var platform = new SwapsFolderBeforeRestrict(swap: folder =>
            {
                Directory.Delete(folder);
                Directory.CreateSymbolicLink(folder, elsewhere);
            });

            var ex = Assert.Throws<IeaException>(() => Commit(platform, config));

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("was replaced", ex.Message, StringComparison.Ordinal);
            Assert.True(platform.Swapped);
            Assert.Equal(before, UnixShell.OwnerAndMode(elsewhere));
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        public void A_backup_folder_swapped_for_another_folder_is_refused_and_that_folder_keeps_its_owner_and_mode()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix modes.");
            using var config = new TempConfig(Before);
            UnixShell.Run("chmod", "600", config.ConfigPath);
            string planted = Directory.CreateDirectory(Path.Combine(config.Folder, "planted")).FullName;
            UnixShell.Run("chmod", "777", planted);
            var platform = new SwapsFolderBeforeRestrict(swap: folder =>
            {
                Directory.Delete(folder);
                Directory.Move(planted, folder);
            });
            // Made by this run, then swapped: the folder found has the same path but is not the one checked.
            var ex = Assert.Throws<IeaException>(() => Commit(platform, config));

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("was replaced", ex.Message, StringComparison.Ordinal);
            Assert.EndsWith(" 777", UnixShell.OwnerAndMode(config.BackupFolder), StringComparison.Ordinal);
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        public void Narrowing_a_folder_through_a_link_changes_nothing_where_the_link_points()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix symbolic links and modes.");
            using var config = new TempConfig(Before);
            UnixShell.Run("chmod", "600", config.ConfigPath);
            if (UnixShell.IsRoot) UnixShell.Run("chown", "65534:65534", config.ConfigPath);
            Directory.CreateDirectory(config.BackupFolder);
            FileFacts checkedFolder = FilePlatform.Current.Describe(config.BackupFolder);
            string elsewhere = Directory.CreateDirectory(Path.Combine(config.Folder, "elsewhere")).FullName;
            UnixShell.Run("chmod", "777", elsewhere);
            string before = UnixShell.OwnerAndMode(elsewhere);
            Directory.Delete(config.BackupFolder);
            Directory.CreateSymbolicLink(config.BackupFolder, elsewhere);

            Assert.Throws<FileReplacedException>(() => FilePlatform.Current.RestrictFolder(config.BackupFolder, config.ConfigPath, checkedFolder));

            Assert.Equal(before, UnixShell.OwnerAndMode(elsewhere));
        }

        [SkippableFact]
        public void Narrowing_the_folder_checked_still_works_through_its_handle()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix modes.");
            using var config = new TempConfig(Before);
            UnixShell.Run("chmod", "640", config.ConfigPath);
            Directory.CreateDirectory(config.BackupFolder);
            UnixShell.Run("chmod", "777", config.BackupFolder);

            FilePlatform.Current.RestrictFolder(config.BackupFolder, config.ConfigPath, FilePlatform.Current.Describe(config.BackupFolder));

            // The group may read the file, so it may enter the folder; others may not.
            Assert.EndsWith(" 770", UnixShell.OwnerAndMode(config.BackupFolder), StringComparison.Ordinal);
        }

        private static void AssertNamesTheLockFile(IeaException ex, TempConfig config, string kind)
        {
            string lockPath = LockPathOf(config);
            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Equal(IeaErrorCategory.SecurityError, ex.Category);
            Assert.Contains($"its lock file {lockPath} is a {kind}, not the regular file the module makes there", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"can write in the folder {config.BackupFolder}", ex.Message, StringComparison.Ordinal);
            Assert.StartsWith($"Remove {lockPath} ", ex.RecommendedAction, StringComparison.Ordinal);
        }

        [SkippableFact]
        public void An_open_error_other_than_a_held_lock_is_ConfigWriteFailed_at_once_not_waited_out_as_ConfigLocked()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix open(2) errors.");
            using var config = new TempConfig(Before);
            string lockPath = LockPathOf(config);

            // A running program cannot be opened for writing (ETXTBSY): it stands in for a full disk, a read-only
            // mount or an I/O error, which a test cannot cause. Only flock's EWOULDBLOCK means another writer.
            File.Copy("/bin/sleep", lockPath);
            UnixShell.Run("chmod", "700", lockPath);
            using var running = Process.Start(lockPath, "60");
            try
            {
                Skip.IfNot(IsTextBusy(lockPath), "This kernel lets a running program be opened for writing.");

                // Retried as "held", it would end in ConfigLocked after the 20 s wait instead.
                var ex = Assert.Throws<IeaException>(() => ConfigTransaction.BeginOn(FilePlatform.Current, config.ConfigPath, TimeSpan.FromSeconds(20), default).Dispose());

                Assert.Equal(ErrorIds.ConfigWriteFailed, ex.ErrorId);
                Assert.Contains(lockPath, ex.Message, StringComparison.Ordinal);
                Assert.Equal(Before, config.Text);
            }
            finally
            {
                running.Kill();
                running.WaitForExit();
            }
        }

        private static bool IsTextBusy(string path)
        {
            try
            {
                File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite).Dispose();
                return false;
            }
            catch (IOException)
            {
                return true;
            }
        }

        private static string LockPathOf(TempConfig config)
        {
            Directory.CreateDirectory(config.BackupFolder);
            return Path.Combine(config.BackupFolder, "ImpactEmploi.ini.lock");
        }

        private static void Commit(IFilePlatform platform, TempConfig config)
        {
            using var tx = ConfigTransaction.BeginOn(platform, config.ConfigPath, TimeSpan.FromSeconds(5), default);
            tx.Commit(Encoding.ASCII.GetBytes("[Connexion]\nMode=Securise\n"));
        }

        private static T Within<T>(Func<T> action)
        {
            Task<T> task = Task.Run(action);
            Assert.True(task.Wait(HangGuard), "The call did not return at all within the hang guard.");
            return task.Result;
        }

        /// <summary>The real platform, but the lock path is planted right after the writer looked at it.</summary>
        private sealed class PlantsAfterCheck : IFilePlatform
        {
            private readonly IFilePlatform _real = FilePlatform.Current;
            private readonly string _path;
            private readonly Action<string> _plant;

            public PlantsAfterCheck(string path, Action<string> plant)
            {
                _path = path;
                _plant = plant;
            }

            public bool Planted { get; private set; }

            public long EffectiveUserId => _real.EffectiveUserId;

            public FileFacts Describe(string path)
            {
                FileFacts facts = _real.Describe(path);
                if (!Planted && path == _path)
                {
                    _plant(path);
                    Planted = true;
                }
                return facts;
            }

            public FileStream OpenRegularForRead(string path) => _real.OpenRegularForRead(path);
            public FileStream CreatePrivate(string path) => _real.CreatePrivate(path);
            public void CopyAccess(string model, FileStream target) => _real.CopyAccess(model, target);
            public FileStream OpenLock(string path, out FileFacts facts) => _real.OpenLock(path, out facts);
            public void RestrictFolder(string folder, string model, FileFacts checkedFolder) => _real.RestrictFolder(folder, model, checkedFolder);
            public bool IsTransient(Exception ex) => _real.IsTransient(ex);
        }
    }
}
