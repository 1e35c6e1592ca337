using System;
using System.IO;
using System.Runtime.InteropServices;

namespace ImpactEmploi.Storage
{
    /// <summary>Writes a file so that a crash leaves either the old content or the new one, never a mix.</summary>
    public static class AtomicFile
    {
        /// <summary>
        /// Writes <paramref name="bytes"/> to a temp file in the same folder, flushes it to disk, then replaces
        /// <paramref name="path"/> with it (File.Replace: keeps the ACL and attributes on Windows; rename(2) on Linux).
        /// Takes no lock: callers that read-modify-write use <see cref="ConfigTransaction"/>.
        /// </summary>
        /// <exception cref="IeaException">ConfigAccessDenied when the file or its folder may not be written.</exception>
        public static void Replace(string path, byte[] bytes)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            string target = Path.GetFullPath(path);
            try
            {
                string temp = WriteTemp(target, bytes, keepModeOf: target);
                try
                {
                    ReplaceWithRetry(temp, target);
                }
                catch
                {
                    TryDelete(temp);
                    throw;
                }
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(target, ex);
            }
        }

        // On Windows a scanner, a backup agent or IEA itself may hold the file without delete sharing for a
        // moment; File.Replace then fails with a sharing violation. Wait a little, then say who to look for.
        private static void ReplaceWithRetry(string temp, string target)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (File.Exists(target))
                        File.Replace(temp, target, null);
                    else
                        File.Move(temp, target);
                    return;
                }
                catch (IOException ex) when (!(ex is FileNotFoundException) && !(ex is DirectoryNotFoundException) && attempt < 10)
                {
                    System.Threading.Thread.Sleep(200);
                }
                catch (IOException ex) when (!(ex is FileNotFoundException) && !(ex is DirectoryNotFoundException))
                {
                    throw StorageErrors.InUse(target, ex);
                }
            }
        }

        /// <summary>Writes a new file with a unique temp name next to <paramref name="target"/>, flushed to disk; returns its path.</summary>
        internal static string WriteTemp(string target, byte[] bytes, string? keepModeOf = null)
        {
            string temp = Path.Combine(Path.GetDirectoryName(target)!, TempPrefix(target) + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                // On Unix, File.Copy gives the temp file the target's permission bits, so the rename keeps them
                // (netstandard2.0 has no File.GetUnixFileMode). Windows keeps the ACL through File.Replace instead,
                // and copying there would also copy a ReadOnly attribute.
                bool copyMode = keepModeOf != null && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && File.Exists(keepModeOf);
                if (copyMode) File.Copy(keepModeOf!, temp);
                using (var stream = new FileStream(temp, copyMode ? FileMode.Truncate : FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
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
        /// <paramref name="olderThan"/>: a plain <see cref="Replace"/> (which takes no lock) may be writing a fresh one.
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

        private static void TryDelete(string path)
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
