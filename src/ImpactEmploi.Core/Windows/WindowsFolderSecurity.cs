using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace ImpactEmploi.Windows
{
    /// <summary>Creates a folder with its own access list (SDDL) instead of the one inherited from its parent. Windows only.</summary>
    internal static class WindowsFolderSecurity
    {
        /// <summary>
        /// SYSTEM and Administrators: full control (so that a run as SYSTEM and a later one by an elevated technician can
        /// both append to the same day file); Users: read. Protected: the "Users may create files" entry of
        /// %ProgramData% is not inherited, so a user cannot plant or alter audit files.
        /// </summary>
        public const string MachineLogFolderSddl = "D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)";

        /// <summary>Creates <paramref name="path"/> (its parent must exist) with <paramref name="sddl"/>; nothing when it exists.</summary>
        public static void CreateDirectory(string path, string sddl)
        {
            if (!NativeMethods.ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, 1, out var descriptor, IntPtr.Zero))
            {
                throw new Win32Exception(Marshal.GetLastWin32Error());
            }

            try
            {
                var attributes = new SecurityAttributes { Length = Marshal.SizeOf<SecurityAttributes>(), SecurityDescriptor = descriptor, InheritHandle = 0 };
                const int ErrorAlreadyExists = 183;
                if (!NativeMethods.CreateDirectoryW(path, ref attributes))
                {
                    var error = Marshal.GetLastWin32Error();
                    if (error != ErrorAlreadyExists) throw new Win32Exception(error);
                }
            }
            finally
            {
                _ = NativeMethods.LocalFree(descriptor);
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct SecurityAttributes
        {
            public int Length;
            public IntPtr SecurityDescriptor;
            public int InheritHandle;
        }

        private static class NativeMethods
        {
            [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string sddl, int revision, out IntPtr descriptor, IntPtr size);

            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool CreateDirectoryW(string path, ref SecurityAttributes attributes);

            [DllImport("kernel32.dll")]
            internal static extern IntPtr LocalFree(IntPtr memory);
        }
    }
}
