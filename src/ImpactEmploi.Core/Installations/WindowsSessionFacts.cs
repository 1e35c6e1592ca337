using System;
using System.Runtime.InteropServices;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// The session facts as Windows gives them: the session from ProcessIdToSessionId, the desktop from the window
    /// station's WSF_VISIBLE flag (what Environment.UserInteractive reads on .NET Framework), elevation and account
    /// from this process's token, and write access from the DACL and owner of the file or folder.
    /// </summary>
    public sealed class WindowsSessionFacts : ISessionFacts
    {
        private const string TrustedInstallerSid = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";

        public int SessionId => SessionOf(NativeMethods.GetCurrentProcessId());

        public bool HasInteractiveDesktop => SessionId > 0 && WindowStationIsVisible();

        public bool IsElevated => WithToken(token =>
        {
            var buffer = TokenInformation(token, NativeMethods.TokenElevation);
            try
            {
                return buffer != IntPtr.Zero && Marshal.ReadInt32(buffer) != 0;
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        });

        public bool IsSystem => WithToken(token =>
        {
            // TOKEN_USER starts with the SID's address.
            var buffer = TokenInformation(token, NativeMethods.TokenUser);
            try
            {
                return buffer != IntPtr.Zero && NativeMethods.IsWellKnownSid(Marshal.ReadIntPtr(buffer), NativeMethods.WinLocalSystemSid);
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        });

        public int SessionOf(int processId) =>
            NativeMethods.ProcessIdToSessionId(processId, out var session) ? (int)session : -1;

        public bool IsWritableByNonAdministrators(string path)
        {
            const int OwnerAndDacl = NativeMethods.OwnerSecurityInformation | NativeMethods.DaclSecurityInformation;
            if (NativeMethods.GetNamedSecurityInfoW(path, NativeMethods.SeFileObject, OwnerAndDacl, out var owner, IntPtr.Zero,
                    out var dacl, IntPtr.Zero, out var descriptor) != 0)
            {
                return true;
            }

            try
            {
                // The owner may always rewrite the permissions; a missing (NULL) DACL grants everyone everything.
                if (!IsAdministrative(owner) || dacl == IntPtr.Zero)
                {
                    return true;
                }

                var size = new NativeMethods.AclSizeInformation();
                if (!NativeMethods.GetAclInformation(dacl, ref size, Marshal.SizeOf<NativeMethods.AclSizeInformation>(), NativeMethods.AclSizeInformationClass))
                {
                    return true;
                }

                for (var index = 0; index < size.AceCount; index++)
                {
                    if (!NativeMethods.GetAce(dacl, index, out var ace))
                    {
                        return true;
                    }

                    // ACE_HEADER: type (byte), flags (byte), size (ushort); then the access mask and the SID.
                    var type = Marshal.ReadByte(ace, 0);
                    var flags = Marshal.ReadByte(ace, 1);
                    var mask = Marshal.ReadInt32(ace, 4);
                    var grants = type == NativeMethods.AccessAllowedAceType || type == NativeMethods.AccessAllowedCallbackAceType;
                    // Deny entries are not weighed: an allow to a non-administrator is enough to refuse (errs on the safe side).
                    if (grants && (flags & NativeMethods.InheritOnlyAce) == 0 && (mask & NativeMethods.WriteRights) != 0 &&
                        !IsAdministrative(IntPtr.Add(ace, 8)))
                    {
                        return true;
                    }
                }

                return false;
            }
            finally
            {
                NativeMethods.LocalFree(descriptor);
            }
        }

        private static bool IsAdministrative(IntPtr sid) =>
            NativeMethods.IsWellKnownSid(sid, NativeMethods.WinLocalSystemSid) ||
            NativeMethods.IsWellKnownSid(sid, NativeMethods.WinBuiltinAdministratorsSid) ||
            string.Equals(SidText(sid), TrustedInstallerSid, StringComparison.OrdinalIgnoreCase);

        private static string? SidText(IntPtr sid)
        {
            if (!NativeMethods.ConvertSidToStringSidW(sid, out var text))
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUni(text);
            }
            finally
            {
                NativeMethods.LocalFree(text);
            }
        }

        private static bool WindowStationIsVisible()
        {
            var station = NativeMethods.GetProcessWindowStation();
            var flags = new NativeMethods.UserObjectFlags();
            return station != IntPtr.Zero &&
                NativeMethods.GetUserObjectInformationW(station, NativeMethods.UoiFlags, ref flags, Marshal.SizeOf<NativeMethods.UserObjectFlags>(), out _) &&
                (flags.Flags & NativeMethods.WsfVisible) != 0;
        }

        private static bool WithToken(Func<IntPtr, bool> read)
        {
            if (!NativeMethods.OpenProcessToken(NativeMethods.GetCurrentProcess(), NativeMethods.TokenQuery, out var token))
            {
                return false;
            }

            try
            {
                return read(token);
            }
            finally
            {
                NativeMethods.CloseHandle(token);
            }
        }

        /// <summary>The token information in a buffer the caller frees with FreeHGlobal; IntPtr.Zero when it cannot be read.</summary>
        private static IntPtr TokenInformation(IntPtr token, int informationClass)
        {
            NativeMethods.GetTokenInformation(token, informationClass, IntPtr.Zero, 0, out var length);
            if (length <= 0)
            {
                return IntPtr.Zero;
            }

            var buffer = Marshal.AllocHGlobal(length);
            if (NativeMethods.GetTokenInformation(token, informationClass, buffer, length, out _))
            {
                return buffer;
            }

            Marshal.FreeHGlobal(buffer);
            return IntPtr.Zero;
        }

        private static class NativeMethods
        {
            internal const int TokenQuery = 0x0008;
            internal const int TokenUser = 1;
            internal const int TokenElevation = 20;
            internal const int WinLocalSystemSid = 22;
            internal const int WinBuiltinAdministratorsSid = 26;
            internal const int SeFileObject = 1;
            internal const int OwnerSecurityInformation = 0x1;
            internal const int DaclSecurityInformation = 0x4;
            internal const int AclSizeInformationClass = 2;
            internal const byte AccessAllowedAceType = 0;
            internal const byte AccessAllowedCallbackAceType = 9;
            internal const byte InheritOnlyAce = 0x08;
            internal const int UoiFlags = 1;
            internal const int WsfVisible = 1;

            /// <summary>
            /// FILE_WRITE_DATA/ADD_FILE, FILE_APPEND_DATA/ADD_SUBDIRECTORY, FILE_DELETE_CHILD, DELETE, WRITE_DAC,
            /// WRITE_OWNER, GENERIC_ALL, GENERIC_WRITE: the rights that let an account replace what is run.
            /// </summary>
            internal const int WriteRights = 0x2 | 0x4 | 0x40 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;

            [StructLayout(LayoutKind.Sequential)]
            internal struct AclSizeInformation
            {
                public int AceCount;
                public int AclBytesInUse;
                public int AclBytesFree;
            }

            [StructLayout(LayoutKind.Sequential)]
            internal struct UserObjectFlags
            {
                public int Inherit;
                public int Reserved;
                public int Flags;
            }

            [DllImport("kernel32.dll")]
            internal static extern int GetCurrentProcessId();

            [DllImport("kernel32.dll")]
            internal static extern IntPtr GetCurrentProcess();

            [DllImport("kernel32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool ProcessIdToSessionId(int processId, out uint sessionId);

            [DllImport("kernel32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool CloseHandle(IntPtr handle);

            [DllImport("kernel32.dll")]
            internal static extern IntPtr LocalFree(IntPtr memory);

            [DllImport("user32.dll", SetLastError = true)]
            internal static extern IntPtr GetProcessWindowStation();

            [DllImport("user32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool GetUserObjectInformationW(IntPtr handle, int index, ref UserObjectFlags info, int length, out int needed);

            [DllImport("advapi32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool OpenProcessToken(IntPtr process, int desiredAccess, out IntPtr token);

            [DllImport("advapi32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool GetTokenInformation(IntPtr token, int informationClass, IntPtr information, int length, out int returnLength);

            [DllImport("advapi32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool IsWellKnownSid(IntPtr sid, int wellKnownSidType);

            [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool ConvertSidToStringSidW(IntPtr sid, out IntPtr text);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int GetNamedSecurityInfoW(string objectName, int objectType, int securityInfo, out IntPtr owner,
                IntPtr group, out IntPtr dacl, IntPtr sacl, out IntPtr securityDescriptor);

            [DllImport("advapi32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool GetAclInformation(IntPtr acl, ref AclSizeInformation information, int length, int informationClass);

            [DllImport("advapi32.dll", SetLastError = true)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool GetAce(IntPtr acl, int index, out IntPtr ace);
        }
    }
}
