using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using ImpactEmploi.Windows;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// Reads the Uninstall keys of HKLM in both registry views (a 32-bit host, as Intune uses by default, would
    /// otherwise see only WOW6432Node), of HKCU, and of every user hive loaded under HKEY_USERS: as SYSTEM, HKCU is
    /// SYSTEM's own, and a per-user installation of IEA is listed only in its user's hive.
    /// </summary>
    public sealed class WindowsUninstallEntries : IUninstallEntries
    {
        private const string UninstallKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall";

        public IEnumerable<UninstallEntry> Read()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Array.Empty<UninstallEntry>();
            }

            var entries = new List<UninstallEntry>();
            ReadKey(NativeRegistryKey.LocalMachine, UninstallKey, NativeRegistryKey.View64, entries);
            ReadKey(NativeRegistryKey.LocalMachine, UninstallKey, NativeRegistryKey.View32, entries);
            ReadKey(NativeRegistryKey.CurrentUser, UninstallKey, 0, entries);
            foreach (var sid in LoadedUserHives())
            {
                ReadKey(NativeRegistryKey.Users, sid + "\\" + UninstallKey, 0, entries);
            }

            return entries;
        }

        /// <summary>The user hives loaded under HKEY_USERS (logged-on users), without their _Classes halves and the service accounts.</summary>
        public static IReadOnlyList<string> LoadedUserHives()
        {
            using var users = NativeRegistryKey.Open(NativeRegistryKey.Users, "");
            return users is null ? Array.Empty<string>() : UserHives(users.SubKeyNames());
        }

        public static IReadOnlyList<string> UserHives(IEnumerable<string> subKeyNames)
        {
            var hives = new List<string>();
            foreach (var name in subKeyNames ?? throw new ArgumentNullException(nameof(subKeyNames)))
            {
                if (name.StartsWith("S-1-5-21-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("S-1-12-1-", StringComparison.OrdinalIgnoreCase))
                {
                    if (!name.EndsWith("_Classes", StringComparison.OrdinalIgnoreCase)) hives.Add(name);
                }
            }

            return hives;
        }

        private static void ReadKey(UIntPtr hive, string path, int view, List<UninstallEntry> entries)
        {
            using var root = NativeRegistryKey.Open(hive, path, view);
            if (root is null)
            {
                return;
            }

            foreach (var name in root.SubKeyNames())
            {
                using var sub = root.OpenSubKey(name);
                var displayName = sub?.ReadString("DisplayName");
                if (sub != null && !string.IsNullOrEmpty(displayName))
                {
                    entries.Add(new UninstallEntry(displayName!, sub.ReadString("InstallLocation"), sub.ReadString("DisplayIcon"), sub.ReadString("UninstallString")));
                }
            }
        }
    }
}
