using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ImpactEmploi.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Storage
{
    public class ConfigTransactionTests
    {
        private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(30);

        [Fact]
        public void Commit_with_changed_bytes_replaces_the_file_and_keeps_one_backup_of_the_old_bytes()
        {
            using var config = new TempConfig("[Serveur]\r\nMode=Normal\r\n");
            byte[] before = File.ReadAllBytes(config.ConfigPath);
            byte[] after = Encoding.UTF8.GetBytes("[Serveur]\r\nMode=Secure\r\n");

            IeaConfigBackup? backup;
            using (ConfigTransaction tx = ConfigTransaction.Begin(config.ConfigPath, LongWait))
            {
                Assert.Equal(before, tx.OriginalBytes.ToArray());
                backup = tx.Commit(after);
            }

            Assert.Equal(after, File.ReadAllBytes(config.ConfigPath));
            Assert.NotNull(backup);
            Assert.Equal(config.ConfigPath, backup.Path);
            Assert.Equal(before, File.ReadAllBytes(backup.BackupPath));
            Assert.Equal(before.Length, backup.Length);
            Assert.Equal(backup.BackupPath, backup.ToString());
            Assert.InRange(backup.Created, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.Equal(TimeSpan.Zero, backup.Created.Offset);

            var listed = new BackupStore(config.ConfigPath).List();
            Assert.Equal(backup.BackupPath, Assert.Single(listed).BackupPath);
            Assert.Single(Directory.GetFiles(config.BackupFolder, "*.bak"));
            // Nothing else left next to the settings file (no temp file).
            Assert.Equal(new[] { "ImpactEmploi.ini" }, Directory.GetFiles(config.Folder).Select(Path.GetFileName));
        }

        [Fact]
        public void Commit_with_identical_bytes_writes_nothing_and_makes_no_backup()
        {
            using var config = new TempConfig("[Serveur]\nMode=Secure\n");
            var past = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(config.ConfigPath, past);
            byte[] before = File.ReadAllBytes(config.ConfigPath);

            using (ConfigTransaction tx = ConfigTransaction.Begin(config.ConfigPath, LongWait))
            {
                Assert.Null(tx.Commit(tx.OriginalBytes.ToArray()));
            }

            Assert.Equal(past, File.GetLastWriteTimeUtc(config.ConfigPath));
            Assert.Equal(before, File.ReadAllBytes(config.ConfigPath));
            Assert.Empty(new BackupStore(config.ConfigPath).List());
            // Begin made the folder for its lock file (see ConfigTransaction's remarks); no backup is in it.
            Assert.Empty(Directory.GetFiles(config.BackupFolder, "*.bak"));
            Assert.Equal(new[] { "ImpactEmploi.ini" }, Directory.GetFiles(config.Folder).Select(Path.GetFileName));
        }

        [Fact]
        public void Twelve_commits_keep_the_ten_newest_backups()
        {
            using var config = new TempConfig("v0");
            for (int i = 1; i <= 12; i++)
            {
                using ConfigTransaction tx = ConfigTransaction.Begin(config.ConfigPath, LongWait);
                Assert.NotNull(tx.Commit(Encoding.ASCII.GetBytes("v" + i)));
            }

            Assert.Equal("v12", config.Text);
            var backups = new BackupStore(config.ConfigPath).List();
            // Newest first: the file held v11 before the last commit, ... v2 before the third; v0 and v1 were pruned.
            Assert.Equal(Enumerable.Range(2, 10).Reverse().Select(i => "v" + i), backups.Select(b => File.ReadAllText(b.BackupPath)));
            Assert.Equal(10, Directory.GetFiles(config.BackupFolder, "*.bak").Length);
            Assert.True(backups.Zip(backups.Skip(1), (newer, older) => newer.Created >= older.Created).All(x => x));
        }

        [Fact]
        public void A_held_lock_makes_a_second_writer_fail_with_ConfigLocked_after_the_bound_then_lets_it_in_once_released()
        {
            using var config = new TempConfig();
            using (ConfigTransaction.Begin(config.ConfigPath, LongWait))
            {
                var watch = Stopwatch.StartNew();
                var ex = Assert.Throws<IeaException>(() => ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromMilliseconds(300)));
                watch.Stop();

                Assert.Equal(ErrorIds.ConfigLocked, ex.ErrorId);
                Assert.Equal(IeaErrorCategory.ResourceBusy, ex.Category);
                Assert.Equal(config.ConfigPath, ex.TargetObject);
                Assert.Contains(config.ConfigPath, ex.Message, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
                // It waited for the lock (a lower bound only: load can make it slower, never faster).
                Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(200), "gave up after " + watch.Elapsed);
            }

            using ConfigTransaction after = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromMilliseconds(300));
            Assert.Equal("counter=0", Encoding.ASCII.GetString(after.OriginalBytes.Span));
        }

        [Fact]
        public void Waiting_for_the_lock_stops_when_cancelled()
        {
            using var config = new TempConfig();
            using ConfigTransaction holder = ConfigTransaction.Begin(config.ConfigPath, LongWait);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

            // Ignoring the token would wait out LongWait and end in ConfigLocked (an IeaException), not a cancellation.
            Assert.ThrowsAny<OperationCanceledException>(() => ConfigTransaction.Begin(config.ConfigPath, LongWait, cts.Token));
        }

        [Fact]
        public void Threads_doing_read_increment_commit_lose_no_update_and_readers_always_see_a_whole_file()
        {
            const int Threads = 4, Cycles = 50;
            using var config = new TempConfig();
            var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            bool done = false;
            int reads = 0;

            // A lock-free reader, like IEA itself: every read must be a whole file.
            var reader = new Thread(() => Guard(failures, () =>
            {
                while (!Volatile.Read(ref done))
                {
                    string text;
                    try
                    {
                        text = File.ReadAllText(config.ConfigPath);
                    }
                    catch (IOException)
                    {
                        continue; // Windows: the file is being replaced at this instant
                    }
                    Assert.Matches("^counter=[0-9]+$", text);
                    reads++;
                }
            }));
            reader.Start();

            Thread[] writers = Enumerable.Range(0, Threads).Select(_ => new Thread(() => Guard(failures, () =>
            {
                for (int i = 0; i < Cycles; i++)
                {
                    using ConfigTransaction tx = ConfigTransaction.Begin(config.ConfigPath, LongWait);
                    int value = int.Parse(Encoding.ASCII.GetString(tx.OriginalBytes.Span).AsSpan("counter=".Length), CultureInfo.InvariantCulture);
                    tx.Commit(Encoding.ASCII.GetBytes("counter=" + (value + 1).ToString(CultureInfo.InvariantCulture)));
                }
            }))).ToArray();
            foreach (Thread writer in writers) writer.Start();

            foreach (Thread writer in writers) Assert.True(writer.Join(TimeSpan.FromMinutes(2)), "A writer hung.");
            Volatile.Write(ref done, true);
            Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "The reader hung.");

            Assert.Empty(failures);
            Assert.True(reads > 0);
            Assert.Equal("counter=" + Threads * Cycles, config.Text);
            // The backups are the last ten values before the final one, newest first.
            Assert.Equal(Enumerable.Range(Threads * Cycles - 10, 10).Reverse().Select(i => "counter=" + i),
                new BackupStore(config.ConfigPath).List().Select(b => File.ReadAllText(b.BackupPath)));
        }

        private static void Guard(System.Collections.Concurrent.ConcurrentQueue<Exception> failures, Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        }

        [Fact]
        public void A_missing_settings_file_is_ConfigUnreadable_and_creates_nothing()
        {
            using var config = new TempConfig();
            string missing = Path.Combine(config.Folder, "Absent.ini");

            var ex = Assert.Throws<IeaException>(() => ConfigTransaction.Begin(missing, LongWait));

            Assert.Equal(ErrorIds.ConfigUnreadable, ex.ErrorId);
            Assert.Equal(IeaErrorCategory.ObjectNotFound, ex.Category);
            Assert.Equal(missing, ex.TargetObject);
            Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(config.BackupFolder));
        }

        [Fact]
        public void Begin_removes_temp_files_a_killed_writer_left_but_not_fresh_ones()
        {
            using var config = new TempConfig();
            string stale = Path.Combine(config.Folder, ".ImpactEmploi.ini." + Guid.NewGuid().ToString("N") + ".tmp");
            string fresh = Path.Combine(config.Folder, ".ImpactEmploi.ini." + Guid.NewGuid().ToString("N") + ".tmp");
            string other = Path.Combine(config.Folder, ".Other.ini.0123.tmp");
            foreach (string f in new[] { stale, fresh, other })
            {
                File.WriteAllText(f, "partial");
            }
            File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
            File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddHours(-1));

            using (ConfigTransaction.Begin(config.ConfigPath, LongWait))
            {
            }

            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(fresh));
            Assert.True(File.Exists(other));
        }

        [Fact]
        public void A_transaction_commits_once_and_not_after_Dispose()
        {
            using var config = new TempConfig();
            ConfigTransaction tx = ConfigTransaction.Begin(config.ConfigPath, LongWait);
            tx.Commit(Encoding.ASCII.GetBytes("counter=1"));
            Assert.Throws<InvalidOperationException>(() => tx.Commit(Encoding.ASCII.GetBytes("counter=2")));
            tx.Dispose();
            Assert.Throws<ObjectDisposedException>(() => tx.Commit(Encoding.ASCII.GetBytes("counter=3")));
            Assert.Equal("counter=1", config.Text);
        }

        [SkippableFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void On_Unix_the_replaced_file_keeps_its_permission_bits()
        {
            Skip.If(OperatingSystem.IsWindows(), "Unix file modes only; Windows keeps the ACL through File.Replace.");
            using var config = new TempConfig();
            var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
            File.SetUnixFileMode(config.ConfigPath, mode);

            using (ConfigTransaction tx = ConfigTransaction.Begin(config.ConfigPath, LongWait))
            {
                tx.Commit(Encoding.ASCII.GetBytes("counter=1"));
            }

            Assert.Equal("counter=1", config.Text);
            Assert.Equal(mode, File.GetUnixFileMode(config.ConfigPath));
        }
    }
}
