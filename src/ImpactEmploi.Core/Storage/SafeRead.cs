using System;
using System.IO;

namespace ImpactEmploi.Storage
{
    /// <summary>Reads a settings file or a backup: only a regular file, never blocking on open, never more than a cap.</summary>
    internal static class SafeRead
    {
        /// <summary>IEA's settings file is a few kilobytes; a file or backup over this is not one.</summary>
        public const int MaxFileBytes = 1024 * 1024;

        /// <exception cref="IeaException">ConfigUnreadable (missing, not a regular file, too large), ConfigAccessDenied.</exception>
        public static byte[] AllBytes(string path, IFilePlatform? platform = null)
        {
            platform ??= FilePlatform.Current;
            try
            {
                using (FileStream stream = platform.OpenRegularForRead(path))
                {
                    long length = stream.Length;
                    if (length > MaxFileBytes) throw StorageErrors.TooLarge(path, length);

                    // Read one byte past the cap so a file that grows meanwhile is still refused, never loaded whole.
                    var buffer = new byte[Math.Min(length, MaxFileBytes) + 1];
                    int read = 0;
                    int n;
                    while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
                    {
                        read += n;
                    }

                    if (read > MaxFileBytes) throw StorageErrors.TooLarge(path, read);
                    Array.Resize(ref buffer, read);
                    return buffer;
                }
            }
            catch (NotRegularFileException ex)
            {
                throw StorageErrors.NotRegular(path, ex);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw StorageErrors.Missing(path, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw StorageErrors.AccessDenied(path, ex);
            }
            catch (IOException ex)
            {
                throw StorageErrors.ReadFailed(path, ex);
            }
        }
    }
}
