using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using ImpactEmploi.Windows;

namespace ImpactEmploi.Installations
{
    /// <summary>The profile folders of the PC's user accounts (HKLM\...\ProfileList), for the VirtualStore check. Empty elsewhere.</summary>
    public static class WindowsUserProfiles
    {
        public static IEnumerable<string> Folders()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Array.Empty<string>();
            }

            var folders = new List<string>();
            using var list = NativeRegistryKey.Open(NativeRegistryKey.LocalMachine, @"SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList");
            if (list is null)
            {
                return folders;
            }

            foreach (var sid in WindowsUninstallEntries.UserHives(list.SubKeyNames()))
            {
                using var profile = list.OpenSubKey(sid);
                var folder = profile?.ReadString("ProfileImagePath");
                if (!string.IsNullOrWhiteSpace(folder)) folders.Add(folder!);
            }

            return folders;
        }
    }
}
