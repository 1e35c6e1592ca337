using System;
using System.Globalization;

namespace ImpactEmploi.Probing
{
    /// <summary>Reads IEA's ProxyAdresse as curl and Invoke-WebRequest do: "host", "host:port", "http://host[:port]" (a path is ignored).</summary>
    internal static class ProxyAddress
    {
        public static bool TryParse(string? host, int port, bool secure, out Uri? proxy)
        {
            proxy = null;
            var text = host?.Trim();
            if (string.IsNullOrEmpty(text)) return false;
            if (text!.IndexOf("://", StringComparison.Ordinal) < 0) text = "http://" + text;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host)) return false;
            if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) return false;
            var written = text.Substring(text.IndexOf("://", StringComparison.Ordinal) + 3);
            var portWritten = HasExplicitPort(written);
            var chosen = port > 0 ? port : portWritten ? parsed.Port : 0;
            if (chosen < 1 || chosen > 65535) return false;
            proxy = new UriBuilder(secure || parsed.Scheme == Uri.UriSchemeHttps ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, parsed.Host, chosen).Uri;
            return true;
        }

        private static bool HasExplicitPort(string authorityAndPath)
        {
            var slash = authorityAndPath.IndexOf('/');
            var authority = slash >= 0 ? authorityAndPath.Substring(0, slash) : authorityAndPath;
            var bracket = authority.LastIndexOf(']');
            var colon = authority.LastIndexOf(':');
            return colon > bracket && colon < authority.Length - 1 &&
                int.TryParse(authority.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
        }
    }
}
