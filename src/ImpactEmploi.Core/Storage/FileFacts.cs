namespace ImpactEmploi.Storage
{
    internal enum FileKind
    {
        Missing,
        Regular,
        Directory,
        SymbolicLink,
        Fifo,
        Socket,
        Device,
        Other,
    }

    /// <summary>What the file system says about one path, without opening it.</summary>
    internal readonly struct FileFacts
    {
        public const int UnknownMode = -1;
        public const long UnknownOwner = -1;
        public const long UnknownLinkCount = -1;

        public FileFacts(FileKind kind, long length, int mode = UnknownMode, long ownerId = UnknownOwner, long groupId = UnknownOwner, bool isReadOnly = false,
            long linkCount = UnknownLinkCount, ulong device = 0, ulong inode = 0)
        {
            LinkCount = linkCount;
            Device = device;
            Inode = inode;
            IsReadOnly = isReadOnly;
            Kind = kind;
            Length = length;
            Mode = mode;
            OwnerId = ownerId;
            GroupId = groupId;
        }

        public static FileFacts Missing => new FileFacts(FileKind.Missing, 0);

        public FileKind Kind { get; }
        public long Length { get; }

        /// <summary>Unix permission bits (07777); <see cref="UnknownMode"/> on Windows.</summary>
        public int Mode { get; }

        /// <summary>Unix user id of the owner; <see cref="UnknownOwner"/> on Windows.</summary>
        public long OwnerId { get; }

        public long GroupId { get; }

        /// <summary>Windows: the read-only attribute; Unix: nobody has write permission.</summary>
        public bool IsReadOnly { get; }

        public bool Exists => Kind != FileKind.Missing;

        /// <summary>How many names (hard links) the file has; <see cref="UnknownLinkCount"/> when it could not be read.</summary>
        public long LinkCount { get; }

        /// <summary>The device and inode (Windows: volume serial number and file index) that identify the file whatever its path; 0 when unknown.</summary>
        public ulong Device { get; }

        public ulong Inode { get; }

        /// <summary>True when both name the same file; false also when either is unknown.</summary>
        public bool IsSameFileAs(FileFacts other) => Inode != 0 && Inode == other.Inode && Device == other.Device;
    }
}
