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
        private const int Create = 0x40;
        private const int Exclusive = 0x80;
        private const int NonBlocking = 0x800;
        private const int CloseOnExec = 0x80000;

        private const int ErrNoEntry = 2;
        private const int ErrNoDevice = 6; // ENXIO: open(2) of a socket
        private const int ErrAccess = 13;
        private const int ErrPermission = 1;
        private const int ErrNotDirectory = 20;

        private readonly int _modeOffset;
        private readonly int _ownerOffset;
        private readonly int _sizeOffset = 48;

        private UnixFilePlatform(int modeOffset, int ownerOffset)
        {
            _modeOffset = modeOffset;
            _ownerOffset = ownerOffset;
        }

        /// <summary>The platform for this process, or null when it is not Linux on x64 or arm64.</summary>
        public static UnixFilePlatform? TryCreate()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
            switch (RuntimeInformation.ProcessArchitecture)
            {
                case Architecture.X64: return new UnixFilePlatform(modeOffset: 24, ownerOffset: 28);
                case Architecture.Arm64: return new UnixFilePlatform(modeOffset: 16, ownerOffset: 24);
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

        public void RestrictFolder(string folder, string model)
        {
            FileFacts file = Describe(model);
            FileFacts current = Describe(folder);
            if (file.Kind != FileKind.Regular || current.Kind != FileKind.Directory) return;

            // rw for a class of users lets it in the folder (x) too; nothing the file does not give.
            int allowed = 0;
            for (int shift = 0; shift <= 6; shift += 3)
            {
                int bits = (file.Mode >> shift) & 7;
                if ((bits & 6) != 0) allowed |= (7 << shift);
            }

            allowed |= Convert.ToInt32("700", 8); // the owner keeps the folder usable
            ChangeOwnerWhenRoot(folder, file);
            int mode = current.Mode & Convert.ToInt32("777", 8);
            if ((mode & ~allowed) != 0) Check(NativeMethods.chmod(folder, (uint)(mode & allowed)), folder);
        }

        public bool IsTransient(Exception ex) => false;

        private void ChangeOwnerWhenRoot(string path, FileFacts model)
        {
            if (EffectiveUserId != 0 || model.OwnerId < 0) return;
            Check(NativeMethods.chown(path, (uint)model.OwnerId, (uint)model.GroupId), path);
        }

        private FileFacts Facts(byte[] buffer)
        {
            int mode = BitConverter.ToInt32(buffer, _modeOffset);
            long owner = BitConverter.ToUInt32(buffer, _ownerOffset);
            long group = BitConverter.ToUInt32(buffer, _ownerOffset + 4);
            long size = BitConverter.ToInt64(buffer, _sizeOffset);
            int permissions = mode & Convert.ToInt32("7777", 8);
            return new FileFacts(KindOf(mode), size, permissions, owner, group, isReadOnly: (permissions & Convert.ToInt32("222", 8)) == 0);
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
            public static extern int chmod([MarshalAs(UnmanagedType.LPStr)] string path, uint mode);

            [DllImport(LibC, SetLastError = true)]
            public static extern int fchmod(int fd, uint mode);

            [DllImport(LibC, SetLastError = true)]
            public static extern int fchown(int fd, uint owner, uint group);

            [DllImport(LibC, SetLastError = true)]
            public static extern int chown([MarshalAs(UnmanagedType.LPStr)] string path, uint owner, uint group);

            [DllImport(LibC)]
            public static extern uint geteuid();
#pragma warning restore CA2101, CA5392, SYSLIB1054
        }
    }
}
