using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// Finds setting candidates in the registry: under HKLM:\SOFTWARE (both views), HKCU:\Software and each loaded
    /// HKU:\&lt;SID&gt;\Software, in keys whose path names Impact, Emploi, IEA or URSSAF. Only the first levels are
    /// searched for such a name (vendor\product\…), and Classes and Microsoft are skipped: they hold hundreds of
    /// thousands of keys and no setting of IEA's.
    /// </summary>
    public sealed class RegistrySettingScanner
    {
        private const int SearchDepth = 3;
        private const int MaxDepthBelowMatch = 6;
        /// <summary>Keys looked at per root (HKLM in each view, HKCU, each user), so one busy hive cannot starve the others.</summary>
        private const int DefaultMaxKeys = 20000;
        private static readonly Regex OurNames = new Regex(@"(?i:impact|emploi|urssaf)|(?<![A-Za-z])(IEA|Iea|iea)(?![a-z])", RegexOptions.CultureInvariant);
        private static readonly string[] Skipped = { "Classes", "Microsoft", "WOW6432Node" };
        private readonly IRegistryReader _registry;
        private readonly int _maxKeys;

        public RegistrySettingScanner(IRegistryReader registry, int maxKeysPerRoot = DefaultMaxKeys)
        {
            _registry = registry;
            _maxKeys = maxKeysPerRoot;
        }

        /// <summary>True when a key path names IEA or URSSAF.</summary>
        public static bool NamesIea(string keyPath) => OurNames.IsMatch(keyPath);

        public List<IeaSettingCandidate> Scan(string installationFolder)
        {
            var found = new List<IeaSettingCandidate>();
            var roots = new List<(string Key, RegistryKeyView View)>
            {
                (@"HKLM:\SOFTWARE", RegistryKeyView.Registry64),
                (@"HKLM:\SOFTWARE", RegistryKeyView.Registry32),
                (@"HKCU:\Software", RegistryKeyView.Default),
            };
            foreach (var sid in _registry.SubKeyNames(@"HKU:", RegistryKeyView.Default))
            {
                if (!sid.EndsWith("_Classes", StringComparison.OrdinalIgnoreCase))
                {
                    roots.Add((@"HKU:\" + sid + @"\Software", RegistryKeyView.Default));
                }
            }

            foreach (var (key, view) in roots)
            {
                var keysRead = 0;
                Search(key, view, 0, installationFolder, found, ref keysRead);
            }

            return found;
        }

        private void Search(string key, RegistryKeyView view, int depth, string folder, List<IeaSettingCandidate> found, ref int keysRead)
        {
            foreach (var name in _registry.SubKeyNames(key, view))
            {
                if (keysRead >= _maxKeys)
                {
                    return;
                }

                keysRead++;
                var child = key + @"\" + name;
                if (OurNames.IsMatch(name))
                {
                    Read(child, view, 0, folder, found, ref keysRead);
                }
                else if (depth + 1 < SearchDepth && !Skipped.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    Search(child, view, depth + 1, folder, found, ref keysRead);
                }
            }
        }

        private void Read(string key, RegistryKeyView view, int depth, string folder, List<IeaSettingCandidate> found, ref int keysRead)
        {
            foreach (var value in _registry.Values(key, view))
            {
                var guess = SettingClassifier.Classify(value.Name, key, value.Value);
                if (guess == null)
                {
                    continue;
                }

                found.Add(new IeaSettingCandidate
                {
                    Path = folder,
                    Location = key,
                    FormatValue = SettingFormat.Registry,
                    RegistryKey = key,
                    ValueName = value.Name,
                    View = view.ToString(),
                    ValueKind = value.Kind,
                    Entry = value.Name + (view == RegistryKeyView.Default ? "" : " (" + view + ")"),
                    Value = guess.Setting == Layouts.Setting.DailyPassword && value.Value.Length > 0 ? "***" : value.Value,
                    SettingValue = guess.Setting,
                    ConfidenceValue = guess.Confidence,
                    Reason = guess.Reason,
                });
            }

            if (depth >= MaxDepthBelowMatch)
            {
                return;
            }

            foreach (var name in _registry.SubKeyNames(key, view))
            {
                if (keysRead++ >= _maxKeys)
                {
                    return;
                }

                Read(key + @"\" + name, view, depth + 1, folder, found, ref keysRead);
            }
        }
    }
}
