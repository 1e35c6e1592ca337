using System;
using System.Collections.Generic;
using System.Linq;
using ImpactEmploi.Documents;

namespace ImpactEmploi.Layouts
{
    /// <summary>
    /// Where one setting lives (an INI section and key, a .properties key, an XML path, a JSON path or a registry value)
    /// and, for settings with fixed words, the words IEA writes.
    /// </summary>
    public sealed class SettingLocation
    {
        private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _words;

        public SettingLocation(string section, string key, IReadOnlyDictionary<string, IReadOnlyList<string>>? words = null)
            : this(SettingsFormat.Ini, section, key, null, null, null, words)
        {
        }

        internal SettingLocation(SettingsFormat format, string section, string key, XmlPath? xmlPath, JsonPath? jsonPath,
            RegistryLocation? registry, IReadOnlyDictionary<string, IReadOnlyList<string>>? words, JsonKind jsonKind = JsonKind.String)
        {
            JsonKind = jsonKind;
            Format = format;
            Section = section;
            Key = key;
            XmlPath = xmlPath;
            JsonPath = jsonPath;
            Registry = registry;
            _words = words ?? new Dictionary<string, IReadOnlyList<string>>();
        }

        public SettingsFormat Format { get; }

        /// <summary>The INI section ("" for other formats).</summary>
        public string Section { get; }

        /// <summary>The INI or .properties key ("" for other formats).</summary>
        public string Key { get; }

        public XmlPath? XmlPath { get; }
        public JsonPath? JsonPath { get; }

        /// <summary>For a JSON setting, the type a value is written as where the file has none (its ValueKind; String by default).</summary>
        public JsonKind JsonKind { get; }

        public RegistryLocation? Registry { get; }

        /// <summary>The word written for <paramref name="name"/> (the first the layout lists).</summary>
        public string WordFor(string name) => _words[name][0];

        /// <summary>The module's name for a word read from the file (case-insensitive), or null for a word the layout does not know.</summary>
        public string? NameFor(string? word)
        {
            if (word == null)
            {
                return null;
            }

            var trimmed = word.Trim();
            return _words.FirstOrDefault(pair => pair.Value.Any(w => string.Equals(w, trimmed, StringComparison.OrdinalIgnoreCase))).Key;
        }

        public override string ToString() => Format switch
        {
            SettingsFormat.Xml => XmlPath!.ToString(),
            SettingsFormat.Json => JsonPath!.ToString(),
            SettingsFormat.Properties => Key,
            SettingsFormat.Registry => Registry!.ToString(),
            _ => "[" + Section + "] " + Key,
        };
    }
}
