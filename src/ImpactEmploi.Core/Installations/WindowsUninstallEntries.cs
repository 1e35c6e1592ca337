using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// Reads the Uninstall keys of HKLM in both registry views (a 32-bit host, as Intune uses by default, would
    /// otherwise see only WOW6432Node) and of HKCU. Plain advapi32 calls: netstandard2.0 has no registry API,
    /// and the Microsoft.Win32.Registry package would bring three more assemblies for four calls.
    /// </summary>
    public sealed class WindowsUninstallEntries : IUninstallEntries
    {
        private const string UninstallKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall";
        private static readonly UIntPtr LocalMachine = (UIntPtr)0x80000002u;
        private static readonly UIntPtr CurrentUser = (UIntPtr)0x80000001u;
        private const int KeyRead = 0x20019;
        private const int Wow64Key64 = 0x0100;
        private const int Wow64Key32 = 0x0200;
        private const int Success = 0;
        private const int ErrorMoreData = 234;

        public IEnumerable<UninstallEntry> Read()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                yield break;
            }

            var views = new[] { (LocalMachine, Wow64Key64), (LocalMachine, Wow64Key32), (CurrentUser, 0) };
            foreach (var (hive, view) in views)
            {
                foreach (var entry in ReadHive(hive, view))
                {
                    yield return entry;
                }
            }
        }

        private static List<UninstallEntry> ReadHive(UIntPtr hive, int view)
        {
            var entries = new List<UninstallEntry>();
            if (NativeMethods.RegOpenKeyExW(hive, UninstallKey, 0, KeyRead | view, out var root) != Success)
            {
                return entries;
            }

            try
            {
                // Registry key names are at most 255 characters.
                var name = new char[256];
                for (var index = 0; ; index++)
                {
                    var length = name.Length;
                    var result = NativeMethods.RegEnumKeyExW(root, index, name, ref length, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
                    if (result != Success)
                    {
                        break;
                    }

                    if (NativeMethods.RegOpenKeyExW(root, new string(name, 0, length), 0, KeyRead | view, out var sub) != Success)
                    {
                        continue;
                    }

                    try
                    {
                        var displayName = ReadString(sub, "DisplayName");
                        if (!string.IsNullOrEmpty(displayName))
                        {
                            entries.Add(new UninstallEntry(displayName!, ReadString(sub, "InstallLocation")));
                        }
                    }
                    finally
                    {
                        _ = NativeMethods.RegCloseKey(sub);
                    }
                }
            }
            finally
            {
                _ = NativeMethods.RegCloseKey(root);
            }

            return entries;
        }

        private static string? ReadString(UIntPtr key, string valueName)
        {
            var size = 512;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var buffer = new byte[size];
                var result = NativeMethods.RegQueryValueExW(key, valueName, IntPtr.Zero, out var type, buffer, ref size);
                if (result == ErrorMoreData)
                {
                    continue;
                }

                const int RegSz = 1, RegExpandSz = 2;
                if (result != Success || (type != RegSz && type != RegExpandSz))
                {
                    return null;
                }

                var text = Encoding.Unicode.GetString(buffer, 0, size).TrimEnd('\0');
                return type == RegExpandSz ? Environment.ExpandEnvironmentVariables(text) : text;
            }

            return null;
        }

        private static class NativeMethods
        {
            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegOpenKeyExW(UIntPtr hKey, string subKey, int options, int samDesired, out UIntPtr result);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegEnumKeyExW(UIntPtr hKey, int index, [Out] char[] name, ref int nameLength,
                IntPtr reserved, IntPtr className, IntPtr classLength, IntPtr lastWriteTime);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegQueryValueExW(UIntPtr hKey, string valueName, IntPtr reserved, out int type,
                byte[] data, ref int dataLength);

            [DllImport("advapi32.dll")]
            internal static extern int RegCloseKey(UIntPtr hKey);
        }
    }
}
