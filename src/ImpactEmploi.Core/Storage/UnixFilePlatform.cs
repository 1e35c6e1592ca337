using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ImpactEmploi.Storage
{
    /// <summary>
    /// Linux through glibc (2.33 or later exports stat, lstat and fstat). netstandard2.0 has no API for a file's
    /// type, mode or owner, so this reads <c>struct stat</c> at the offsets of the two supported architectures.
    /// </summary>
    internal sealed class UnixFilePlatform : IFilePlatform
    {
        private const string LibC = "libc.so.6";
        private const int StatBufferSize = 256; // struct stat is 144 bytes on x64 and 128 on arm64

        private const int ReadOnly = 0x0;
        private const int WriteOnly = 0x1;
        private const int ReadWrite = 0x2;
        private const int Create = 0x40;
        private const int Exclusive = 0x80;
        private const int NoControllingTerminal = 0x100;
        private const int NonBlocking = 0x800;
        private const int CloseOnExec = 0x80000;

        private const int LockExclusive = 2;   // LOCK_EX
        private const int LockNonBlocking = 4; // LOCK_NB

        private const int ErrNoEntry = 2;
        private const int ErrInterrupted = 4;
        private const int ErrNoDevice = 6; // ENXIO: open(2) of a socket
        private const int ErrWouldBlock = 11; // EAGAIN, EWOULDBLOCK
        private const int ErrAccess = 13;
        private const int ErrPermission = 1;
        private const int ErrNotDirectory = 20;
        private const int ErrIsDirectory = 21;
        private const int ErrLoop = 40; // ELOOP: O_NOFOLLOW met a symbolic link

        private readonly int _modeOffset;
        private readonly int _ownerOffset;
        private readonly int _linkCountOffset;
        private readonly bool _linkCountIs64Bits;
        private readonly int _sizeOffset = 48;
        private readonly int _noFollow;
        private readonly int _directory;

        private UnixFilePlatform(int modeOffset, int ownerOffset, int linkCountOffset, bool linkCountIs64Bits, int noFollow, int directory)
        {
            _modeOffset = modeOffset;
            _ownerOffset = ownerOffset;
            _linkCountOffset = linkCountOffset;
            _linkCountIs64Bits = linkCountIs64Bits;
            _noFollow = noFollow;
            _directory = directory;
        }

        /// <summary>The platform for this process, or null when it is not Linux on x64 or arm64.</summary>
        public static UnixFilePlatform? TryCreate()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
            switch (RuntimeInformation.ProcessArchitecture)
            {
                // struct stat and the open(2) flags O_NOFOLLOW and O_DIRECTORY differ between the two.
                case Architecture.X64:
                    return new UnixFilePlatform(modeOffset: 24, ownerOffset: 28, linkCountOffset: 16, linkCountIs64Bits: true, noFollow: 0x20000, directory: 0x10000);
                case Architecture.Arm64:
                    return new UnixFilePlatform(modeOffset: 16, ownerOffset: 24, linkCountOffset: 20, linkCountIs64Bits: false, noFollow: 0x8000, directory: 0x4000);
                default: return null;
            }
        }

        public long EffectiveUserId => NativeMethods.geteuid();

        public FileFacts Describe(string path)
        {
            var buffer = new byte[StatBufferSize];
            if (NativeMethods.lstat(path, buffer) != 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == ErrNoEntry || errno == ErrNotDirectory) return FileFacts.Missing;
                throw Failure(path, errno);
            }

            return Facts(buffer);
        }

        public FileStream OpenRegularForRead(string path)
        {
            // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
            int fd = NativeMethods.open(path, ReadOnly | NonBlocking | CloseOnExec, 0);
            if (fd < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == ErrNoDevice) throw new NotRegularFileException(path, FileKind.Socket);
                throw Failure(path, errno);
            }

            var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
            try
            {
                var buffer = new byte[StatBufferSize];
                if (NativeMethods.fstat(fd, buffer) != 0) throw Failure(path, Marshal.GetLastWin32Error());
                FileFacts facts = Facts(buffer);
                if (facts.Kind != FileKind.Regular) throw new NotRegularFileException(path, facts.Kind);
                return new FileStream(handle, FileAccess.Read);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        public FileStream CreatePrivate(string path)
        {
            // O_EXCL also refuses a symbolic link planted at the path.
            int fd = NativeMethods.open(path, WriteOnly | Create | Exclusive | CloseOnExec, Convert.ToInt32("600", 8));
            if (fd < 0) throw Failure(path, Marshal.GetLastWin32Error());
            return new FileStream(new SafeFileHandle((IntPtr)fd, ownsHandle: true), FileAccess.Write);
        }

        public FileStream OpenLock(string path, out FileFacts facts)
        {
            // O_NOFOLLOW: a link at the path is refused (ELOOP), never followed, even one planted after the caller's check.
            // O_NONBLOCK: a FIFO opens at once instead of waiting; O_NOCTTY: a terminal never becomes this process's.
            int fd = NativeMethods.open(path, ReadWrite | Create | _noFollow | NonBlocking | NoControllingTerminal | CloseOnExec,
                Convert.ToInt32("600", 8));
            if (fd < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == ErrLoop) throw new NotRegularFileException(path, FileKind.SymbolicLink);
                if (errno == ErrNoDevice) throw new NotRegularFileException(path, FileKind.Socket);
                if (errno == ErrIsDirectory) throw new NotRegularFileException(path, FileKind.Directory);
                // EINTR (a signal, on NFS or FUSE) is worth another try, as it was before: a plain IOException is retried.
                if (errno == ErrAccess || errno == ErrPermission || errno == ErrNoEntry || errno == ErrNotDirectory || errno == ErrInterrupted)
                    throw Failure(path, errno);
                throw new LockOpenFailedException(path, errno);
            }

            var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
            try
            {
                facts = DescribeOpen(fd, path);
                if (facts.Kind != FileKind.Regular) throw new NotRegularFileException(path, facts.Kind);
                TakeExclusiveLock(fd, path);
                return new FileStream(handle, FileAccess.ReadWrite);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        public void CopyAccess(string model, FileStream target)
        {
            FileFacts facts = Describe(model);
            if (facts.Kind != FileKind.Regular) return;
            bool added = false;
            SafeFileHandle handle = target.SafeFileHandle;
            try
            {
                handle.DangerousAddRef(ref added);
                int fd = (int)handle.DangerousGetHandle();
                if (EffectiveUserId == 0 && facts.OwnerId >= 0)
                    Check(NativeMethods.fchown(fd, (uint)facts.OwnerId, (uint)facts.GroupId), target.Name);
                // The owner always keeps read and write: a read-only file is never replaced, but its lock file must stay
                // openable by its owner once the file is made writable again.
                Check(NativeMethods.fchmod(fd, (uint)((facts.Mode & Convert.ToInt32("777", 8)) | Convert.ToInt32("600", 8))), target.Name);
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }

        public void RestrictFolder(string folder, string model, FileFacts checkedFolder)
        {
            FileFacts file = Describe(model);
            if (file.Kind != FileKind.Regular) return;

            // chmod(2) and chown(2) follow a link: this handle never does, and is refused unless it is the folder checked.
            int fd = NativeMethods.open(folder, ReadOnly | _directory | _noFollow | CloseOnExec, 0);
            if (fd < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == ErrLoop || errno == ErrNotDirectory || errno == ErrNoEntry) throw new FileReplacedException(folder);
                throw Failure(folder, errno);
            }

            using (var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true))
            {
                FileFacts current = DescribeOpen(fd, folder);
                if (current.Kind != FileKind.Directory || !current.IsSameFileAs(checkedFolder)) throw new FileReplacedException(folder);

                // rw for a class of users lets it in the folder (x) too; nothing the file does not give.
                int allowed = 0;
                for (int shift = 0; shift <= 6; shift += 3)
                {
                    int bits = (file.Mode >> shift) & 7;
                    if ((bits & 6) != 0) allowed |= (7 << shift);
                }

                allowed |= Convert.ToInt32("700", 8); // the owner keeps the folder usable
                if (EffectiveUserId == 0 && file.OwnerId >= 0)
                    Check(NativeMethods.fchown(fd, (uint)file.OwnerId, (uint)file.GroupId), folder);
                int mode = current.Mode & Convert.ToInt32("777", 8);
                if ((mode & ~allowed) != 0) Check(NativeMethods.fchmod(fd, (uint)(mode & allowed)), folder);
            }
        }

        public bool IsTransient(Exception ex) => false;

        private FileFacts DescribeOpen(int fd, string path)
        {
            var buffer = new byte[StatBufferSize];
            if (NativeMethods.fstat(fd, buffer) != 0) throw Failure(path, Marshal.GetLastWin32Error());
            return Facts(buffer);
        }

        // What FileStream does for FileShare.None on Unix (SafeFileHandle.Init in dotnet/runtime): flock(LOCK_EX | LOCK_NB),
        // where only EWOULDBLOCK means "held"; a file system without flock gives no lock there, and none here either.
        private static void TakeExclusiveLock(int fd, string path)
        {
            while (NativeMethods.flock(fd, LockExclusive | LockNonBlocking) != 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == ErrInterrupted) continue;
                if (errno == ErrWouldBlock) throw new IOException(path + ": locked by another process (errno " + errno + ")", errno);
                return;
            }
        }

        private FileFacts Facts(byte[] buffer)
        {
            int mode = BitConverter.ToInt32(buffer, _modeOffset);
            long owner = BitConverter.ToUInt32(buffer, _ownerOffset);
            long group = BitConverter.ToUInt32(buffer, _ownerOffset + 4);
            long size = BitConverter.ToInt64(buffer, _sizeOffset);
            int permissions = mode & Convert.ToInt32("7777", 8);
            long links = _linkCountIs64Bits ? BitConverter.ToInt64(buffer, _linkCountOffset) : BitConverter.ToUInt32(buffer, _linkCountOffset);
            return new FileFacts(KindOf(mode), size, permissions, owner, group, isReadOnly: (permissions & Convert.ToInt32("222", 8)) == 0,
                linkCount: links, device: BitConverter.ToUInt64(buffer, 0), inode: BitConverter.ToUInt64(buffer, 8));
        }

        private static FileKind KindOf(int mode)
        {
            switch (mode & 0xF000)
            {
                case 0x8000: return FileKind.Regular;
                case 0x4000: return FileKind.Directory;
                case 0xA000: return FileKind.SymbolicLink;
                case 0x1000: return FileKind.Fifo;
                case 0xC000: return FileKind.Socket;
                case 0x2000:
                case 0x6000: return FileKind.Device;
                default: return FileKind.Other;
            }
        }

        private static void Check(int result, string path)
        {
            if (result != 0) throw Failure(path, Marshal.GetLastWin32Error());
        }

        private static Exception Failure(string path, int errno)
        {
            string text = path + ": errno " + errno;
            if (errno == ErrAccess || errno == ErrPermission) return new UnauthorizedAccessException(text);
            if (errno == ErrNoEntry) return new FileNotFoundException(text, path);
            if (errno == ErrNotDirectory) return new DirectoryNotFoundException(text);
            return new IOException(text, errno);
        }

        private static class NativeMethods
        {
#pragma warning disable CA2101, CA5392, SYSLIB1054 // UTF-8 strings are the Unix default; glibc is found by the loader
            [DllImport(LibC, SetLastError = true)]
            public static extern int lstat([MarshalAs(UnmanagedType.LPStr)] string path, byte[] buffer);

            [DllImport(LibC, SetLastError = true)]
            public static extern int fstat(int fd, byte[] buffer);

            [DllImport(LibC, SetLastError = true)]
            public static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags, int mode);

            [DllImport(LibC, SetLastError = true)]
            public static extern int flock(int fd, int operation);

            [DllImport(LibC, SetLastError = true)]
            public static extern int fchmod(int fd, uint mode);

            [DllImport(LibC, SetLastError = true)]
            public static extern int fchown(int fd, uint owner, uint group);

            [DllImport(LibC)]
            public static extern uint geteuid();
#pragma warning restore CA2101, CA5392, SYSLIB1054
        }
    }
}
