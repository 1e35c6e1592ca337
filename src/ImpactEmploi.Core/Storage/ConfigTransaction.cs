using System;
using System.IO;
using System.Threading;
using ImpactEmploi.Resources;
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
        private readonly TimeSpan _retryFor;
        private readonly CancellationToken _cancellationToken;
        private FileStream? _lock;
        private bool _committed;

        private ConfigTransaction(string configPath, byte[] originalBytes, BackupStore store, FileStream lockStream,
            TimeSpan retryFor, CancellationToken cancellationToken)
        {
            ConfigPath = configPath;
            _originalBytes = originalBytes;
            _store = store;
            _lock = lockStream;
            _retryFor = retryFor;
            _cancellationToken = cancellationToken;
        }

        public string ConfigPath { get; }

        /// <summary>The file's bytes as read under the lock.</summary>
        public ReadOnlyMemory<byte> OriginalBytes => _originalBytes;

        /// <summary>
        /// Locks <paramref name="configPath"/> (waiting at most <paramref name="lockTimeout"/>, at least 10 ms) and reads it.
        /// </summary>
        /// <exception cref="IeaException">
        /// ConfigUnreadable (missing, not a regular file, too large), ConfigLocked, ConfigAccessDenied (also a symbolic link
        /// as settings file, backup folder or lock file, or those owned by another user), ConfigWriteFailed (the backup
        /// folder cannot be made).
        /// </exception>
        /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled while waiting.</exception>
        public static ConfigTransaction Begin(string configPath, TimeSpan lockTimeout, CancellationToken cancellationToken = default) =>
            BeginOn(FilePlatform.Current, configPath, lockTimeout, cancellationToken);

        /// <summary>As the public Begin, on <paramref name="platform"/> (tests: a disk that changes between check and use).</summary>
        internal static ConfigTransaction BeginOn(IFilePlatform platform, string configPath, TimeSpan lockTimeout, CancellationToken cancellationToken)
        {
            if (configPath is null) throw new ArgumentNullException(nameof(configPath));
            if (platform is null) throw new ArgumentNullException(nameof(platform));
            string path = Path.GetFullPath(configPath);
            FileFacts facts = platform.Describe(path);
            switch (facts.Kind)
            {
                case FileKind.Missing:
                    throw StorageErrors.Missing(path);
                case FileKind.SymbolicLink:
                    // Replacing the link would leave its target unchanged; writing through it would put the lock and
                    // backups beside a file that another link may also reach. Neither is safe: refuse.
                    throw StorageErrors.Unsafe(path, Text.Format("StorageSettingsLink", path));
                case FileKind.Regular:
                    break;
                default:
                    throw StorageErrors.NotRegular(path, new NotRegularFileException(path, facts.Kind));
            }

            var store = new BackupStore(path);
            PrepareFolder(store, facts, platform);
            FileStream lockStream = Lock(store, facts, platform, lockTimeout, cancellationToken);
            try
            {
                // Under the lock no other transaction writes temp files for this file; the age check spares a
                // lock-free AtomicFile.Replace. Temp files of a killed writer are thus removed by the next one.
                AtomicFile.DeleteStaleTemps(path, StaleTempAge);
                AtomicFile.DeleteStaleTemps(Path.Combine(store.Folder, Path.GetFileName(path)), StaleTempAge);
                return new ConfigTransaction(path, SafeRead.AllBytes(path, platform), store, lockStream, lockTimeout, cancellationToken);
            }
            catch
            {
                lockStream.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Writes the new content to a temp file, backs up the original bytes (unless the newest backup already holds
        /// them), replaces the file atomically, and only then prunes old backups; returns the backup. A write that fails
        /// leaves the file, the backups and their count as they were. When <paramref name="newBytes"/> equal the
        /// original bytes, writes nothing and returns null. One commit per transaction.
        /// </summary>
        /// <exception cref="IeaException">ConfigAccessDenied (read-only file, no right), ConfigWriteFailed (disk full and the like), ConfigLocked.</exception>
        public IeaConfigBackup? Commit(byte[] newBytes)
        {
            if (newBytes is null) throw new ArgumentNullException(nameof(newBytes));
            if (_lock is null) throw new ObjectDisposedException(nameof(ConfigTransaction));
            if (_committed) throw new InvalidOperationException("This transaction was already committed.");
            if (OriginalBytes.Span.SequenceEqual(newBytes)) return null;

            AtomicFile.RefuseReadOnly(ConfigPath);
            string temp = AtomicFile.WriteTempFor(ConfigPath, newBytes);
            IeaConfigBackup? backup = null;
            bool created = false;
            try
            {
                backup = SaveBackup(out created);
                AtomicFile.MoveIntoPlace(temp, ConfigPath, _retryFor, _cancellationToken);
            }
            catch
            {
                // The file still holds the original bytes, so the backup just made of them is no loss.
                AtomicFile.TryDelete(temp);
                if (created && backup != null) AtomicFile.TryDelete(backup.BackupPath);
                throw;
            }

            _committed = true;
            PruneBackups();
            return backup;
        }

        public void Dispose()
        {
            // The lock file is never deleted: a writer waiting on the deleted file and a newcomer creating a
            // new one would each lock a different file, and both would write.
            _lock?.Dispose();
            _lock = null;
        }

        private IeaConfigBackup SaveBackup(out bool created)
        {
            try
            {
                return _store.Save(_originalBytes, out created);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(ConfigPath, ex);
            }
            catch (IOException ex)
            {
                throw StorageErrors.WriteFailed(ConfigPath, ex);
            }
        }

        private void PruneBackups()
        {
            try
            {
                _store.Prune();
            }
            catch (IOException)
            {
                // The change is made; a backup too many is harmless and goes at the next write.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        /// <summary>
        /// Makes the backup folder (no more open than the settings file) or checks the one there: a symbolic link or
        /// another user's folder could send the lock file and the backups anywhere.
        /// </summary>
        private static void PrepareFolder(BackupStore store, FileFacts settings, IFilePlatform platform)
        {
            try
            {
                FileFacts folder = platform.Describe(store.Folder);
                bool made = false;
                if (folder.Kind == FileKind.Missing)
                {
                    Directory.CreateDirectory(store.Folder);
                    folder = platform.Describe(store.Folder);
                    made = true;
                }

                switch (folder.Kind)
                {
                    case FileKind.Directory:
                        RefuseForeignOwner(store, store.Folder, folder, settings, platform);
                        break;
                    case FileKind.SymbolicLink:
                        throw StorageErrors.Unsafe(store.ConfigPath, Text.Format("StorageLinkRefused", store.Folder));
                    default:
                        throw StorageErrors.WriteFailed(store.ConfigPath, new IOException(Text.Format("StorageBackupFolderNotFolder", store.Folder)));
                }

                if (made) platform.RestrictFolder(store.Folder, store.ConfigPath, folder);
                else RestrictExistingFolder(store, folder, platform);
            }
            catch (FileReplacedException)
            {
                throw StorageErrors.Unsafe(store.ConfigPath, Text.Format("StorageReplaced", store.Folder));
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(store.ConfigPath, ex);
            }
            catch (IOException ex)
            {
                throw StorageErrors.WriteFailed(store.ConfigPath, ex);
            }
        }

        // A folder made by an earlier version (or by hand) is narrowed when this user may; else it is left as it is.
        private static void RestrictExistingFolder(BackupStore store, FileFacts folder, IFilePlatform platform)
        {
            try
            {
                platform.RestrictFolder(store.Folder, store.ConfigPath, folder);
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        // On Unix, root and the settings file's owner are trusted; anyone else could have planted the path.
        private static void RefuseForeignOwner(BackupStore store, string path, FileFacts facts, FileFacts settings, IFilePlatform platform)
        {
            long me = platform.EffectiveUserId;
            if (me < 0 || facts.OwnerId < 0 || facts.OwnerId == 0 || facts.OwnerId == me || facts.OwnerId == settings.OwnerId) return;
            throw StorageErrors.Unsafe(store.ConfigPath, Text.Format("StorageForeignOwner", path, facts.OwnerId));
        }

        // A lock file root creates would be root's alone: the settings file's owner could then never write again.
        private static void HandLockToOwner(BackupStore store, IFilePlatform platform, FileStream lockStream)
        {
            if (platform.EffectiveUserId != 0) return;
            try
            {
                platform.CopyAccess(store.ConfigPath, lockStream);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The lock is held all the same; only a later write by the owner may be refused.
            }
        }

        private static FileStream Lock(BackupStore store, FileFacts settings, IFilePlatform platform, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (timeout < TimeSpan.Zero || timeout > TimeSpan.FromDays(1))
                throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Between 0 and 1 day.");
            if (timeout < TimeSpan.FromMilliseconds(10)) timeout = TimeSpan.FromMilliseconds(10); // Polly's minimum

            try
            {
                // A first look, for a clear error; OpenLock checks again through the handle it opens, which never follows a link.
                CheckLockFile(store, platform.Describe(store.LockPath), settings, platform);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(store.ConfigPath, ex);
            }
            catch (IOException ex)
            {
                throw StorageErrors.WriteFailed(store.ConfigPath, ex);
            }

            ResiliencePipeline pipeline = new ResiliencePipelineBuilder()
                .AddTimeout(timeout)
                .AddRetry(new RetryStrategyOptions
                {
                    // A sharing violation (Windows) or a held flock (Unix): someone else has the lock.
                    ShouldHandle = new PredicateBuilder().Handle<IOException>(ex =>
                        !(ex is FileNotFoundException || ex is DirectoryNotFoundException || ex is PathTooLongException ||
                          ex is NotRegularFileException || ex is LockOpenFailedException)),
                    MaxRetryAttempts = int.MaxValue,
                    BackoffType = DelayBackoffType.Constant,
                    Delay = TimeSpan.FromMilliseconds(25),
                    UseJitter = true,
                })
                .Build();
            FileStream lockStream;
            FileFacts opened;
            try
            {
                // Exclusive across processes and threads, and with FileShare.None of older versions: see IFilePlatform.OpenLock.
                (lockStream, opened) = pipeline.Execute(
                    static (state, _) => (state.platform.OpenLock(state.LockPath, out FileFacts facts), facts),
                    (platform, store.LockPath), cancellationToken);
            }
            catch (TimeoutRejectedException ex)
            {
                throw StorageErrors.Locked(store.ConfigPath, timeout, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(store.ConfigPath, ex);
            }
            catch (NotRegularFileException ex)
            {
                throw LockFileRefused(store, ex.Kind);
            }
            catch (IOException ex)
            {
                throw StorageErrors.WriteFailed(store.ConfigPath, ex);
            }

            try
            {
                // The file locked, as its handle describes it: what was planted between the first look and the open shows here.
                CheckLockFile(store, opened, settings, platform);
                if (opened.LinkCount > 1)
                    throw StorageErrors.Unsafe(store.ConfigPath, Text.Format("StorageLockHardLink", store.LockPath, opened.LinkCount));
                HandLockToOwner(store, platform, lockStream);
                return lockStream;
            }
            catch
            {
                lockStream.Dispose();
                throw;
            }
        }

        private static void CheckLockFile(BackupStore store, FileFacts lockFile, FileFacts settings, IFilePlatform platform)
        {
            if (lockFile.Exists && lockFile.Kind != FileKind.Regular) throw LockFileRefused(store, lockFile.Kind);
            RefuseForeignOwner(store, store.LockPath, lockFile, settings, platform);
        }

        // Only someone who can write in the backup folder can have put a link, a FIFO or a folder where the lock file goes.
        private static IeaException LockFileRefused(BackupStore store, FileKind kind) =>
            kind == FileKind.SymbolicLink
                ? StorageErrors.Unsafe(store.ConfigPath, Text.Format("StorageLinkRefused", store.LockPath))
                : StorageErrors.LockNotRegular(store.ConfigPath, store.LockPath, kind, store.Folder);
    }
}
