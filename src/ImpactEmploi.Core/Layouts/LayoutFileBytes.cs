using System;
using System.IO;
using ImpactEmploi.Resources;
using ImpactEmploi.Storage;

namespace ImpactEmploi.Layouts
{
    /// <summary>Reads a layout file as the settings file is read: only a regular file, never blocking on open, never over a cap.</summary>
    public static class LayoutFileBytes
    {
        /// <summary>A layout is a few kilobytes of data; a file over this is not one.</summary>
        public const int MaxBytes = 1024 * 1024;

        /// <exception cref="IOException">The path is a FIFO, a device, a socket or a folder, the file is too large, or it cannot be read.</exception>
        /// <exception cref="UnauthorizedAccessException">No right to read it.</exception>
        public static byte[] Read(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            FileStream stream;
            try
            {
                stream = FilePlatform.Current.OpenRegularForRead(path);
            }
            catch (NotRegularFileException ex)
            {
                throw new IOException(Text.Format("StorageNotRegularFile", StorageErrors.KindWord(ex.Kind)), ex);
            }

            using (stream)
            {
                // One byte past the cap: a file that grows meanwhile is still refused, never loaded whole.
                var buffer = new byte[Math.Min(stream.Length, MaxBytes) + 1];
                int read = 0;
                int n;
                while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0) read += n;
                if (read > MaxBytes) throw new IOException(Text.Format("LayoutTooLarge", MaxBytes));
                Array.Resize(ref buffer, read);
                return buffer;
            }
        }
    }
}
