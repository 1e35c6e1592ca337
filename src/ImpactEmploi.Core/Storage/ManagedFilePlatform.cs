using System;
using System.IO;

namespace ImpactEmploi.Storage
{
    /// <summary>
    /// A Unix the module has no native mapping for (macOS, other architectures): what .NET alone can tell.
    /// Folders and links are told apart; FIFOs cannot be, so reading stays as blocking as .NET's own.
    /// </summary>
    internal sealed class ManagedFilePlatform : IFilePlatform
    {
        public long EffectiveUserId => -1;

        public FileFacts Describe(string path) => DescribeByPath(path);

        public FileStream OpenRegularForRead(string path) => OpenSeekableForRead(path);

        public FileStream CreatePrivate(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);

        public void CopyAccess(string model, FileStream target)
        {
        }

        public FileStream OpenLock(string path, out FileFacts facts)
        {
            // The caller refused a link at the path before; one planted between that check and this open is followed,
            // but shows here afterwards and is refused then.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            try
            {
                facts = DescribeByPath(path);
                return stream;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        public void RestrictFolder(string folder, string model, FileFacts checkedFolder)
        {
        }

        public bool IsTransient(Exception ex) => false;

        /// <summary>File types from .NET's attributes alone: no identity, no link count.</summary>
        internal static FileFacts DescribeByPath(string path)
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                var folder = new DirectoryInfo(path);
                if (!folder.Exists) return FileFacts.Missing;
                return new FileFacts(IsLink(folder) ? FileKind.SymbolicLink : FileKind.Directory, 0);
            }

            return new FileFacts(IsLink(file) ? FileKind.SymbolicLink : FileKind.Regular, file.Length,
                isReadOnly: (file.Attributes & FileAttributes.ReadOnly) != 0);
        }

        /// <summary>A folder is refused, and so is what cannot seek (a pipe, a character device: never a disk file).</summary>
        internal static FileStream OpenSeekableForRead(string path)
        {
            var file = new FileInfo(path);
            if (!file.Exists && Directory.Exists(path)) throw new NotRegularFileException(path, FileKind.Directory);
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (!stream.CanSeek)
            {
                // A pipe or a character device (CON, \\.\pipe\...) is not seekable; a disk file always is.
                stream.Dispose();
                throw new NotRegularFileException(path, FileKind.Device);
            }

            return stream;
        }

        // Other reparse points (deduplicated or cloud files) are not links: .NET 6+ tells them apart through LinkTarget,
        // which netstandard2.0 lacks; Windows PowerShell 5.1 has no LinkTarget, so any reparse point counts there.
        private static readonly System.Reflection.PropertyInfo? LinkTarget = typeof(FileSystemInfo).GetProperty("LinkTarget");

        private static bool IsLink(FileSystemInfo info)
        {
            if ((info.Attributes & FileAttributes.ReparsePoint) == 0) return false;
            return LinkTarget is null || LinkTarget.GetValue(info) != null;
        }
    }
}
