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
        private static readonly WindowsFilePlatform Types = new WindowsFilePlatform();

        public long EffectiveUserId => -1;

        public FileFacts Describe(string path) => Types.Describe(path);

        public FileStream OpenRegularForRead(string path) => Types.OpenRegularForRead(path);

        public FileStream CreatePrivate(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);

        public void CopyAccess(string model, FileStream target)
        {
        }

        public FileStream OpenLock(string path, out FileFacts facts) => Types.OpenLock(path, out facts);

        public void RestrictFolder(string folder, string model, FileFacts checkedFolder)
        {
        }

        public bool IsTransient(Exception ex) => false;
    }
}
