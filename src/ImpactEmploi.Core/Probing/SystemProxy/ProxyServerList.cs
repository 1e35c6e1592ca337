using System;
using System.Collections.Generic;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>
    /// WinINet's ProxyServer value: "host:port" for every scheme, or "http=host:port;https=host:port;socks=host:port"
    /// per scheme (a scheme without an entry goes direct, as in the browser).
    /// </summary>
    public sealed class ProxyServerList
    {
        private static readonly char[] Separators = { ';', ' ', '\t' };
        private readonly string? _forEveryScheme;
        private readonly Dictionary<string, string> _perScheme = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public ProxyServerList(string? value)
        {
            foreach (var raw in (value ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = raw.IndexOf('=');
                if (equals < 0)
                {
                    _forEveryScheme ??= raw;
                }
                else if (equals > 0 && equals < raw.Length - 1)
                {
                    var scheme = raw.Substring(0, equals);
                    if (!_perScheme.ContainsKey(scheme)) _perScheme[scheme] = raw.Substring(equals + 1);
                }
            }
        }

        public bool IsEmpty => _forEveryScheme is null && _perScheme.Count == 0;

        /// <summary>The proxy's "host:port" for <paramref name="scheme"/>, or null for a direct connection.</summary>
        public string? For(string scheme)
        {
            if (_forEveryScheme != null) return _forEveryScheme;
            return _perScheme.TryGetValue(scheme, out var server) ? server : null;
        }

        /// <summary>The SOCKS server named, which the browser uses for schemes without their own entry.</summary>
        public string? Socks => _forEveryScheme is null && _perScheme.TryGetValue("socks", out var socks) ? socks : null;

        /// <summary>"host:port", "http://host:port" or "host" (port 80, as WinINet) as an http proxy address; null when not an address.</summary>
        public static Uri? ToProxyUri(string server)
        {
            var text = server.Trim();
            if (text.Length == 0) return null;
            if (text.IndexOf("://", StringComparison.Ordinal) < 0) text = "http://" + text;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return null;
            if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
            return new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
        }
    }
}
