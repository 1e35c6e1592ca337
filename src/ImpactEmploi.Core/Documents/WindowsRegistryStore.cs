using System;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>Windows' registry through advapi32 (netstandard2.0 has no Microsoft.Win32.Registry), in the location's view.</summary>
    internal sealed class WindowsRegistryStore : IRegistryStore
    {
        private const int KeyRead = 0x20019;
        private const int KeyWrite = 0x20006;
        private const int Wow64Key64 = 0x0100;
        private const int Wow64Key32 = 0x0200;
        private const int Success = 0;
        private const int FileNotFound = 2;
        private const int AccessDenied = 5;
        private const int RegSz = 1;
        private const int RegExpandSz = 2;
        private const int RegDword = 4;

        public string? Read(RegistryLocation location)
        {
            if (location is null) throw new ArgumentNullException(nameof(location));
            int status = NativeMethods.RegOpenKeyExW(Hive(location), location.SubKey, 0, KeyRead | View(location), out var key);
            if (status == FileNotFound)
            {
                return null;
            }

            Check(status, location);
            try
            {
                int size = 0;
                status = NativeMethods.RegQueryValueExW(key, location.ValueName, IntPtr.Zero, out int type, null, ref size);
                if (status == FileNotFound)
                {
                    return null;
                }

                Check(status, location);
                var data = new byte[size];
                Check(NativeMethods.RegQueryValueExW(key, location.ValueName, IntPtr.Zero, out type, data, ref size), location);
                if (type == RegDword && size == 4)
                {
                    return BitConverter.ToUInt32(data, 0).ToString(CultureInfo.InvariantCulture);
                }

                if (type == RegSz || type == RegExpandSz)
                {
                    return Encoding.Unicode.GetString(data, 0, size).TrimEnd('\0');
                }

                throw DocumentText.Unreadable(location.ToString(), Res.Format("RegistryError", location, "type " + type.ToString(CultureInfo.InvariantCulture)));
            }
            finally
            {
                _ = NativeMethods.RegCloseKey(key);
            }
        }

        public void Write(RegistryLocation location, string value)
        {
            if (location is null) throw new ArgumentNullException(nameof(location));
            if (value is null) throw new ArgumentNullException(nameof(value));
            Check(NativeMethods.RegCreateKeyExW(Hive(location), location.SubKey, 0, null, 0, KeyWrite | View(location), IntPtr.Zero, out var key, out _), location);
            try
            {
                byte[] data;
                int type;
                if (location.Kind == RegistryValueKind.DWord)
                {
                    data = BitConverter.GetBytes(uint.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture));
                    type = RegDword;
                }
                else
                {
                    data = Encoding.Unicode.GetBytes(value + "\0");
                    type = RegSz;
                }

                Check(NativeMethods.RegSetValueExW(key, location.ValueName, 0, type, data, data.Length), location);
            }
            finally
            {
                _ = NativeMethods.RegCloseKey(key);
            }
        }

        public void Delete(RegistryLocation location)
        {
            if (location is null) throw new ArgumentNullException(nameof(location));
            int status = NativeMethods.RegOpenKeyExW(Hive(location), location.SubKey, 0, KeyWrite | View(location), out var key);
            if (status == FileNotFound)
            {
                return;
            }

            Check(status, location);
            try
            {
                status = NativeMethods.RegDeleteValueW(key, location.ValueName);
                if (status != FileNotFound)
                {
                    Check(status, location);
                }
            }
            finally
            {
                _ = NativeMethods.RegCloseKey(key);
            }
        }

        private static UIntPtr Hive(RegistryLocation location) => location.Hive switch
        {
            RegistryHive.LocalMachine => (UIntPtr)0x80000002u,
            RegistryHive.CurrentUser => (UIntPtr)0x80000001u,
            _ => (UIntPtr)0x80000003u,
        };

        private static int View(RegistryLocation location) => location.View switch
        {
            RegistryView.Registry32 => Wow64Key32,
            RegistryView.Registry64 => Wow64Key64,
            _ => 0,
        };

        private static void Check(int status, RegistryLocation location)
        {
            if (status == Success)
            {
                return;
            }

            var message = new Win32Exception(status).Message;
            if (status == AccessDenied)
            {
                throw new IeaException(ErrorIds.ConfigAccessDenied, IeaErrorCategory.PermissionDenied,
                    Res.Format("ConfigAccessDenied", location, message), location.ToString(), Res.Get("ConfigAccessDeniedAction"));
            }

            throw DocumentText.Unreadable(location.ToString(), Res.Format("RegistryError", location, message), IeaErrorCategory.ReadError);
        }

        private static class NativeMethods
        {
            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegOpenKeyExW(UIntPtr hKey, string subKey, int options, int samDesired, out UIntPtr result);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegCreateKeyExW(UIntPtr hKey, string subKey, int reserved, string? className, int options,
                int samDesired, IntPtr securityAttributes, out UIntPtr result, out int disposition);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegQueryValueExW(UIntPtr hKey, string valueName, IntPtr reserved, out int type, [Out] byte[]? data, ref int dataLength);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegSetValueExW(UIntPtr hKey, string valueName, int reserved, int type, byte[] data, int dataLength);

            [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
            internal static extern int RegDeleteValueW(UIntPtr hKey, string valueName);

            [DllImport("advapi32.dll")]
            internal static extern int RegCloseKey(UIntPtr hKey);
        }
    }
}
