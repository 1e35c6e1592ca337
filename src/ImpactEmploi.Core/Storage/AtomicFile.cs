using System;
using System.IO;
using System.Threading;

namespace ImpactEmploi.Storage
{
    /// <summary>Writes a file so that a crash leaves either the old content or the new one, never a mix.</summary>
    public static class AtomicFile
    {
        private static readonly TimeSpan DefaultRetry = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);

        /// <summary>
        /// Writes <paramref name="bytes"/> to a temp file in the same folder, flushes it to disk, then replaces
        /// <paramref name="path"/> with it (File.Replace: keeps the ACL and attributes on Windows; rename(2) on Linux).
        /// The temp file has the access of the file it replaces, never more. Takes no lock: callers that
        /// read-modify-write use <see cref="ConfigTransaction"/>.
        /// </summary>
        /// <exception cref="IeaException">ConfigAccessDenied, ConfigWriteFailed, ConfigLocked (held by another program).</exception>
        public static void Replace(string path, byte[] bytes) => Replace(path, bytes, DefaultRetry, CancellationToken.None);

        /// <summary>As <see cref="Replace(string, byte[])"/>, retrying a transient failure for at most <paramref name="retryFor"/>.</summary>
        public static void Replace(string path, byte[] bytes, TimeSpan retryFor, CancellationToken cancellationToken)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            string target = Path.GetFullPath(path);
            RefuseReadOnly(target);
            string temp = WriteTempFor(target, bytes);
            MoveIntoPlace(temp, target, retryFor, cancellationToken);
        }

        /// <summary>A read-only file (Windows attribute; Unix: no write permission for anyone) is refused before anything is written.</summary>
        internal static void RefuseReadOnly(string target, IFilePlatform? platform = null)
        {
            if ((platform ?? FilePlatform.Current).Describe(target).IsReadOnly) throw StorageErrors.ReadOnly(target);
        }

        /// <summary>The temp file of <see cref="Replace(string, byte[])"/>, errors already turned into IeaException.</summary>
        internal static string WriteTempFor(string target, byte[] bytes)
        {
            try
            {
                return WriteTemp(target, bytes, File.Exists(target) ? target : null);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(target, ex);
            }
            catch (IOException ex)
            {
                throw StorageErrors.WriteFailed(target, ex);
            }
        }

        /// <summary>
        /// Puts <paramref name="temp"/> in <paramref name="target"/>'s place. A failure an antivirus or a backup agent
        /// causes for a moment is retried until <paramref name="retryFor"/> has passed. On failure the temp file is
        /// removed and <paramref name="target"/> is left as it was; the caller still holds the new bytes.
        /// </summary>
        internal static void MoveIntoPlace(string temp, string target, TimeSpan retryFor, CancellationToken cancellationToken,
            IFilePlatform? platform = null, Action<string, string>? replace = null)
        {
            platform ??= FilePlatform.Current;
            replace ??= ReplaceOrMove;
            DateTime deadline = DateTime.UtcNow + retryFor;
            try
            {
                for (; ; )
                {
                    try
                    {
                        replace(temp, target);
                        return;
                    }
                    catch (Exception ex) when (IsRetryable(ex, platform) && DateTime.UtcNow + RetryPause < deadline)
                    {
                        if (cancellationToken.WaitHandle.WaitOne(RetryPause)) cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }
            catch (Exception ex)
            {
                TryDelete(temp);
                if (ex is IeaException || ex is OperationCanceledException) throw;
                if (IsRetryable(ex, platform) && !(ex is UnauthorizedAccessException)) throw StorageErrors.InUse(target, ex);
                if (ex is UnauthorizedAccessException denied) throw StorageErrors.AccessDenied(target, denied);
                if (ex is FileNotFoundException || ex is DirectoryNotFoundException) throw StorageErrors.Missing(target, ex);
                if (ex is IOException io) throw StorageErrors.WriteFailed(target, io);
                throw;
            }
        }

        // A sharing violation or a passing access denied on Windows (a scanner, a backup agent, IEA itself).
        private static bool IsRetryable(Exception ex, IFilePlatform platform) => platform.IsTransient(ex);

        private static void ReplaceOrMove(string temp, string target)
        {
            if (File.Exists(target))
                File.Replace(temp, target, null);
            else
                File.Move(temp, target);
        }

        /// <summary>
        /// Writes a new file with a unique temp name next to <paramref name="target"/>, flushed to disk; returns its path.
        /// With <paramref name="accessOf"/>, the file is created private and then given that file's access (mode and
        /// owner on Unix, DACL on Windows) before a byte is written.
        /// </summary>
        internal static string WriteTemp(string target, byte[] bytes, string? accessOf = null, IFilePlatform? platform = null)
        {
            platform ??= FilePlatform.Current;
            string temp = Path.Combine(Path.GetDirectoryName(target)!, TempPrefix(target) + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (FileStream stream = accessOf is null
                    ? new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None)
                    : platform.CreatePrivate(temp))
                {
                    if (accessOf != null) platform.CopyAccess(accessOf, stream);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }

                return temp;
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>
        /// Removes temp files a killed writer left next to <paramref name="target"/>. Only files older than
        /// <paramref name="olderThan"/>: a plain <see cref="Replace(string, byte[])"/> (which takes no lock) may be writing a fresh one.
        /// </summary>
        internal static void DeleteStaleTemps(string target, TimeSpan olderThan)
        {
            var folder = new DirectoryInfo(Path.GetDirectoryName(target)!);
            DateTime limit = DateTime.UtcNow - olderThan;
            try
            {
                foreach (FileInfo file in folder.EnumerateFiles(TempPrefix(target) + "*.tmp"))
                {
                    if (file.LastWriteTimeUtc < limit) TryDelete(file.FullName);
                }
            }
            catch (IOException)
            {
                // Best effort: a leftover temp file harms nothing.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static string TempPrefix(string target) => "." + Path.GetFileName(target) + ".";

        internal static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
