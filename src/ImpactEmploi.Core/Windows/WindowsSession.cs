using System;
using System.Runtime.InteropServices;

namespace ImpactEmploi.Windows
{
    /// <summary>Where this process runs relative to the PC's user: session 0, a service account, no visible desktop. Windows only.</summary>
    internal static class WindowsSession
    {
        /// <summary>
        /// True in session 0 (services, Intune, WinRM), as SYSTEM or another service account, or on a window station
        /// without a visible desktop: this process's own settings (HKCU) are then not the user's.
        /// </summary>
        public static bool IsDetachedFromConsoleUser()
        {
            if (NativeMethods.ProcessIdToSessionId(NativeMethods.GetCurrentProcessId(), out var session) && session == 0) return true;
            var user = Environment.UserName;
            if (string.Equals(user, "SYSTEM", StringComparison.OrdinalIgnoreCase) || user.EndsWith("$", StringComparison.Ordinal)) return true;
            return !HasVisibleWindowStation();
        }

        /// <summary>DOMAIN\user of the console session, or null when nobody is logged on to it.</summary>
        public static string? ConsoleUserName()
        {
            var session = NativeMethods.WTSGetActiveConsoleSessionId();
            if (session == uint.MaxValue) return null;
            var user = QuerySessionString(session, 5); // WTSUserName
            if (string.IsNullOrEmpty(user)) return null;
            var domain = QuerySessionString(session, 7); // WTSDomainName
            return string.IsNullOrEmpty(domain) ? user : domain + "\\" + user;
        }

        /// <summary>The string SID of an account ("S-1-5-21-..."), or null when it cannot be looked up.</summary>
        public static string? SidOf(string accountName)
        {
            var sidSize = 0;
            var domainSize = 0;
            _ = NativeMethods.LookupAccountNameW(null, accountName, null, ref sidSize, null, ref domainSize, out _);
            if (sidSize == 0) return null;
            var sid = new byte[sidSize];
            var domain = new char[Math.Max(domainSize, 1)];
            if (!NativeMethods.LookupAccountNameW(null, accountName, sid, ref sidSize, domain, ref domainSize, out _)) return null;
            if (!NativeMethods.ConvertSidToStringSidW(sid, out var text)) return null;
            try
            {
                return Marshal.PtrToStringUni(text);
            }
            finally
            {
                _ = NativeMethods.LocalFree(text);
            }
        }

        private static string? QuerySessionString(uint session, int infoClass)
        {
            if (!NativeMethods.WTSQuerySessionInformationW(IntPtr.Zero, session, infoClass, out var buffer, out _)) return null;
            try
            {
                return Marshal.PtrToStringUni(buffer);
            }
            finally
            {
                NativeMethods.WTSFreeMemory(buffer);
            }
        }

        private static bool HasVisibleWindowStation()
        {
            var station = NativeMethods.GetProcessWindowStation();
            if (station == IntPtr.Zero) return false;
            var flags = new int[3]; // USEROBJECTFLAGS: fInherit, fReserved, dwFlags
            var size = flags.Length * sizeof(int);
            if (!NativeMethods.GetUserObjectInformationW(station, 1, flags, size, out _)) return true;
            const int WsfVisible = 1;
            return (flags[2] & WsfVisible) != 0;
        }

        private static class NativeMethods
        {
            [DllImport("kernel32.dll")]
            internal static extern uint GetCurrentProcessId();

            [DllImport("kernel32.dll")]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool ProcessIdToSessionId(uint processId, out uint sessionId);

            [DllImport("kernel32.dll")]
            internal static extern uint WTSGetActiveConsoleSessionId();

            [DllImport("wtsapi32.dll", CharSet = CharSet.Unicode)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool WTSQuerySessionInformationW(IntPtr server, uint sessionId, int infoClass, out IntPtr buffer, out int bytes);

            [DllImport("wtsapi32.dll")]
            internal static extern void WTSFreeMemory(IntPtr memory);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool LookupAccountNameW(string? systemName, string accountName, byte[]? sid, ref int sidSize,
                [Out] char[]? domainName, ref int domainSize, out int use);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool ConvertSidToStringSidW(byte[] sid, out IntPtr stringSid);

            [DllImport("kernel32.dll")]
            internal static extern IntPtr LocalFree(IntPtr memory);

            [DllImport("user32.dll")]
            internal static extern IntPtr GetProcessWindowStation();

            [DllImport("user32.dll")]
            [return: MarshalAs(UnmanagedType.Bool)]
            internal static extern bool GetUserObjectInformationW(IntPtr handle, int index, [Out] int[] info, int length, out int needed);
        }
    }
}
