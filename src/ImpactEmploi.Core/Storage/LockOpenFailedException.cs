using System.IO;

namespace ImpactEmploi.Storage
{
    /// <summary>
    /// Unix: open(2) of the lock file failed (a full disk, a read-only mount, an I/O error). Never another writer's lock,
    /// which only flock reports, so waiting would not help.
    /// </summary>
    internal sealed class LockOpenFailedException : IOException
    {
        public LockOpenFailedException(string path, int errno)
            : base(path + ": errno " + errno, errno)
        {
        }
    }
}
