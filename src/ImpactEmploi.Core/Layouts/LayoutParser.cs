using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Layouts
{
    /// <summary>
    /// Builds an <see cref="IeaLayout"/> from a layout file's data (nested dictionaries, strings and arrays,
    /// as a .psd1 file gives them). Anything missing, unknown or of the wrong kind is refused with
    /// LayoutInvalid naming the field, so a typo in a hand-written layout never goes unnoticed.
    /// </summary>
    public static class LayoutParser
    {
        private static readonly Dictionary<Setting, string[]> WordSets = new Dictionary<Setting, string[]>
        {
            [Setting.ConnectionType] = Enum.GetNames(typeof(ConnectionType)),
            [Setting.ProxySecure] = new[] { "True", "False" },
            [Setting.ConnectionMode] = Enum.GetNames(typeof(ConnectionMode)),
            [Setting.AssistanceMode] = new[] { "True", "False" },
            [Setting.LastAuthenticationResult] = Enum.GetNames(typeof(AuthenticationResult)).Where(n => n != nameof(AuthenticationResult.Unknown)).ToArray(),
        };

        private static readonly string[] TopFields = { "Name", "FileName", "Encoding", "Settings", "Processes", "OfficialHosts", "Recommended" };
        private static readonly string[] RecommendedFields = { "ConnectionMode", "AuthenticationServer", "UpdateServer", "NetEntreprisesServer" };
        private static readonly string[] ProcessFields = { "Application", "ConnectionProgram" };
        private static readonly string[] LocationFields = { "Section", "Key" };
        private static readonly string[] LocationWithWordsFields = { "Section", "Key", "Values" };

        public static IeaLayout FromData(IDictionary data, string source)
        {
            var top = Fields(data, "", source, TopFields);
            var name = Word(top, "Name", "", source);
            var fileNameText = Word(top, "FileName", "", source);
            var fileName = LayoutNames.RelativeFilePath(fileNameText) ?? throw Invalid(source, "FileName", fileNameText);

            var encodingName = Word(top, "Encoding", "", source);
            // UTF-32 cannot hold an INI file IEA reads; the INI store refuses it too.
            var encoding = TextEncodings.Named(encodingName);
            if (encoding == null || encoding.CodePage == 12000 || encoding.CodePage == 12001)
            {
                throw Invalid(source, "Encoding", encodingName);
            }


            var settingsData = Fields(Table(top, "Settings", "", source), "Settings.", source, Enum.GetNames(typeof(Setting)));
            var locations = new Dictionary<Setting, SettingLocation>();
            foreach (Setting setting in Enum.GetValues(typeof(Setting)))
            {
                locations[setting] = Location(settingsData, setting, source);
            }

            var processes = Fields(Table(top, "Processes", "", source), "Processes.", source, ProcessFields);
            var hosts = Words(top, "OfficialHosts", "", source);
            var recommended = Recommended(Fields(Table(top, "Recommended", "", source), "Recommended.", source, RecommendedFields), source);

            return new IeaLayout(name, source, fileName, encoding, locations,
                ProcessName(processes, "Application", source), ProcessName(processes, "ConnectionProgram", source),
                hosts, recommended);
        }

        private static string ProcessName(Dictionary<string, object?> processes, string field, string source)
        {
            var name = Word(processes, field, "Processes.", source);
            return LayoutNames.IsBareFileName(name) ? name : throw Invalid(source, "Processes." + field, name);
        }

        private static SettingLocation Location(Dictionary<string, object?> settings, Setting setting, string source)
        {
            var prefix = "Settings." + setting + ".";
            var hasWords = WordSets.TryGetValue(setting, out var names);
            var data = Fields(Table(settings, setting.ToString(), "Settings.", source), prefix, source,
                hasWords ? LocationWithWordsFields : LocationFields);
            var section = Word(data, "Section", prefix, source);
            var key = Word(data, "Key", prefix, source);
            if (!hasWords)
            {
                return new SettingLocation(section, key);
            }

            var values = Fields(Table(data, "Values", prefix, source), prefix + "Values.", source, names!);
            var words = names!.ToDictionary(n => n, n => (IReadOnlyList<string>)Words(values, n, prefix + "Values.", source), StringComparer.Ordinal);
            return new SettingLocation(section, key, words);
        }

        private static RecommendedSettings Recommended(Dictionary<string, object?> data, string source)
        {
            var modeWord = Word(data, "ConnectionMode", "Recommended.", source);
            if (!Enum.TryParse<ConnectionMode>(modeWord, true, out var mode) || !Enum.IsDefined(typeof(ConnectionMode), mode))
            {
                throw Invalid(source, "Recommended.ConnectionMode", modeWord);
            }

            return new RecommendedSettings(mode, Address(data, "AuthenticationServer", source),
                Address(data, "UpdateServer", source), Address(data, "NetEntreprisesServer", source));
        }

        private static Uri Address(Dictionary<string, object?> data, string field, string source)
        {
            var text = Word(data, field, "Recommended.", source);
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                ? uri
                : throw Invalid(source, "Recommended." + field, text);
        }

        private static Dictionary<string, object?> Fields(IDictionary data, string prefix, string source, string[] allowed)
        {
            var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in data)
            {
                var name = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase) || fields.ContainsKey(name))
                {
                    throw new IeaException(ErrorIds.LayoutInvalid, IeaErrorCategory.InvalidData,
                        Text.Format("LayoutUnknownField", source, prefix + name, string.Join(", ", allowed)), source,
                        Text.Get("LayoutInvalidAction"));
                }

                fields[name] = entry.Value;
            }

            return fields;
        }

        private static IDictionary Table(Dictionary<string, object?> data, string field, string prefix, string source) =>
            data.TryGetValue(field, out var value) && value is IDictionary table ? table : throw Missing(source, prefix + field, data.ContainsKey(field));

        private static string Word(Dictionary<string, object?> data, string field, string prefix, string source) =>
            data.TryGetValue(field, out var value) && value is string text && text.Trim().Length > 0
                ? text.Trim()
                : throw Missing(source, prefix + field, data.ContainsKey(field));

        private static string[] Words(Dictionary<string, object?> data, string field, string prefix, string source)
        {
            data.TryGetValue(field, out var value);
            var words = value switch
            {
                string text => new[] { text },
                IEnumerable list => list.Cast<object?>().Select(o => o as string).ToArray(),
                _ => Array.Empty<string?>(),
            };
            return words.Length > 0 && words.All(w => !string.IsNullOrWhiteSpace(w))
                ? words.Select(w => w!.Trim()).ToArray()
                : throw Missing(source, prefix + field, data.ContainsKey(field));
        }

        private static IeaException Missing(string source, string field, bool present) =>
            new IeaException(ErrorIds.LayoutInvalid, IeaErrorCategory.InvalidData,
                Text.Format(present ? "LayoutWrongField" : "LayoutMissingField", source, field), source, Text.Get("LayoutInvalidAction"));

        private static IeaException Invalid(string source, string field, string value) =>
            new IeaException(ErrorIds.LayoutInvalid, IeaErrorCategory.InvalidData,
                Text.Format("LayoutBadValue", source, field, value), source, Text.Get("LayoutInvalidAction"));
    }
}
