using System;
using System.Collections.Generic;
using System.Net;
using System.Text.RegularExpressions;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>
    /// WinINet's ProxyOverride value: entries separated by ';' with '*' wildcards, optionally with a scheme
    /// ("https://*.corp") or a port ("intranet:8080"); "&lt;local&gt;" bypasses names without a dot. Loopback
    /// addresses are always bypassed, as in the browser.
    /// </summary>
    public sealed class ProxyBypassList
    {
        private static readonly char[] Separators = { ';', ' ', '\t', ',' };
        private readonly List<Regex> _patterns = new List<Regex>();
        private readonly bool _local;

        public ProxyBypassList(string? value)
        {
            foreach (var raw in (value ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                var entry = raw.Trim();
                if (string.Equals(entry, "<local>", StringComparison.OrdinalIgnoreCase))
                {
                    _local = true;
                    continue;
                }

                var pattern = "^" + Regex.Escape(entry).Replace("\\*", ".*") + "$";
                _patterns.Add(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
            }
        }

        public bool IsBypassed(Uri target)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            var host = target.IdnHost.Trim('[', ']');
            if (target.IsLoopback || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            if (_local && host.IndexOf('.') < 0 && !IPAddress.TryParse(host, out _)) return true;

            var hostAndPort = host + ":" + target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var full = target.Scheme + "://" + host;
            var fullWithPort = target.Scheme + "://" + hostAndPort;
            foreach (var pattern in _patterns)
            {
                if (pattern.IsMatch(host) || pattern.IsMatch(hostAndPort) || pattern.IsMatch(full) || pattern.IsMatch(fullWithPort)) return true;
            }

            return false;
        }
    }
}
