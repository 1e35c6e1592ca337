using System;

namespace ImpactEmploi
{
    /// <summary>A copy of IEA's settings file taken before a change.</summary>
    public sealed class IeaConfigBackup
    {
        public IeaConfigBackup(string path, string backupPath, DateTimeOffset created, long length)
        {
            Path = path;
            BackupPath = backupPath;
            Created = created;
            Length = length;
        }

        /// <summary>The settings file the backup belongs to.</summary>
        public string Path { get; }

        public string BackupPath { get; }

        /// <summary>When the backup was taken, UTC, to the millisecond.</summary>
        public DateTimeOffset Created { get; }

        /// <summary>Size in bytes.</summary>
        public long Length { get; }

        public override string ToString() => BackupPath;
    }
}
