using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactEmploi.Layouts
{
    /// <summary>Where one setting lives (section and key) and, for settings with fixed words, the words IEA writes.</summary>
    public sealed class SettingLocation
    {
        private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _words;

        public SettingLocation(string section, string key, IReadOnlyDictionary<string, IReadOnlyList<string>>? words = null)
        {
            Section = section;
            Key = key;
            _words = words ?? new Dictionary<string, IReadOnlyList<string>>();
        }

        public string Section { get; }
        public string Key { get; }

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

        public override string ToString() => "[" + Section + "] " + Key;
    }
}
