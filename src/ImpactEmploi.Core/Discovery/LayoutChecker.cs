using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ImpactEmploi.Documents;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// Reads one installation through a layout and says what does not fit: the settings file missing or unreadable,
    /// settings the file does not hold, values the layout does not understand. The settings the connection program
    /// writes (and the password of the day) may be absent from a sound installation: their absence is reported but
    /// does not fail the test.
    /// </summary>
    public static class LayoutChecker
    {
        private static readonly Setting[] Optional = { Setting.DailyPassword, Setting.LastAuthentication, Setting.LastAuthenticationResult };

        /// <summary>
        /// Checks an installation through the layout's stores: its settings file in the layout's format and, for the
        /// settings it places there, the registry (<paramref name="registry"/>, the system's when null).
        /// </summary>
        public static IeaLayoutTestResult Check(string folder, IeaLayout layout, string computerName, IRegistryStore? registry = null)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            var configPath = Path.Combine(folder, layout.FileName);
            ISettingsDocument document;
            try
            {
                document = SettingsDocuments.Load(configPath, layout, registry);
            }
            catch (IeaException error)
            {
                return Result(folder, layout, computerName, configPath, false, new[] { Text.Format("LayoutTestFileUnreadable", configPath, error.Message) },
                    Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());
            }

            var unreadable = new Dictionary<Setting, string>();
            return Check(folder, configPath, layout, computerName, setting => ReadOrNote(document, layout[setting], setting, unreadable),
                setting => unreadable.TryGetValue(setting, out var why) ? Text.Format("LayoutTestValueUnreadable", layout[setting], why) : layout[setting].ToString());
        }

        /// <summary>A value ("" for a JSON null), or null (noting why) when its store cannot be read: a registry value denied, or any off Windows.</summary>
        private static string? ReadOrNote(ISettingsDocument document, SettingLocation location, Setting setting, Dictionary<Setting, string> unreadable)
        {
            try
            {
                var value = document.GetValue(location);
                var file = document is RegistryBackedDocument backed ? backed.File : document;
                // A JSON null is a property IEA wrote without a value (no proxy host): present, not set.
                return value == null && location.JsonPath != null && file is JsonSettingsDocument json && json.Contains(location.JsonPath) ? "" : value;
            }
            catch (IeaException error)
            {
                unreadable[setting] = error.Message;
                return null;
            }
        }

        /// <summary>
        /// Checks an installation through any store: <paramref name="read"/> gives a setting's raw value (null when
        /// absent) and <paramref name="describe"/> where the layout places it.
        /// </summary>
        public static IeaLayoutTestResult Check(string folder, string configPath, IeaLayout layout, string computerName,
            Func<Setting, string?> read, Func<Setting, string> describe)
        {
            var found = new List<string>();
            var missing = new List<string>();
            var notParsed = new List<string>();
            var differences = new List<string>();
            foreach (Setting setting in Enum.GetValues(typeof(Setting)))
            {
                var raw = read(setting);
                if (raw == null)
                {
                    missing.Add(setting.ToString());
                    differences.Add(Text.Format(Optional.Contains(setting) ? "LayoutTestOptionalMissing" : "LayoutTestMissing", setting, describe(setting)));
                    continue;
                }

                found.Add(setting.ToString());
                if (!Understood(setting, raw, layout[setting]))
                {
                    notParsed.Add(setting.ToString());
                    differences.Add(Text.Format("LayoutTestNotParsed", setting, describe(setting), raw.Length == 0 ? Text.Get("NotSet") : raw));
                }
            }

            var result = Result(folder, layout, computerName, configPath, true, differences.ToArray(), found.ToArray(), missing.ToArray(), notParsed.ToArray());
            result.Passed = notParsed.Count == 0 && missing.All(m => Optional.Any(o => o.ToString() == m));
            return result;
        }

        private static bool Understood(Setting setting, string raw, SettingLocation location)
        {
            var value = raw.Trim();
            switch (setting)
            {
                case Setting.ConnectionType:
                case Setting.ProxySecure:
                case Setting.ConnectionMode:
                case Setting.AssistanceMode:
                    return location.NameFor(value) != null;
                case Setting.LastAuthenticationResult:
                    return value.Length == 0 || location.NameFor(value) != null;
                case Setting.ProxyPort:
                    return value.Length == 0 || SettingClassifier.IsPort(value);
                case Setting.AuthenticationServer:
                case Setting.UpdateServer:
                case Setting.NetEntreprisesServer:
                    return value.Length == 0 || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
                case Setting.Version:
                    return value.Length > 0;
                case Setting.LastAuthentication:
                    return value.Length == 0
                        || DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                        || DateTime.TryParse(value, CultureInfo.GetCultureInfo("fr-FR"), DateTimeStyles.None, out _);
                default:
                    return true;
            }
        }

        private static IeaLayoutTestResult Result(string folder, IeaLayout layout, string computerName, string configPath, bool fileFound,
            string[] differences, string[] found, string[] missing, string[] notParsed) => new IeaLayoutTestResult
            {
                ComputerName = computerName,
                Path = folder,
                LayoutPath = layout.Source,
                ConfigPath = configPath,
                FileFound = fileFound,
                Passed = false,
                Found = found,
                Missing = missing,
                NotParsed = notParsed,
                Differences = differences,
            };
    }
}
