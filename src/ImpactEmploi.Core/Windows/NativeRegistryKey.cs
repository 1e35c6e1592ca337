using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace ImpactEmploi.Windows
{
    /// <summary>
    /// An open registry key, read through plain advapi32 calls: netstandard2.0 has no registry API, and the
    /// Microsoft.Win32.Registry package would bring three more assemblies for a few calls. Windows only.
    /// </summary>
    internal sealed class NativeRegistryKey : IDisposable
    {
        public static readonly UIntPtr LocalMachine = (UIntPtr)0x80000002u;
        public static readonly UIntPtr CurrentUser = (UIntPtr)0x80000001u;
        public static readonly UIntPtr Users = (UIntPtr)0x80000003u;
        public const int View64 = 0x0100;
        public const int View32 = 0x0200;
        private const int KeyRead = 0x20019;
        private const int Success = 0;
        private const int ErrorMoreData = 234;
        private const int RegSz = 1, RegExpandSz = 2, RegBinary = 3, RegDword = 4;
        private UIntPtr _handle;
        private readonly int _view;

        private NativeRegistryKey(UIntPtr handle, int view)
        {
            _handle = handle;
            _view = view;
        }

        /// <summary>The key, or null when it does not exist or may not be read.</summary>
        public static NativeRegistryKey? Open(UIntPtr hive, string subKey, int view = 0) =>
            NativeMethods.RegOpenKeyExW(hive, subKey, 0, KeyRead | view, out var handle) == Success ? new NativeRegistryKey(handle, view) : null;

        public NativeRegistryKey? OpenSubKey(string name) => Open(_handle, name, _view);

        public IReadOnlyList<string> SubKeyNames()
        {
            var names = new List<string>();
            // Registry key names are at most 255 characters.
            var name = new char[256];
            for (var index = 0; ; index++)
            {
                var length = name.Length;
                if (NativeMethods.RegEnumKeyExW(_handle, index, name, ref length, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != Success)
                {
                    return names;
                }

                names.Add(new string(name, 0, length));
            }
        }

        /// <summary>A REG_SZ or REG_EXPAND_SZ value (expanded), or null.</summary>
        public string? ReadString(string valueName)
        {
            var (type, data) = ReadRaw(valueName);
            if (data is null || (type != RegSz && type != RegExpandSz))
            {
                return null;
            }

            var text = Encoding.Unicode.GetString(data).TrimEnd('\0');
            return type == RegExpandSz ? Environment.ExpandEnvironmentVariables(text) : text;
        }

        public int? ReadDword(string valueName)
        {
            var (type, data) = ReadRaw(valueName);
            return data != null && type == RegDword && data.Length >= 4 ? BitConverter.ToInt32(data, 0) : (int?)null;
        }

        public byte[]? ReadBinary(string valueName)
        {
            var (type, data) = ReadRaw(valueName);
            return type == RegBinary ? data : null;
        }

        private (int Type, byte[]? Data) ReadRaw(string valueName)
        {
            var size = 512;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var buffer = new byte[size];
                var result = NativeMethods.RegQueryValueExW(_handle, valueName, IntPtr.Zero, out var type, buffer, ref size);
                if (result == ErrorMoreData)
                {
                    continue;
                }

                if (result != Success)
                {
                    return (0, null);
                }

                var data = new byte[size];
                Array.Copy(buffer, data, size);
                return (type, data);
            }

            return (0, null);
        }

        public void Dispose()
        {
            if (_handle != UIntPtr.Zero)
            {
                _ = NativeMethods.RegCloseKey(_handle);
                _handle = UIntPtr.Zero;
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
            internal static extern int RegQueryValueExW(UIntPtr hKey, string valueName, IntPtr reserved, out int type,
                byte[] data, ref int dataLength);

            [DllImport("advapi32.dll")]
            internal static extern int RegCloseKey(UIntPtr hKey);
        }
    }
}
