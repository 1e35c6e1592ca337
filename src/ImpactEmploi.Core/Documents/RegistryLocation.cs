using System;
using System.Text.RegularExpressions;

namespace ImpactEmploi.Documents
{
    /// <summary>A registry value a layout places a setting in: HKLM:, HKCU: or HKU:\&lt;SID&gt;, a subkey, a value name, a view and a kind.</summary>
    public sealed class RegistryLocation : IEquatable<RegistryLocation>
    {
        private static readonly Regex KeyPattern = new Regex(@"^(?<hive>HKLM|HKCU|HKU):\\(?<sub>[^\\*?]+(?:\\[^\\*?]+)*)$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

        internal RegistryLocation(RegistryHive hive, string subKey, string valueName, RegistryView view, RegistryValueKind kind)
        {
            Hive = hive;
            SubKey = subKey;
            ValueName = valueName;
            View = view;
            Kind = kind;
        }

        public RegistryHive Hive { get; }

        /// <summary>The key under the hive, backslash-separated (for HKU: starting with the SID).</summary>
        public string SubKey { get; }

        public string ValueName { get; }
        public RegistryView View { get; }
        public RegistryValueKind Kind { get; }

        /// <summary>The key as the layout writes it ("HKLM:\SOFTWARE\…").</summary>
        public string KeyPath => HiveName(Hive) + ":\\" + SubKey;

        /// <summary>Parses "HKLM:\…", "HKCU:\…" or "HKU:\&lt;SID&gt;\…" (a forward slash is also accepted); null otherwise.</summary>
        public static RegistryLocation? Parse(string key, string valueName, RegistryView view, RegistryValueKind kind)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            var match = KeyPattern.Match(key.Replace('/', '\\').TrimEnd('\\'));
            if (!match.Success)
            {
                return null;
            }

            var hive = match.Groups["hive"].Value.ToUpperInvariant() switch
            {
                "HKLM" => RegistryHive.LocalMachine,
                "HKCU" => RegistryHive.CurrentUser,
                _ => RegistryHive.Users,
            };
            var sub = match.Groups["sub"].Value;
            if (hive == RegistryHive.Users && !sub.StartsWith("S-1-", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return new RegistryLocation(hive, sub, valueName, view, kind);
        }

        public bool Equals(RegistryLocation? other) =>
            other != null && Hive == other.Hive && View == other.View &&
            string.Equals(SubKey, other.SubKey, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(ValueName, other.ValueName, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => Equals(obj as RegistryLocation);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(SubKey) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(ValueName) ^ (int)Hive;

        public override string ToString() => KeyPath + " " + ValueName + (View == RegistryView.Default ? "" : " (" + View + ")");

        private static string HiveName(RegistryHive hive) => hive switch
        {
            RegistryHive.LocalMachine => "HKLM",
            RegistryHive.CurrentUser => "HKCU",
            _ => "HKU",
        };
    }
}
