using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using ImpactEmploi.Documents;
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

        private static readonly string[] TopFields = { "Name", "FileName", "Encoding", "Settings", "Processes", "OfficialHosts", "Recommended", "Format", "XmlNamespaces" };
        private static readonly string[] RecommendedFields = { "ConnectionMode", "AuthenticationServer", "UpdateServer", "NetEntreprisesServer" };
        private static readonly string[] ProcessFields = { "Application", "ConnectionProgram" };
        private static readonly string[] ValuesField = { "Values" };
        private static readonly Dictionary<SettingsFormat, string[]> LocationFields = new Dictionary<SettingsFormat, string[]>
        {
            [SettingsFormat.Ini] = new[] { "Section", "Key" },
            [SettingsFormat.Properties] = new[] { "Key" },
            [SettingsFormat.Xml] = new[] { "XPath" },
            [SettingsFormat.Json] = new[] { "JsonPath", "ValueKind" },
            [SettingsFormat.Registry] = new[] { "Store", "RegistryKey", "ValueName", "View", "ValueKind" },
        };

        public static IeaLayout FromData(IDictionary data, string source)
        {
            var top = Fields(data, "", source, TopFields);
            var name = Word(top, "Name", "", source);
            var fileNameText = Word(top, "FileName", "", source);
            var fileName = LayoutNames.RelativeFilePath(fileNameText) ?? throw Invalid(source, "FileName", fileNameText);

            var format = FileFormat(top, source);
            var encoding = DefaultEncoding(top, format, source);
            var namespaces = XmlNamespaces(top, source);

            var settingsData = Fields(Table(top, "Settings", "", source), "Settings.", source, Enum.GetNames(typeof(Setting)));
            var locations = new Dictionary<Setting, SettingLocation>();
            foreach (Setting setting in Enum.GetValues(typeof(Setting)))
            {
                locations[setting] = Location(settingsData, setting, source, format, namespaces);
            }

            var processes = Fields(Table(top, "Processes", "", source), "Processes.", source, ProcessFields);
            var hosts = Words(top, "OfficialHosts", "", source);
            var recommended = Recommended(Fields(Table(top, "Recommended", "", source), "Recommended.", source, RecommendedFields), source);

            return new IeaLayout(name, source, fileName, encoding, locations,
                ProcessName(processes, "Application", source), ProcessName(processes, "ConnectionProgram", source),
                hosts, recommended, format, namespaces);
        }

        private static string ProcessName(Dictionary<string, object?> processes, string field, string source)
        {
            var name = Word(processes, field, "Processes.", source);
            return LayoutNames.IsBareFileName(name) ? name : throw Invalid(source, "Processes." + field, name);
        }

        private static SettingLocation Location(Dictionary<string, object?> settings, Setting setting, string source,
            SettingsFormat fileFormat, IReadOnlyDictionary<string, string> namespaces)
        {
            var prefix = "Settings." + setting + ".";
            var hasWords = WordSets.TryGetValue(setting, out var names);
            var table = Table(settings, setting.ToString(), "Settings.", source);
            var format = StoreOf(table, prefix, source) ?? fileFormat;
            var allowed = LocationFields[format];
            var data = Fields(table, prefix, source, hasWords ? allowed.Concat(ValuesField).ToArray() : allowed);
            IReadOnlyDictionary<string, IReadOnlyList<string>>? words = null;
            if (hasWords)
            {
                var values = Fields(Table(data, "Values", prefix, source), prefix + "Values.", source, names!);
                words = names!.ToDictionary(n => n, n => (IReadOnlyList<string>)Words(values, n, prefix + "Values.", source), StringComparer.Ordinal);
            }

            switch (format)
            {
                case SettingsFormat.Xml:
                    var xpath = Word(data, "XPath", prefix, source);
                    return new SettingLocation(format, "", "", XmlPath.Parse(xpath, namespaces) ?? throw Invalid(source, prefix + "XPath", xpath), null, null, words);
                case SettingsFormat.Json:
                    var jsonPath = Word(data, "JsonPath", prefix, source);
                    return new SettingLocation(format, "", "", null, JsonPath.Parse(jsonPath) ?? throw Invalid(source, prefix + "JsonPath", jsonPath), null, words,
                        Kind(data, prefix, source, JsonKind.String));
                case SettingsFormat.Registry:
                    return new SettingLocation(format, "", "", null, null, Registry(data, prefix, source), words);
                case SettingsFormat.Properties:
                    return new SettingLocation(format, "", Word(data, "Key", prefix, source), null, null, null, words);
                default:
                    return new SettingLocation(format, Word(data, "Section", prefix, source), Word(data, "Key", prefix, source), null, null, null, words);
            }
        }

        /// <summary>The top-level Format: Ini when absent; Registry is a per-setting Store, not a file format.</summary>
        private static SettingsFormat FileFormat(Dictionary<string, object?> top, string source)
        {
            if (!top.ContainsKey("Format"))
            {
                return SettingsFormat.Ini;
            }

            var word = Word(top, "Format", "", source);
            return Enum.TryParse<SettingsFormat>(word, true, out var format) && Enum.IsDefined(typeof(SettingsFormat), format) && format != SettingsFormat.Registry
                ? format
                : throw Invalid(source, "Format", word);
        }

        /// <summary>Encoding is the INI file's encoding without a byte order mark; the other formats say their own (and may omit it).</summary>
        private static System.Text.Encoding DefaultEncoding(Dictionary<string, object?> top, SettingsFormat format, string source)
        {
            if (format != SettingsFormat.Ini && !top.ContainsKey("Encoding"))
            {
                return new System.Text.UTF8Encoding(false, true);
            }

            var encodingName = Word(top, "Encoding", "", source);
            // UTF-32 cannot hold an INI file IEA reads; the INI store refuses it too.
            var encoding = TextEncodings.Named(encodingName);
            return encoding == null || encoding.CodePage == 12000 || encoding.CodePage == 12001
                ? throw Invalid(source, "Encoding", encodingName)
                : encoding;
        }

        private static Dictionary<string, string> XmlNamespaces(Dictionary<string, object?> top, string source)
        {
            var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!top.ContainsKey("XmlNamespaces"))
            {
                return namespaces;
            }

            foreach (DictionaryEntry entry in Table(top, "XmlNamespaces", "", source))
            {
                var prefix = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                var field = "XmlNamespaces." + prefix;
                if (!XmlName.IsNcName(prefix) || prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid(source, field, prefix);
                }

                namespaces[prefix] = entry.Value is string uri && uri.Trim().Length > 0 ? uri.Trim() : throw Missing(source, field, true);
            }

            return namespaces;
        }

        /// <summary>A setting's own Store: 'Registry', or null for the layout's file.</summary>
        private static SettingsFormat? StoreOf(IDictionary table, string prefix, string source)
        {
            foreach (DictionaryEntry entry in table)
            {
                if (string.Equals(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture), "Store", StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value is string store && string.Equals(store.Trim(), "Registry", StringComparison.OrdinalIgnoreCase)
                        ? SettingsFormat.Registry
                        : throw Invalid(source, prefix + "Store", Convert.ToString(entry.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
            }

            return null;
        }

        private static RegistryLocation Registry(Dictionary<string, object?> data, string prefix, string source)
        {
            var key = Word(data, "RegistryKey", prefix, source);
            var valueName = Word(data, "ValueName", prefix, source);
            var view = RegistryView.Default;
            if (data.ContainsKey("View"))
            {
                var word = Word(data, "View", prefix, source);
                view = Enum.TryParse<RegistryView>(word, true, out var parsed) && Enum.IsDefined(typeof(RegistryView), parsed) ? parsed : throw Invalid(source, prefix + "View", word);
            }

            var kind = Kind(data, prefix, source, RegistryValueKind.String);
            return RegistryLocation.Parse(key, valueName, view, kind) ?? throw Invalid(source, prefix + "RegistryKey", key);
        }

        /// <summary>A setting's optional ValueKind: one of <typeparamref name="TKind"/>'s names (any case); <paramref name="absent"/> without one.</summary>
        private static TKind Kind<TKind>(Dictionary<string, object?> data, string prefix, string source, TKind absent)
            where TKind : struct, Enum
        {
            if (!data.ContainsKey("ValueKind"))
            {
                return absent;
            }

            // By name only: Enum.TryParse would also take "1".
            var word = Word(data, "ValueKind", prefix, source);
            var name = Enum.GetNames(typeof(TKind)).FirstOrDefault(n => string.Equals(n, word.Trim(), StringComparison.OrdinalIgnoreCase));
            return name != null ? (TKind)Enum.Parse(typeof(TKind), name) : throw Invalid(source, prefix + "ValueKind", word);
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
