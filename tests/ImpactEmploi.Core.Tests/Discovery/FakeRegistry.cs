using System;
using System.Collections.Generic;
using System.Linq;
using ImpactEmploi.Discovery;

namespace ImpactEmploi.Tests.Discovery
{
    /// <summary>An in-memory registry for discovery tests: keys per view, values per key; reads are counted.</summary>
    internal sealed class FakeRegistry : IRegistryReader
    {
        private readonly Dictionary<(string, RegistryKeyView), List<RegistryValueData>> _values =
            new Dictionary<(string, RegistryKeyView), List<RegistryValueData>>(new KeyComparer());

        public int Reads { get; private set; }

        public FakeRegistry Set(string key, RegistryKeyView view, string name, string value, string kind = "String")
        {
            // Registers the key and every parent, so enumeration reaches it.
            var parts = key.Split('\\');
            for (var i = 1; i <= parts.Length; i++)
            {
                var partial = string.Join("\\", parts.Take(i));
                if (!_values.ContainsKey((partial, view)))
                {
                    _values[(partial, view)] = new List<RegistryValueData>();
                }
            }

            _values[(key, view)].Add(new RegistryValueData(name, value, kind));
            return this;
        }

        public IReadOnlyList<string> SubKeyNames(string key, RegistryKeyView view)
        {
            Reads++;
            var prefix = key + "\\";
            return _values.Keys.Where(k => k.Item2 == view && k.Item1.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && k.Item1.IndexOf('\\', prefix.Length) < 0)
                .Select(k => k.Item1.Substring(prefix.Length)).ToList();
        }

        public IReadOnlyList<RegistryValueData> Values(string key, RegistryKeyView view)
        {
            Reads++;
            return _values.TryGetValue((key, view), out var values) ? values : new List<RegistryValueData>();
        }

        private sealed class KeyComparer : IEqualityComparer<(string, RegistryKeyView)>
        {
            public bool Equals((string, RegistryKeyView) x, (string, RegistryKeyView) y) =>
                string.Equals(x.Item1, y.Item1, StringComparison.OrdinalIgnoreCase) && x.Item2 == y.Item2;

            public int GetHashCode((string, RegistryKeyView) obj) => StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1) ^ (int)obj.Item2;
        }
    }
}
