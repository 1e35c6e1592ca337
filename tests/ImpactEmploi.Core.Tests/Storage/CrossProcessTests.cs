using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using ImpactEmploi.Storage;
using Xunit;
using Xunit.Abstractions;

namespace ImpactEmploi.Tests.Storage
{
    /// <summary>Writers in other processes (tests/StorageStress), including ones killed mid-write.</summary>
    // One collection: these tests run one after the other (other test classes still run beside them).
    [Collection(nameof(CrossProcessTests))]
    public class CrossProcessTests
    {
        private readonly ITestOutputHelper _output;

        public CrossProcessTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Two_processes_incrementing_lose_no_update()
        {
            using var config = new TempConfig();
            Process[] children = { StressProgram.Start("increment", config.ConfigPath, "50"), StressProgram.Start("increment", config.ConfigPath, "50") };

            foreach (Process child in children)
            {
                var (exitCode, output) = StressProgram.Run(child, TimeSpan.FromMinutes(2));
                Assert.True(exitCode == 0, output);
            }

            Assert.Equal("counter=100", config.Text);
            Assert.Equal("counter=99", File.ReadAllText(new BackupStore(config.ConfigPath).List()[0].BackupPath));
        }

        [Fact]
        public void A_lock_held_by_another_process_gives_ConfigLocked_and_is_released_when_that_process_dies()
        {
            using var config = new TempConfig();
            using Process holder = StressProgram.Start("hold", config.ConfigPath);
            if (holder.StandardOutput.ReadLine() != "locked")
                Assert.Fail("The holder failed to start: " + holder.StandardError.ReadToEnd());

            var ex = Assert.Throws<IeaException>(() => ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromMilliseconds(300)));
            Assert.Equal(ErrorIds.ConfigLocked, ex.ErrorId);

            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
            using ConfigTransaction tx = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5));
            Assert.Equal("counter=0", Encoding.ASCII.GetString(tx.OriginalBytes.Span));
        }

        [Fact]
        public void A_lock_held_by_a_plain_FileShare_None_open_in_another_process_gives_ConfigLocked_until_it_ends()
        {
            // Older versions of the module locked with FileStream(..., FileShare.None): both must still exclude each other.
            using var config = new TempConfig();
            string lockPath = Path.Combine(config.BackupFolder, "ImpactEmploi.ini.lock");
            using (ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5)))
            {
                // Makes the folder and the lock file, as a first write does.
            }

            using Process holder = StressProgram.Start("hold-plain", lockPath);
            if (holder.StandardOutput.ReadLine() != "locked")
                Assert.Fail("The holder failed to start: " + holder.StandardError.ReadToEnd());

            var ex = Assert.Throws<IeaException>(() => ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromMilliseconds(300)));
            Assert.Equal(ErrorIds.ConfigLocked, ex.ErrorId);

            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
            using ConfigTransaction tx = ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5));
            Assert.Equal("counter=0", Encoding.ASCII.GetString(tx.OriginalBytes.Span));
        }

        [Fact]
        public void A_plain_FileShare_None_open_in_another_process_is_refused_while_a_writer_holds_the_lock()
        {
            using var config = new TempConfig();
            string lockPath = Path.Combine(config.BackupFolder, "ImpactEmploi.ini.lock");

            using (ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(5)))
            {
                var (exitCode, output) = StressProgram.Run(StressProgram.Start("try-plain", lockPath), TimeSpan.FromMinutes(1));
                Assert.True(exitCode == 0, output);
                Assert.Equal("busy", output.Trim());
            }

            var (afterExit, afterOutput) = StressProgram.Run(StressProgram.Start("try-plain", lockPath), TimeSpan.FromMinutes(1));
            Assert.True(afterExit == 0, afterOutput);
            Assert.Equal("opened", afterOutput.Trim());
        }

        /// <summary>
        /// Each kill lands at a moment of the writer's endless A/B flip cycle (temp file written, flushed, renamed,
        /// backup pruned). The moments are spread evenly over 0–40 ms, with a random offset inside each slot, so
        /// every phase of a cycle gets kills whatever the machine's speed; a failure names the seed, and
        /// IEA_KILL_SEED replays it. Starting a writer process dominates the test's time, hence 40 kills, not more.
        /// </summary>
        [Fact]
        public void A_writer_killed_at_random_moments_leaves_the_old_file_or_the_new_one_and_no_lock()
        {
            const int Kills = 40;
            const double SlotMs = 40.0 / Kills;
            using var config = new TempConfig();
            // Big, of different lengths, and different in every line: a mix, a truncation or an empty file shows.
            byte[] a = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"A{i:D6}=aaaaaaaa\r\n")));
            byte[] b = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 30_000).Select(i => $"B{i:D6}=bbbbbbbbbbbb\n")));
            string aPath = Path.Combine(config.Folder, "a.src"), bPath = Path.Combine(config.Folder, "b.src");
            File.WriteAllBytes(aPath, a);
            File.WriteAllBytes(bPath, b);
            File.WriteAllBytes(config.ConfigPath, a);

            int seed = int.TryParse(Environment.GetEnvironmentVariable("IEA_KILL_SEED"), out var given) ? given : Environment.TickCount;
            _output.WriteLine($"Kill loop seed {seed} (IEA_KILL_SEED={seed} replays it)");
            var random = new Random(seed);
            var delays = Enumerable.Range(0, Kills).Select(k => (int)((k + random.NextDouble()) * SlotMs)).OrderBy(_ => random.Next()).ToArray();
            int sawA = 0, sawB = 0;
            for (int kill = 0; kill < Kills; kill++)
            {
                using (Process writer = StressProgram.Start("flip", config.ConfigPath, aPath, bPath))
                {
                    if (writer.StandardOutput.ReadLine() != "ready")
                        Assert.Fail("The writer failed to start: " + writer.StandardError.ReadToEnd());
                    System.Threading.Thread.Sleep(delays[kill]);
                    writer.Kill(entireProcessTree: true);
                    writer.WaitForExit();
                }

                byte[] now = File.ReadAllBytes(config.ConfigPath);
                bool isA = now.AsSpan().SequenceEqual(a), isB = now.AsSpan().SequenceEqual(b);
                Assert.True(isA || isB, $"seed {seed}, kill {kill}: the file is neither A nor B ({now.Length} bytes)");
                if (isA) sawA++; else sawB++;

                // The dead writer's lock is gone at once.
                using (ConfigTransaction.Begin(config.ConfigPath, TimeSpan.FromSeconds(2)))
                {
                }
            }

            // Every backup is whole too (written to a temp file, then renamed).
            Assert.All(new BackupStore(config.ConfigPath).List(), backup =>
            {
                byte[] bytes = File.ReadAllBytes(backup.BackupPath);
                Assert.True(bytes.AsSpan().SequenceEqual(a) || bytes.AsSpan().SequenceEqual(b), backup.BackupPath);
            });
            int leftovers = Directory.GetFiles(config.Folder, ".*.tmp").Length + Directory.GetFiles(config.BackupFolder, ".*.tmp").Length;
            _output.WriteLine($"{Kills} kills (seed {seed}): A {sawA}, B {sawB}, temp files left by kills {leftovers}");
            Assert.True(sawA > 0 && sawB > 0, "The kills never landed on both versions: the test did not exercise the writer.");
        }
    }
}
