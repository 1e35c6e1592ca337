using ImpactEmploi.Resources;
using ImpactEmploi.Windows;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>
    /// Reads the Internet settings of the user logged on to the console from HKEY_USERS\&lt;SID&gt; (loaded while the
    /// user is logged on), or the machine's when a policy makes them per machine (ProxySettingsPerUser = 0).
    /// </summary>
    public sealed class WindowsConsoleUserSettingsReader : IConsoleUserSettingsReader
    {
        private const string InternetSettingsKey = @"Software\Microsoft\Windows\CurrentVersion\Internet Settings";

        public ConsoleUserSettings? Read()
        {
            var user = WindowsSession.ConsoleUserName();
            if (user is null) return null;
            if (IsPerMachine())
            {
                using var machine = NativeRegistryKey.Open(NativeRegistryKey.LocalMachine, InternetSettingsKey);
                if (machine != null) return new ConsoleUserSettings(user, ReadSettings(machine), null);
            }

            var sid = WindowsSession.SidOf(user);
            if (sid is null) return new ConsoleUserSettings(user, null, Text.Get("SystemProxyUserUnknownAccount"));
            using var key = NativeRegistryKey.Open(NativeRegistryKey.Users, sid + "\\" + InternetSettingsKey);
            return key is null
                ? new ConsoleUserSettings(user, null, Text.Format("SystemProxyUserHiveNotLoaded", sid))
                : new ConsoleUserSettings(user, ReadSettings(key), null);
        }

        private static bool IsPerMachine()
        {
            using var policy = NativeRegistryKey.Open(NativeRegistryKey.LocalMachine, @"SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings");
            return policy?.ReadDword("ProxySettingsPerUser") == 0;
        }

        private static InternetSettings ReadSettings(NativeRegistryKey key)
        {
            var settings = new InternetSettings
            {
                ProxyEnable = key.ReadDword("ProxyEnable") == 1,
                ProxyServer = key.ReadString("ProxyServer"),
                ProxyOverride = key.ReadString("ProxyOverride"),
                AutoConfigUrl = key.ReadString("AutoConfigURL"),
                AutoDetect = key.ReadDword("AutoDetect") == 1,
            };

            // The settings dialog keeps its check boxes in this blob: byte 8 holds the flags (8 = automatically detect).
            using var connections = key.OpenSubKey("Connections");
            var blob = connections?.ReadBinary("DefaultConnectionSettings");
            if (blob != null && blob.Length > 8)
            {
                settings.AutoDetect = (blob[8] & 0x08) != 0;
            }

            return settings;
        }
    }
}
