using System;
using System.IO;
using ImpactEmploi.Storage;

namespace ImpactEmploi.Tests.Storage
{
    /// <summary>The real platform, but the backup folder is swapped between the writer's check and its narrowing.</summary>
    internal sealed class SwapsFolderBeforeRestrict : IFilePlatform
    {
        private readonly IFilePlatform _real = FilePlatform.Current;
        private readonly Action<string> _swap;

        public SwapsFolderBeforeRestrict(Action<string> swap) => _swap = swap;

        public bool Swapped { get; private set; }

        public long EffectiveUserId => _real.EffectiveUserId;
        public FileFacts Describe(string path) => _real.Describe(path);
        public FileStream OpenRegularForRead(string path) => _real.OpenRegularForRead(path);
        public FileStream CreatePrivate(string path) => _real.CreatePrivate(path);
        public void CopyAccess(string model, FileStream target) => _real.CopyAccess(model, target);
        public FileStream OpenLock(string path, out FileFacts facts) => _real.OpenLock(path, out facts);

        public void RestrictFolder(string folder, string model, FileFacts checkedFolder)
        {
            _swap(folder);
            Swapped = true;
            _real.RestrictFolder(folder, model, checkedFolder);
        }

        public bool IsTransient(Exception ex) => _real.IsTransient(ex);
    }
}
