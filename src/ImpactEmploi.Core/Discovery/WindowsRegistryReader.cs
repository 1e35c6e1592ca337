using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// The real registry, read-only, through advapi32 (netstandard2.0 has no registry API; the same choice as the
    /// uninstall entries). Empty on other systems.
    /// </summary>
    public sealed class WindowsRegistryReader : IRegistryReader
    {
        private const int KeyRead = 0x20019;
        private const int Wow64Key64 = 0x0100;
        private const int Wow64Key32 = 0x0200;
        private const int Success = 0;
        private const int ErrorMoreData = 234;
        private const int RegSz = 1, RegExpandSz = 2, RegDword = 4;

        public IReadOnlyList<string> SubKeyNames(string key, RegistryKeyView view)
        {
            var names = new List<string>();
            WithKey(key, view, handle =>
            {
                var name = new char[256];
                for (var index = 0; ; index++)
                {
                    var length = name.Length;
                    if (NativeMethods.RegEnumKeyExW(handle, index, name, ref length, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != Success)
                    {
                        break;
                    }

                    names.Add(new string(name, 0, length));
                }
            });
            return names;
        }

        public IReadOnlyList<RegistryValueData> Values(string key, RegistryKeyView view)
        {
            var values = new List<RegistryValueData>();
            WithKey(key, view, handle =>
            {
                // Value names are at most 16,383 characters.
                var name = new char[16384];
                var data = new byte[4096];
                for (var index = 0; ; index++)
                {
                    var nameLength = name.Length;
                    var dataLength = data.Length;
                    var result = NativeMethods.RegEnumValueW(handle, index, name, ref nameLength, IntPtr.Zero, out var type, data, ref dataLength);
                    if (result == ErrorMoreData)
                    {
                        // Larger than any setting: not one of IEA's.
                        continue;
                    }

                    if (result != Success)
                    {
                        break;
                    }

                    var valueName = new string(name, 0, nameLength);
                    if (type == RegSz || type == RegExpandSz)
                    {
                        values.Add(new RegistryValueData(valueName, Encoding.Unicode.GetString(data, 0, dataLength).TrimEnd('\0'), "String"));
                    }
                    else if (type == RegDword && dataLength == 4)
                    {
                        values.Add(new RegistryValueData(valueName, BitConverter.ToUInt32(data, 0).ToString(CultureInfo.InvariantCulture), "DWord"));
                    }
                }
            });
            return values;
        }

        private static void WithKey(string key, RegistryKeyView view, Action<UIntPtr> read)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return;
            }

            var separator = key.IndexOf(@":\", StringComparison.Ordinal);
            var hiveName = separator < 0 ? key.TrimEnd(':') : key.Substring(0, separator);
            var path = separator < 0 ? "" : key.Substring(separator + 2);
            UIntPtr hive;
            switch (hiveName.ToUpperInvariant())
            {
                case "HKLM": hive = (UIntPtr)0x80000002u; break;
                case "HKCU": hive = (UIntPtr)0x80000001u; break;
                case "HKU": hive = (UIntPtr)0x80000003u; break;
                default: return;
            }

            var flags = KeyRead | (view == RegistryKeyView.Registry64 ? Wow64Key64 : view == RegistryKeyView.Registry32 ? Wow64Key32 : 0);
            if (NativeMethods.RegOpenKeyExW(hive, path, 0, flags, out var handle) != Success)
            {
                return;
            }

            try
            {
                read(handle);
            }
            finally
            {
                _ = NativeMethods.RegCloseKey(handle);
            }
        }

        private static class NativeMethods
        {
            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegOpenKeyExW(UIntPtr hKey, string subKey, int options, int samDesired, out UIntPtr result);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegEnumKeyExW(UIntPtr hKey, int index, [Out] char[] name, ref int nameLength,
                IntPtr reserved, IntPtr className, IntPtr classLength, IntPtr lastWriteTime);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegEnumValueW(UIntPtr hKey, int index, [Out] char[] name, ref int nameLength,
                IntPtr reserved, out int type, [Out] byte[] data, ref int dataLength);

            [DllImport("advapi32.dll")]
            internal static extern int RegCloseKey(UIntPtr hKey);
        }
    }
}
