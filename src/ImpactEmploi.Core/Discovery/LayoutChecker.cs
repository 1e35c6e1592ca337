using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ImpactEmploi.Ini;
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

        /// <summary>Checks an installation whose settings file is INI (the layouts today's parser reads).</summary>
        public static IeaLayoutTestResult Check(string folder, IeaLayout layout, string computerName)
        {
            var configPath = Path.Combine(folder, layout.FileName);
            IniDocument document;
            try
            {
                document = IniDocument.Load(configPath, layout.DefaultEncoding);
            }
            catch (IeaException error)
            {
                return Result(folder, layout, computerName, configPath, false, new[] { Text.Format("LayoutTestFileUnreadable", configPath, error.Message) },
                    Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());
            }

            return Check(folder, configPath, layout, computerName, setting => document.GetValue(layout[setting].Section, layout[setting].Key),
                setting => layout[setting].ToString());
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
