using System;
using System.IO;

namespace ImpactEmploi.Storage
{
    /// <summary>
    /// Opening the lock file failed (a full disk, a read-only mount, an I/O error): never another writer's lock, which
    /// only flock (Unix) or a sharing or lock violation (Windows) reports, so waiting would not help.
    /// </summary>
    internal sealed class LockOpenFailedException : IOException
    {
        public LockOpenFailedException(string path, int errno)
            : base(path + ": errno " + errno, errno)
        {
        }

        public LockOpenFailedException(string path, Exception inner)
            : base(inner?.Message ?? path, inner)
        {
        }
    }
}
