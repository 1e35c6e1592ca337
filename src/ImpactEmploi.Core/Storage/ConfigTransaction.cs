using System;
using System.IO;
using System.Threading;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ImpactEmploi.Storage
{
    /// <summary>
    /// One writer's exclusive hold on a settings file: <see cref="Begin"/> takes the lock, then reads the file under it,
    /// so a read-modify-write never works on stale bytes; <see cref="Commit"/> backs up and replaces atomically;
    /// <see cref="Dispose"/> releases the lock. Begin creates the backup folder (the lock file lives there): callers that
    /// may have nothing to change should check without a transaction first, then Begin, re-read and re-check.
    /// </summary>
    public sealed class ConfigTransaction : IDisposable
    {
        private static readonly TimeSpan StaleTempAge = TimeSpan.FromMinutes(2);

        private readonly BackupStore _store;
        private readonly byte[] _originalBytes;
        private FileStream? _lock;
        private bool _committed;

        private ConfigTransaction(string configPath, byte[] originalBytes, BackupStore store, FileStream lockStream)
        {
            ConfigPath = configPath;
            _originalBytes = originalBytes;
            _store = store;
            _lock = lockStream;
        }

        public string ConfigPath { get; }

        /// <summary>The file's bytes as read under the lock.</summary>
        public ReadOnlyMemory<byte> OriginalBytes => _originalBytes;

        /// <summary>
        /// Locks <paramref name="configPath"/> (waiting at most <paramref name="lockTimeout"/>, at least 10 ms) and reads it.
        /// </summary>
        /// <exception cref="IeaException">ConfigUnreadable (missing file), ConfigLocked, ConfigAccessDenied.</exception>
        /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled while waiting.</exception>
        public static ConfigTransaction Begin(string configPath, TimeSpan lockTimeout, CancellationToken cancellationToken = default)
        {
            if (configPath is null) throw new ArgumentNullException(nameof(configPath));
            string path = Path.GetFullPath(configPath);
            if (!File.Exists(path)) throw StorageErrors.Missing(path);

            var store = new BackupStore(path);
            FileStream lockStream = Lock(store, lockTimeout, cancellationToken);
            try
            {
                // Under the lock no other transaction writes temp files for this file; the age check spares a
                // lock-free AtomicFile.Replace. Temp files of a killed writer are thus removed by the next one.
                AtomicFile.DeleteStaleTemps(path, StaleTempAge);
                AtomicFile.DeleteStaleTemps(Path.Combine(store.Folder, Path.GetFileName(path)), StaleTempAge);
                return new ConfigTransaction(path, File.ReadAllBytes(path), store, lockStream);
            }
            catch (Exception ex)
            {
                lockStream.Dispose();
                if (ex is FileNotFoundException || ex is DirectoryNotFoundException) throw StorageErrors.Missing(path, ex);
                if (ex is UnauthorizedAccessException denied) throw StorageErrors.AccessDenied(path, denied);
                throw;
            }
        }

        /// <summary>
        /// Backs up the original bytes, then replaces the file atomically with <paramref name="newBytes"/>; returns the backup.
        /// When <paramref name="newBytes"/> equal the original bytes, writes nothing and returns null. One commit per transaction.
        /// </summary>
        public IeaConfigBackup? Commit(byte[] newBytes)
        {
            if (newBytes is null) throw new ArgumentNullException(nameof(newBytes));
            if (_lock is null) throw new ObjectDisposedException(nameof(ConfigTransaction));
            if (_committed) throw new InvalidOperationException("This transaction was already committed.");
            if (OriginalBytes.Span.SequenceEqual(newBytes)) return null;

            IeaConfigBackup backup = _store.Create(_originalBytes);
            AtomicFile.Replace(ConfigPath, newBytes);
            _committed = true;
            return backup;
        }

        public void Dispose()
        {
            // The lock file is never deleted: a writer waiting on the deleted file and a newcomer creating a
            // new one would each lock a different file, and both would write.
            _lock?.Dispose();
            _lock = null;
        }

        private static FileStream Lock(BackupStore store, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (timeout < TimeSpan.Zero || timeout > TimeSpan.FromDays(1))
                throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Between 0 and 1 day.");
            if (timeout < TimeSpan.FromMilliseconds(10)) timeout = TimeSpan.FromMilliseconds(10); // Polly's minimum

            try
            {
                Directory.CreateDirectory(store.Folder);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(store.ConfigPath, ex);
            }

            ResiliencePipeline pipeline = new ResiliencePipelineBuilder()
                .AddTimeout(timeout)
                .AddRetry(new RetryStrategyOptions
                {
                    // A sharing violation (Windows) or a held flock (Unix): someone else has the lock.
                    ShouldHandle = new PredicateBuilder().Handle<IOException>(ex =>
                        !(ex is FileNotFoundException || ex is DirectoryNotFoundException || ex is PathTooLongException)),
                    MaxRetryAttempts = int.MaxValue,
                    BackoffType = DelayBackoffType.Constant,
                    Delay = TimeSpan.FromMilliseconds(25),
                    UseJitter = true,
                })
                .Build();
            try
            {
                // FileShare.None is exclusive across processes and threads: a share mode on Windows, flock(2) on Unix.
                return pipeline.Execute(
                    static (lockPath, _) => new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None),
                    store.LockPath, cancellationToken);
            }
            catch (TimeoutRejectedException ex)
            {
                throw StorageErrors.Locked(store.ConfigPath, timeout, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(store.ConfigPath, ex);
            }
        }
    }
}
