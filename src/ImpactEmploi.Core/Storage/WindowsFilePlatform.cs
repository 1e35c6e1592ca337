using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ImpactEmploi.Storage
{
    /// <summary>
    /// Windows: file types and identity (volume serial number and file index) from a handle that never follows a
    /// reparse point; access as the settings file's DACL copied (protected, so nothing wider is inherited from the
    /// folder) onto temp files, backups and the backup folder, always through their open handles: a path swapped for
    /// a junction or a symbolic link meanwhile would send SetNamedSecurityInfo elsewhere.
    /// </summary>
    internal sealed class WindowsFilePlatform : IFilePlatform
    {
        private const int FileObject = 1;               // SE_FILE_OBJECT
        private const uint DaclInformation = 0x4;        // DACL_SECURITY_INFORMATION
        private const uint ProtectedDacl = 0x80000000;   // PROTECTED_DACL_SECURITY_INFORMATION

        private const uint GenericRead = 0x80000000;
        private const uint GenericWrite = 0x40000000;
        private const uint ReadControl = 0x00020000;
        private const uint WriteDac = 0x00040000;
        private const uint ReadAttributes = 0x80;        // FILE_READ_ATTRIBUTES
        private const uint MaximumAllowed = 0x02000000;  // MAXIMUM_ALLOWED (an access mask, unlike FILE_FLAG_BACKUP_SEMANTICS of the same value)

        private const uint ShareAll = 0x1 | 0x2 | 0x4;   // FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE
        private const uint ShareNone = 0;
        private const uint CreateNew = 1;
        private const uint OpenExisting = 3;
        private const uint OpenAlways = 4;
        private const uint AttributeNormal = 0x80;
        private const uint BackupSemantics = 0x02000000;  // FILE_FLAG_BACKUP_SEMANTICS: needed to open a folder
        private const uint OpenReparsePoint = 0x00200000; // FILE_FLAG_OPEN_REPARSE_POINT: the link itself, never its target

        // SECURITY_SQOS_PRESENT | SECURITY_ANONYMOUS (0), as .NET's FileStream passes: a named pipe reached through the path
        // (a \\.\pipe\ name, or a junction and an object manager link in a parent folder) cannot impersonate SYSTEM.
        private const uint AnonymousToPipes = 0x00100000;

        private const uint AttributeReadOnly = 0x1;
        private const uint AttributeDirectory = 0x10;
        private const uint AttributeReparsePoint = 0x400;
        private const uint NameSurrogate = 0x20000000;   // reparse tags of links (symbolic links, junctions): IsReparseTagNameSurrogate
        private const int FileAttributeTagInfo = 9;      // FILE_INFO_BY_HANDLE_CLASS
        private const uint FileTypeDisk = 1;

        private const int ErrorFileNotFound = 2;
        private const int ErrorPathNotFound = 3;
        private const int ErrorAccessDenied = 5;
        private const int ErrorSharingViolation = 32;
        private const int ErrorLockViolation = 33;
        private const int ErrorFilenameTooLong = 206;

        private static readonly int SharingViolation = HResultOf(ErrorSharingViolation);
        private static readonly int LockViolation = HResultOf(ErrorLockViolation);

        public long EffectiveUserId => -1;

        public FileFacts Describe(string path)
        {
            // FILE_READ_ATTRIBUTES alone: no share mode is checked, so a file another program holds exclusively is described too.
            using (SafeFileHandle handle = NativeMethods.CreateFileW(path, ReadAttributes, ShareAll, IntPtr.Zero, OpenExisting,
                BackupSemantics | OpenReparsePoint | AnonymousToPipes, IntPtr.Zero))
            {
                if (handle.IsInvalid)
                {
                    int error = Marshal.GetLastWin32Error();
                    if (error == ErrorFileNotFound || error == ErrorPathNotFound) return FileFacts.Missing;
                    // A name CreateFile cannot open for its attributes (a device, no right to read them): as .NET sees it,
                    // without identity, as before this handle existed.
                    return ManagedFilePlatform.DescribeByPath(path);
                }

                if (NativeMethods.GetFileType(handle) != FileTypeDisk) return new FileFacts(FileKind.Device, 0);
                if (!NativeMethods.GetFileInformationByHandle(handle, out ByHandleFileInformation info)) return ManagedFilePlatform.DescribeByPath(path);
                return FactsOf(handle, info);
            }
        }

        public FileStream OpenRegularForRead(string path) => ManagedFilePlatform.OpenSeekableForRead(path);

        /// <summary>
        /// CREATE_NEW fails on any name that exists, a link (dangling or not) included, and FILE_FLAG_OPEN_REPARSE_POINT
        /// keeps it from ever resolving one. WRITE_DAC is asked for: the creator of a new file is granted what it asks,
        /// whereas its implicit owner rights go when the inherited DACL has an OWNER RIGHTS entry.
        /// </summary>
        public FileStream CreatePrivate(string path)
        {
            SafeFileHandle handle = NativeMethods.CreateFileW(path, GenericWrite | WriteDac | ReadControl, ShareNone, IntPtr.Zero, CreateNew,
                AttributeNormal | OpenReparsePoint | AnonymousToPipes, IntPtr.Zero);
            if (handle.IsInvalid)
            {
                int error = Marshal.GetLastWin32Error();
                handle.Dispose();
                throw Failure(path, error);
            }

            return Wrap(handle, FileAccess.Write);
        }

        public void CopyAccess(string model, FileStream target)
        {
            // As on Unix: a model that is a link gives nothing, and the new file keeps the access it was created with.
            IntPtr descriptor = ReadDacl(model, out IntPtr dacl, out FileKind kind);
            if (kind != FileKind.Regular) return;
            try
            {
                SetDacl(target.SafeFileHandle, dacl, target.Name);
            }
            finally
            {
                NativeMethods.LocalFree(descriptor);
            }
        }

        public FileStream OpenLock(string path, out FileFacts facts)
        {
            // No share mode: the lock .NET's FileShare.None takes, so older versions of the module and this one exclude each other.
            SafeFileHandle handle = NativeMethods.CreateFileW(path, GenericRead | GenericWrite, ShareNone, IntPtr.Zero, OpenAlways,
                AttributeNormal | OpenReparsePoint | AnonymousToPipes, IntPtr.Zero);
            if (handle.IsInvalid)
            {
                int error = Marshal.GetLastWin32Error();
                handle.Dispose();
                throw LockOpenFailure(path, error);
            }

            try
            {
                if (NativeMethods.GetFileType(handle) != FileTypeDisk) throw new NotRegularFileException(path, FileKind.Device);
                ByHandleFileInformation info;
                try
                {
                    info = Query(handle, path);
                }
                catch (IOException ex)
                {
                    throw new LockOpenFailedException(path, ex);
                }

                // The file opened, as its handle describes it: a link or a junction planted after the caller's check is
                // refused here, and was never followed (its target is neither created nor opened).
                if ((info.FileAttributes & AttributeReparsePoint) != 0)
                    throw new NotRegularFileException(path, IsNameSurrogate(handle) ? FileKind.SymbolicLink : FileKind.Other);
                if ((info.FileAttributes & AttributeDirectory) != 0) throw new NotRegularFileException(path, FileKind.Directory);
                facts = FactsOf(handle, info);
                return Wrap(handle, FileAccess.ReadWrite);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        public void RestrictFolder(string folder, string model, FileFacts checkedFolder)
        {
            IntPtr descriptor = ReadDacl(model, out IntPtr dacl, out FileKind kind);
            if (kind != FileKind.Regular) throw new NotRegularFileException(model, kind);
            try
            {
                // MAXIMUM_ALLOWED: SetSecurityInfo, like SetNamedSecurityInfo, then rewrites what every child of the folder inherits,
                // except through a handle opened so (its documentation). The model's DACL, a file's, has no inheritable ACE: that
                // rewrite would only strip the inherited ACEs of the children not protected (an older lock file, a file hard-linked
                // there by someone else) down to an empty DACL no one can open. Backups and temp files get their own DACL anyway.
                using (SafeFileHandle handle = NativeMethods.CreateFileW(folder, MaximumAllowed, ShareAll,
                    IntPtr.Zero, OpenExisting, BackupSemantics | OpenReparsePoint | AnonymousToPipes, IntPtr.Zero))
                {
                    if (handle.IsInvalid)
                    {
                        int error = Marshal.GetLastWin32Error();
                        if (error == ErrorFileNotFound || error == ErrorPathNotFound) throw new FileReplacedException(folder);
                        throw Failure(folder, error);
                    }

                    // Any reparse point is refused, even one set on the very folder checked (same volume and file index).
                    ByHandleFileInformation info = Query(handle, folder);
                    if ((info.FileAttributes & (AttributeDirectory | AttributeReparsePoint)) != AttributeDirectory ||
                        !FactsOf(handle, info).IsSameFileAs(checkedFolder))
                        throw new FileReplacedException(folder);
                    SetDacl(handle, dacl, folder);
                }
            }
            finally
            {
                NativeMethods.LocalFree(descriptor);
            }
        }

        public bool IsTransient(Exception ex) =>
            ex is UnauthorizedAccessException ||
            (ex is IOException io && (io.HResult == SharingViolation || io.HResult == LockViolation));

        /// <summary>
        /// The DACL of <paramref name="model"/>, read through a handle that does not follow a link; the descriptor returned
        /// must go to LocalFree. Nothing is read (nothing to free) unless <paramref name="kind"/> is <see cref="FileKind.Regular"/>:
        /// a link's or a junction's own DACL is whatever its maker chose.
        /// </summary>
        private static IntPtr ReadDacl(string model, out IntPtr dacl, out FileKind kind)
        {
            dacl = IntPtr.Zero;
            using (SafeFileHandle handle = NativeMethods.CreateFileW(model, ReadControl | ReadAttributes, ShareAll, IntPtr.Zero, OpenExisting,
                BackupSemantics | OpenReparsePoint | AnonymousToPipes, IntPtr.Zero))
            {
                if (handle.IsInvalid) throw Failure(model, Marshal.GetLastWin32Error());
                kind = NativeMethods.GetFileType(handle) == FileTypeDisk ? FactsOf(handle, Query(handle, model)).Kind : FileKind.Device;
                if (kind != FileKind.Regular) return IntPtr.Zero;

                uint error = NativeMethods.GetSecurityInfo(handle, FileObject, DaclInformation, out _, out _, out dacl, out _, out IntPtr descriptor);
                if (error != 0) throw Failure(model, (int)error);
                return descriptor;
            }
        }

        private static void SetDacl(SafeFileHandle target, IntPtr dacl, string name)
        {
            uint error = NativeMethods.SetSecurityInfo(target, FileObject, DaclInformation | ProtectedDacl, IntPtr.Zero, IntPtr.Zero, dacl, IntPtr.Zero);
            if (error != 0) throw Failure(name, (int)error);
        }

        private static ByHandleFileInformation Query(SafeFileHandle handle, string path)
        {
            if (!NativeMethods.GetFileInformationByHandle(handle, out ByHandleFileInformation info)) throw Failure(path, Marshal.GetLastWin32Error());
            return info;
        }

        /// <summary>A link or a junction is a <see cref="FileKind.SymbolicLink"/>; other reparse points (deduplicated or cloud files) are what they hold.</summary>
        private static FileFacts FactsOf(SafeFileHandle handle, ByHandleFileInformation info)
        {
            bool directory = (info.FileAttributes & AttributeDirectory) != 0;
            FileKind kind = directory ? FileKind.Directory : FileKind.Regular;
            if ((info.FileAttributes & AttributeReparsePoint) != 0 && IsNameSurrogate(handle)) kind = FileKind.SymbolicLink;
            long length = directory ? 0 : ((long)info.FileSizeHigh << 32) | info.FileSizeLow;
            return new FileFacts(kind, length, isReadOnly: !directory && (info.FileAttributes & AttributeReadOnly) != 0,
                linkCount: info.NumberOfLinks, device: info.VolumeSerialNumber, inode: ((ulong)info.FileIndexHigh << 32) | info.FileIndexLow);
        }

        // When the tag cannot be read, the reparse point counts as a link: refusing is the safe side.
        private static bool IsNameSurrogate(SafeFileHandle handle) =>
            !NativeMethods.GetFileInformationByHandleEx(handle, FileAttributeTagInfo, out FileAttributeTag tag, (uint)Marshal.SizeOf<FileAttributeTag>()) ||
            (tag.ReparseTag & NameSurrogate) != 0;

        // Only a sharing or lock violation means another writer holds the lock: that alone is waited out (a plain IOException).
        private Exception LockOpenFailure(string path, int error)
        {
            switch (error)
            {
                case ErrorSharingViolation:
                case ErrorLockViolation:
                    return new IOException(path + ": locked by another process (" + new Win32Exception(error).Message + ")", HResultOf(error));
                case ErrorAccessDenied:
                    // CreateFile opens no folder without FILE_FLAG_BACKUP_SEMANTICS: a folder or junction there gives "access denied".
                    FileKind kind = Describe(path).Kind;
                    if (kind == FileKind.Directory || kind == FileKind.SymbolicLink) return new NotRegularFileException(path, kind);
                    return Failure(path, error);
                case ErrorFileNotFound:
                case ErrorPathNotFound:
                case ErrorFilenameTooLong:
                    return Failure(path, error);
                default:
                    return new LockOpenFailedException(path, Failure(path, error));
            }
        }

        private static FileStream Wrap(SafeFileHandle handle, FileAccess access)
        {
            try
            {
                return new FileStream(handle, access);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        private static int HResultOf(int win32Error) => unchecked((int)0x80070000) | (win32Error & 0xFFFF);

        /// <summary>The exception .NET's FileStream would throw for <paramref name="error"/>; the Win32 error kept in HResult.</summary>
        private static Exception Failure(string path, int error)
        {
            string text = path + ": " + new Win32Exception(error).Message;
            switch (error)
            {
                case ErrorAccessDenied: return new UnauthorizedAccessException(text);
                case ErrorFileNotFound: return new FileNotFoundException(text, path);
                case ErrorPathNotFound: return new DirectoryNotFoundException(text);
                case ErrorFilenameTooLong: return new PathTooLongException(text);
                default: return new IOException(text, HResultOf(error));
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct ByHandleFileInformation
        {
            public uint FileAttributes;
            public uint CreationTimeLow, CreationTimeHigh, LastAccessTimeLow, LastAccessTimeHigh, LastWriteTimeLow, LastWriteTimeHigh; // FILETIMEs, 4-byte aligned
            public uint VolumeSerialNumber;
            public uint FileSizeHigh;
            public uint FileSizeLow;
            public uint NumberOfLinks;
            public uint FileIndexHigh;
            public uint FileIndexLow;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct FileAttributeTag
        {
            public uint FileAttributes;
            public uint ReparseTag;
        }

        private static class NativeMethods
        {
#pragma warning disable CA5392, SYSLIB1054 // advapi32 and kernel32 are system DLLs
            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
            public static extern SafeFileHandle CreateFileW(string fileName, uint desiredAccess, uint shareMode, IntPtr securityAttributes,
                uint creationDisposition, uint flagsAndAttributes, IntPtr templateFile);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            public static extern bool GetFileInformationByHandle(SafeFileHandle file, out ByHandleFileInformation information);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            public static extern bool GetFileInformationByHandleEx(SafeFileHandle file, int informationClass, out FileAttributeTag information, uint size);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
            public static extern uint GetFileType(SafeFileHandle file);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
            public static extern uint GetSecurityInfo(SafeFileHandle handle, int objectType, uint securityInfo,
                out IntPtr owner, out IntPtr group, out IntPtr dacl, out IntPtr sacl, out IntPtr securityDescriptor);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
            public static extern uint SetSecurityInfo(SafeFileHandle handle, int objectType, uint securityInfo,
                IntPtr owner, IntPtr group, IntPtr dacl, IntPtr sacl);

            [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
            public static extern IntPtr LocalFree(IntPtr memory);
#pragma warning restore CA5392, SYSLIB1054
        }
    }
}
