using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Ini;
using ImpactEmploi.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Storage
{
    /// <summary>
    /// The safe write against a hostile or messy disk, on real files: what is in the settings file's place, who may
    /// read the copies, links planted around it, and backups that only a committed write makes.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public class SafeWriteTests
    {
        private const string Before = "[Connexion]\nMode=Normal\n";
        private const string After = "[Connexion]\nMode=Securise\n";

        // A hang guard only: the calls must return at all, so the suite never hangs on a FIFO.
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

        public enum Special
        {
            Fifo,
            Socket,
            Folder,
            DevNull,
        }

        [SkippableTheory]
        [InlineData(Special.Fifo)]
        [InlineData(Special.Socket)]
        [InlineData(Special.Folder)]
        [InlineData(Special.DevNull)]
        public void What_is_not_a_regular_file_is_ConfigUnreadable_at_once_for_readers_and_writers(Special kind)
        {
            Skip.If(OperatingSystem.IsWindows(), "FIFOs, sockets and /dev/null are Unix files.");
            using var config = new TempConfig(Before);
            using Socket? socket = MakeSpecial(kind, config);
            string path = kind == Special.DevNull ? "/dev/null" : config.ConfigPath;

            IeaException read = ThrowsWithin(() => IniDocument.Load(path));
            IeaException write = ThrowsWithin(() => ConfigTransaction.Begin(path, TimeSpan.FromSeconds(1)));

            foreach (IeaException ex in new[] { read, write })
            {
                Assert.Equal(ErrorIds.ConfigUnreadable, ex.ErrorId);
                Assert.Contains(kind == Special.Folder ? "folder" : "not a regular file", ex.Message, StringComparison.Ordinal);
            }
            Assert.False(Directory.Exists(config.BackupFolder)); // refused before the lock folder is made
        }

        [SkippableFact]
        public void A_FIFO_among_the_backups_makes_neither_a_commit_nor_a_restore_read_hang()
        {
            Skip.If(OperatingSystem.IsWindows(), "FIFOs are Unix files.");
            using var config = new TempConfig(Before);
            var store = new BackupStore(config.ConfigPath);
            Directory.CreateDirectory(store.Folder);
            string planted = Path.Combine(store.Folder, "ImpactEmploi.ini.20200101T000000000Z.bak");
            UnixShell.Run("mkfifo", planted);

            CompletesWithin(() =>
            {
                using var tx = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(1));
                tx.Commit(Encoding.ASCII.GetBytes(After));
            });

            Assert.Equal(After, config.Text);
            Assert.Equal(Before, File.ReadAllText(store.List()[0].BackupPath));
            Assert.Equal(ErrorIds.ConfigUnreadable, ThrowsWithin(() => SafeRead.AllBytes(planted)).ErrorId);
        }

        [Fact]
        public void A_settings_file_over_1_MiB_is_ConfigUnreadable_too_large_for_the_writer()
        {
            using var config = new TempConfig(Before);
            File.WriteAllBytes(config.ConfigPath, new byte[SafeRead.MaxFileBytes + 1]);

            var ex = Assert.Throws<IeaException>(() => ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(1)));

            Assert.Equal(ErrorIds.ConfigUnreadable, ex.ErrorId);
            Assert.Contains("1048577 bytes, over the 1048576-byte limit", ex.Message, StringComparison.Ordinal);
        }

        [SkippableFact]
        public void Root_writing_a_users_private_file_keeps_its_owner_and_mode_and_its_copies_are_as_private()
        {
            Skip.IfNot(UnixShell.IsRoot, "Needs root to give the settings file to another user (chown).");
            using var config = new TempConfig(Before);
            UnixShell.Run("chown", "65534:65534", config.ConfigPath);
            UnixShell.Run("chmod", "600", config.ConfigPath);

            using (var tx = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5)))
            {
                tx.Commit(Encoding.ASCII.GetBytes(After));
            }

            Assert.Equal(After, config.Text);
            Assert.Equal("65534:65534 600", UnixShell.OwnerAndMode(config.ConfigPath));
            string backup = Assert.Single(new BackupStore(config.ConfigPath).List()).BackupPath;
            Assert.Equal("65534:65534 600", UnixShell.OwnerAndMode(backup));
            Assert.Equal("65534:65534 700", UnixShell.OwnerAndMode(config.BackupFolder));
            Assert.Empty(Directory.GetFiles(config.Folder, "*.tmp").Concat(Directory.GetFiles(config.BackupFolder, "*.tmp")));

            // The folder now belongs to the file's owner, who is trusted: the next write is not refused.
            using (var tx = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5)))
            {
                tx.Commit(Encoding.ASCII.GetBytes(Before));
            }
            Assert.Equal(Before, config.Text);
            Assert.Equal(2, new BackupStore(config.ConfigPath).List().Count);
        }

        [SkippableFact]
        public void The_owner_still_writes_after_root_wrote_the_file_first()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix owners.");
            Skip.IfNot(UnixShell.IsRoot, "Runs the writer as 'nobody' through setpriv, which needs root.");
            Skip.IfNot(File.Exists("/usr/bin/setpriv") || File.Exists("/bin/setpriv"), "setpriv is missing.");
            using var config = new TempConfig(Before);
            UnixShell.Run("chown", "-R", "65534:65534", config.Folder);
            UnixShell.Run("chmod", "600", config.ConfigPath);
            CommitAfter(config); // root (Intune, a GPO script) first: it makes the backup folder and the lock file

            var (exitCode, output) = StressProgram.Run(StressProgram.StartAsUser(65534, "commit", config.ConfigPath, Before), TimeSpan.FromMinutes(1));

            Assert.True(exitCode == 0, output);
            Assert.Equal(Before, config.Text);
            Assert.Equal("65534:65534 600", UnixShell.OwnerAndMode(Path.Combine(config.BackupFolder, "ImpactEmploi.ini.lock")));
        }

        [SkippableFact]
        public void The_owner_still_writes_after_root_was_refused_a_read_only_file()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix owners.");
            Skip.IfNot(UnixShell.IsRoot, "Runs the writer as 'nobody' through setpriv, which needs root.");
            Skip.IfNot(File.Exists("/usr/bin/setpriv") || File.Exists("/bin/setpriv"), "setpriv is missing.");
            using var config = new TempConfig(Before);
            UnixShell.Run("chown", "-R", "65534:65534", config.Folder);
            UnixShell.Run("chmod", "444", config.ConfigPath);
            var refused = Assert.Throws<IeaException>(() => CommitAfter(config));
            Assert.Equal(ErrorIds.ConfigAccessDenied, refused.ErrorId);
            UnixShell.Run("chmod", "644", config.ConfigPath); // the administrator makes it writable again

            var (exitCode, output) = StressProgram.Run(StressProgram.StartAsUser(65534, "commit", config.ConfigPath, After), TimeSpan.FromMinutes(1));

            Assert.True(exitCode == 0, output);
            Assert.Equal(After, config.Text);
        }

        [SkippableFact]
        public void A_non_root_user_writing_a_0640_file_gets_backups_and_a_folder_no_wider()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix modes.");
            Skip.IfNot(UnixShell.IsRoot, "Runs the writer as 'nobody' through setpriv, which needs root.");
            Skip.IfNot(File.Exists("/usr/bin/setpriv") || File.Exists("/bin/setpriv"), "setpriv is missing.");
            using var config = new TempConfig(Before);
            UnixShell.Run("chown", "-R", "65534:65534", config.Folder);
            UnixShell.Run("chmod", "640", config.ConfigPath);

            var (exitCode, output) = StressProgram.Run(StressProgram.StartAsUser(65534, "commit", config.ConfigPath, After), TimeSpan.FromMinutes(1));

            Assert.True(exitCode == 0, output);
            Assert.Equal(After, config.Text);
            Assert.Equal("65534:65534 640", UnixShell.OwnerAndMode(config.ConfigPath));
            string backup = Assert.Single(new BackupStore(config.ConfigPath).List()).BackupPath;
            Assert.Equal("65534:65534 640", UnixShell.OwnerAndMode(backup));
            Assert.Equal("65534:65534 750", UnixShell.OwnerAndMode(config.BackupFolder));
        }

        [SkippableFact]
        public void A_backup_folder_that_is_a_link_is_refused_and_nothing_is_made_where_it_points()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix symbolic links.");
            using var config = new TempConfig(Before);
            string elsewhere = Directory.CreateDirectory(Path.Combine(config.Folder, "chosen-by-a-user")).FullName;
            Directory.CreateSymbolicLink(config.BackupFolder, elsewhere);

            var ex = Assert.Throws<IeaException>(() => CommitAfter(config));

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        public void A_lock_file_that_is_a_link_is_refused_and_its_target_is_not_created()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix symbolic links.");
            using var config = new TempConfig(Before);
            Directory.CreateDirectory(config.BackupFolder);
            string target = Path.Combine(config.Folder, "made-by-root");
            File.CreateSymbolicLink(Path.Combine(config.BackupFolder, "ImpactEmploi.ini.lock"), target);

            var ex = Assert.Throws<IeaException>(() => CommitAfter(config));

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(target));
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        public void A_settings_file_that_is_a_link_is_refused_the_link_and_its_target_stay()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix symbolic links.");
            using var config = new TempConfig(Before);
            string target = Path.Combine(config.Folder, "real.ini");
            File.Move(config.ConfigPath, target);
            File.CreateSymbolicLink(config.ConfigPath, target);

            var ex = Assert.Throws<IeaException>(() => CommitAfter(config));

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
            Assert.NotNull(new FileInfo(config.ConfigPath).LinkTarget);
            Assert.Equal(Before, File.ReadAllText(target));
            Assert.Equal(Before, Encoding.ASCII.GetString(IniDocument.Load(config.ConfigPath).ToBytes())); // reading through the link still works
        }

        [SkippableFact]
        public void A_backup_folder_owned_by_another_user_is_refused()
        {
            Skip.IfNot(UnixShell.IsRoot, "Needs root to give the folder to another user (chown).");
            using var config = new TempConfig(Before);
            Directory.CreateDirectory(config.BackupFolder);
            UnixShell.Run("chown", "65534:65534", config.BackupFolder);

            var ex = Assert.Throws<IeaException>(() => CommitAfter(config));

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("another user (uid 65534)", ex.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(config.BackupFolder));
            Assert.Equal(Before, config.Text);
        }

        [SkippableFact]
        public void A_lock_file_owned_by_another_user_is_refused()
        {
            Skip.IfNot(UnixShell.IsRoot, "Needs root to give the lock file to another user (chown).");
            using var config = new TempConfig(Before);
            Directory.CreateDirectory(config.BackupFolder);
            string lockPath = Path.Combine(config.BackupFolder, "ImpactEmploi.ini.lock");
            File.WriteAllText(lockPath, "");
            UnixShell.Run("chown", "65534:65534", lockPath);

            var ex = Assert.Throws<IeaException>(() => CommitAfter(config));

            Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
            Assert.Contains("another user (uid 65534)", ex.Message, StringComparison.Ordinal);
            Assert.Equal(Before, config.Text);
            Assert.Empty(new BackupStore(config.ConfigPath).List());
        }

        [SkippableFact]
        public void Ten_refused_writes_to_a_read_only_file_say_read_only_and_keep_the_whole_history()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix modes; the Windows attribute goes the same way.");
            using var config = new TempConfig(Before);
            string[] history = PlantHistory(config, 10);
            UnixShell.Run("chmod", "444", config.ConfigPath);

            for (int i = 0; i < 10; i++)
            {
                var ex = Assert.Throws<IeaException>(() => CommitAfter(config));
                Assert.Equal(ErrorIds.ConfigAccessDenied, ex.ErrorId);
                Assert.Contains("read-only", ex.Message, StringComparison.Ordinal);
            }

            Assert.Equal(Before, config.Text);
            Assert.Equal(history, new BackupStore(config.ConfigPath).List().Select(b => b.BackupPath));
        }

        [SkippableFact]
        public void A_full_disk_gives_ConfigWriteFailed_and_keeps_the_file_and_the_whole_history()
        {
            Skip.IfNot(UnixShell.IsRoot, "Mounting a small tmpfs needs root.");
            string mountPoint = Directory.CreateTempSubdirectory("iea-full-").FullName;
            var (mounted, why) = UnixShell.Try("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint);
            try
            {
                Skip.If(mounted != 0, "mount -t tmpfs is not allowed here: " + why);
                string path = Path.Combine(mountPoint, "ImpactEmploi.ini");
                File.WriteAllText(path, Before);
                var store = new BackupStore(path);
                for (int i = 0; i < 10; i++) store.Create(Encoding.ASCII.GetBytes("old " + i));
                string[] history = store.List().Select(b => b.BackupPath).ToArray();
                Fill(Path.Combine(mountPoint, "filler"));

                var ex = Assert.Throws<IeaException>(() =>
                {
                    using var tx = ConfigTransaction.Begin(path, TimeSpan.FromSeconds(5));
                    tx.Commit(Encoding.ASCII.GetBytes(After + new string(';', 8192)));
                });

                Assert.Equal(ErrorIds.ConfigWriteFailed, ex.ErrorId);
                Assert.Equal(Before, File.ReadAllText(path));
                Assert.Equal(history, store.List().Select(b => b.BackupPath));
                Assert.Empty(Directory.GetFiles(mountPoint, "*.tmp").Concat(Directory.GetFiles(store.Folder, "*.tmp")));
            }
            finally
            {
                if (mounted == 0) UnixShell.Try("umount", mountPoint);
                Directory.Delete(mountPoint, recursive: true);
            }
        }

        [Fact]
        public void A_file_where_the_backup_folder_goes_gives_ConfigWriteFailed()
        {
            using var config = new TempConfig(Before);
            File.WriteAllText(config.BackupFolder, "not a folder");

            var ex = Assert.Throws<IeaException>(() => CommitAfter(config));

            Assert.Equal(ErrorIds.ConfigWriteFailed, ex.ErrorId);
            Assert.Equal(Before, config.Text);
            Assert.Equal("not a folder", File.ReadAllText(config.BackupFolder));
        }

        [Fact]
        public void No_second_backup_of_bytes_the_newest_backup_already_holds()
        {
            using var config = new TempConfig(Before);
            var store = new BackupStore(config.ConfigPath);
            store.Create(Encoding.ASCII.GetBytes(Before));

            IeaConfigBackup? returned = CommitAfter(config);

            Assert.Equal(After, config.Text);
            IeaConfigBackup only = Assert.Single(store.List());
            Assert.Equal(only.BackupPath, returned?.BackupPath);
            Assert.Equal(Before, File.ReadAllText(only.BackupPath));
        }

        [Fact]
        public void Backups_dated_in_the_future_are_never_counted_pruned_or_the_newest()
        {
            using var config = new TempConfig(Before);
            string[] real = PlantHistory(config, 3);
            var store = new BackupStore(config.ConfigPath);
            string[] future = Enumerable.Range(0, 10)
                .Select(i => Path.Combine(store.Folder, $"ImpactEmploi.ini.{2099 - i}0101T000000000Z.bak"))
                .ToArray();
            foreach (string path in future) File.WriteAllText(path, "[Connexion]\nAuthentification=https://evil.example/\n");

            CommitAfter(config);

            var listed = store.List().Select(b => b.BackupPath).ToArray();
            Assert.All(future.Concat(real), path => Assert.Contains(path, listed));
            Assert.Equal(4, store.Dated().Count);
            Assert.Equal(Before, File.ReadAllText(store.Dated()[0].BackupPath));
            Assert.True(BackupStore.IsFutureDated(store.List()[0], DateTimeOffset.UtcNow));
        }

        [Fact]
        public void A_transient_failure_is_retried_until_it_passes()
        {
            using var config = new TempConfig(Before);
            string temp = AtomicFile.WriteTemp(config.ConfigPath, Encoding.ASCII.GetBytes(After));
            int attempts = 0;

            AtomicFile.MoveIntoPlace(temp, config.ConfigPath, TimeSpan.FromSeconds(30), CancellationToken.None, new TransientPlatform(),
                (from, to) =>
                {
                    if (++attempts < 3) throw new IOException("The process cannot access the file (sharing violation).");
                    File.Move(from, to, overwrite: true);
                });

            Assert.Equal(3, attempts);
            Assert.Equal(After, config.Text);
        }

        [Fact]
        public void A_transient_failure_that_lasts_gives_ConfigLocked_and_leaves_the_file_and_no_temp()
        {
            using var config = new TempConfig(Before);
            string temp = AtomicFile.WriteTemp(config.ConfigPath, Encoding.ASCII.GetBytes(After));

            var ex = Assert.Throws<IeaException>(() => AtomicFile.MoveIntoPlace(temp, config.ConfigPath, TimeSpan.FromMilliseconds(500),
                CancellationToken.None, new TransientPlatform(), (_, _) => throw new IOException("sharing violation")));

            Assert.Equal(ErrorIds.ConfigLocked, ex.ErrorId);
            Assert.Equal(Before, config.Text);
            Assert.False(File.Exists(temp));
        }

        [Fact]
        public void Stopping_ends_the_retry_wait()
        {
            using var config = new TempConfig(Before);
            string temp = AtomicFile.WriteTemp(config.ConfigPath, Encoding.ASCII.GetBytes(After));
            using var stop = new CancellationTokenSource();
            int attempts = 0;

            CompletesWithin(() => Assert.Throws<OperationCanceledException>(() => AtomicFile.MoveIntoPlace(temp, config.ConfigPath, TimeSpan.FromDays(1),
                stop.Token, new TransientPlatform(), (_, _) =>
                {
                    if (++attempts == 2) stop.Cancel();
                    throw new IOException("sharing violation");
                })));

            Assert.Equal(2, attempts);
            Assert.Equal(Before, config.Text);
            Assert.False(File.Exists(temp));
        }

        private static IeaConfigBackup? CommitAfter(TempConfig config)
        {
            using var tx = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5));
            return tx.Commit(Encoding.ASCII.GetBytes(After));
        }

        /// <summary>Backups dated a minute apart in the past, newest first.</summary>
        private static string[] PlantHistory(TempConfig config, int count)
        {
            Directory.CreateDirectory(config.BackupFolder);
            DateTime start = DateTime.UtcNow.AddHours(-1);
            return Enumerable.Range(0, count)
                .Select(i => Path.Combine(config.BackupFolder, $"ImpactEmploi.ini.{start.AddMinutes(i):yyyyMMdd'T'HHmmss}000Z.bak"))
                .Select(path => { File.WriteAllText(path, "[Connexion]\nMode=Normal\n; " + path + "\n"); return path; })
                .Reverse()
                .ToArray();
        }

        private static void Fill(string path)
        {
            using var stream = new FileStream(path, FileMode.CreateNew);
            var block = new byte[4096];
            try
            {
                while (true) stream.Write(block, 0, block.Length);
            }
            catch (IOException)
            {
                // The disk is full.
            }
            try
            {
                stream.Flush();
            }
            catch (IOException)
            {
            }
        }

        private static Socket? MakeSpecial(Special kind, TempConfig config)
        {
            File.Delete(config.ConfigPath);
            switch (kind)
            {
                case Special.Fifo:
                    UnixShell.Run("mkfifo", config.ConfigPath);
                    return null;
                case Special.Socket:
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    socket.Bind(new UnixDomainSocketEndPoint(config.ConfigPath));
                    return socket;
                case Special.Folder:
                    Directory.CreateDirectory(config.ConfigPath);
                    return null;
                default:
                    return null;
            }
        }

        private static IeaException ThrowsWithin(Action action)
        {
            Task<IeaException> task = Task.Run(() => Assert.Throws<IeaException>(action));
            Assert.True(task.Wait(HangGuard), "The call did not return at all within the hang guard.");
            return task.Result;
        }

        private static void CompletesWithin(Action action)
        {
            Task task = Task.Run(action);
            Assert.True(task.Wait(HangGuard), "The call did not return at all within the hang guard.");
        }

        /// <summary>Every failure is one that passes, as an antivirus scan on Windows.</summary>
        private sealed class TransientPlatform : IFilePlatform
        {
            private readonly IFilePlatform _real = FilePlatform.Current;

            public long EffectiveUserId => _real.EffectiveUserId;
            public FileFacts Describe(string path) => _real.Describe(path);
            public FileStream OpenRegularForRead(string path) => _real.OpenRegularForRead(path);
            public FileStream CreatePrivate(string path) => _real.CreatePrivate(path);
            public void CopyAccess(string model, FileStream target) => _real.CopyAccess(model, target);
            public FileStream OpenLock(string path, out FileFacts facts) => _real.OpenLock(path, out facts);
            public void RestrictFolder(string folder, string model, FileFacts checkedFolder) => _real.RestrictFolder(folder, model, checkedFolder);
            public bool IsTransient(Exception ex) => ex is IOException;
        }
    }
}
