using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace ImpactEmploi.Storage
{
    /// <summary>
    /// Windows: file types from attributes, access as the settings file's DACL copied (protected, so nothing wider is
    /// inherited from the folder) onto temp files, backups and the backup folder.
    /// </summary>
    internal sealed class WindowsFilePlatform : IFilePlatform
    {
        private const int FileObject = 1;               // SE_FILE_OBJECT
        private const uint DaclInformation = 0x4;        // DACL_SECURITY_INFORMATION
        private const uint ProtectedDacl = 0x80000000;   // PROTECTED_DACL_SECURITY_INFORMATION
        private const int SharingViolation = unchecked((int)0x80070020);
        private const int LockViolation = unchecked((int)0x80070021);

        public long EffectiveUserId => -1;

        public FileFacts Describe(string path)
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

        public FileStream OpenRegularForRead(string path)
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

        public FileStream CreatePrivate(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);

        public void CopyAccess(string model, FileStream target) => CopyDacl(model, target.Name);

        public FileStream OpenLock(string path, out FileFacts facts)
        {
            // The caller refused a link at the path before; a link planted between that check and this open is
            // followed by CreateFile, but shows here afterwards and is refused then. (File links need the symbolic
            // link privilege, which Windows gives administrators only by default.)
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            try
            {
                facts = Describe(path);
                return stream;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        // SetNamedSecurityInfo works by path; the caller refused a folder that is a link or a junction just before.
        public void RestrictFolder(string folder, string model, FileFacts checkedFolder) => CopyDacl(model, folder);

        public bool IsTransient(Exception ex) =>
            ex is UnauthorizedAccessException ||
            (ex is IOException io && (io.HResult == SharingViolation || io.HResult == LockViolation));

        // Other reparse points (deduplicated or cloud files) are not links: .NET 6+ tells them apart through LinkTarget,
        // which netstandard2.0 lacks; Windows PowerShell 5.1 has no LinkTarget, so any reparse point counts there.
        private static readonly System.Reflection.PropertyInfo? LinkTarget = typeof(FileSystemInfo).GetProperty("LinkTarget");

        private static bool IsLink(FileSystemInfo info)
        {
            if ((info.Attributes & FileAttributes.ReparsePoint) == 0) return false;
            return LinkTarget is null || LinkTarget.GetValue(info) != null;
        }

        private static void CopyDacl(string model, string path)
        {
            uint error = NativeMethods.GetNamedSecurityInfoW(model, FileObject, DaclInformation,
                out _, out _, out IntPtr dacl, out _, out IntPtr descriptor);
            if (error != 0) throw Failure(model, error);
            try
            {
                error = NativeMethods.SetNamedSecurityInfoW(path, FileObject, DaclInformation | ProtectedDacl,
                    IntPtr.Zero, IntPtr.Zero, dacl, IntPtr.Zero);
                if (error != 0) throw Failure(path, error);
            }
            finally
            {
                NativeMethods.LocalFree(descriptor);
            }
        }

        private static Exception Failure(string path, uint error)
        {
            var win32 = new Win32Exception((int)error);
            return error == 5 ? new UnauthorizedAccessException(path + ": " + win32.Message, win32) : new IOException(path + ": " + win32.Message, win32);
        }

        private static class NativeMethods
        {
#pragma warning disable CA5392, SYSLIB1054 // advapi32 and kernel32 are system DLLs
            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            public static extern uint GetNamedSecurityInfoW(string objectName, int objectType, uint securityInfo,
                out IntPtr owner, out IntPtr group, out IntPtr dacl, out IntPtr sacl, out IntPtr securityDescriptor);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            public static extern uint SetNamedSecurityInfoW(string objectName, int objectType, uint securityInfo,
                IntPtr owner, IntPtr group, IntPtr dacl, IntPtr sacl);

            [DllImport("kernel32.dll")]
            public static extern IntPtr LocalFree(IntPtr memory);
#pragma warning restore CA5392, SYSLIB1054
        }
    }
}
