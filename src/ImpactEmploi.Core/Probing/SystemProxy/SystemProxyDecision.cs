using System;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>How the system proxy ("Navigateur": Internet Explorer's settings) applies to one address.</summary>
    public sealed class SystemProxyDecision
    {
        private SystemProxyDecision(SystemProxyKind kind, Uri? proxy, string source, string? reason)
        {
            Kind = kind;
            Proxy = proxy;
            Source = source;
            Reason = reason;
        }

        public SystemProxyKind Kind { get; }

        /// <summary>The proxy to go through when <see cref="Kind"/> is <see cref="SystemProxyKind.Proxy"/>.</summary>
        public Uri? Proxy { get; }

        /// <summary>Where the decision comes from, for messages and logs (for example "HTTPS_PROXY" or a PAC file's address).</summary>
        public string Source { get; }

        /// <summary>Why the proxy cannot be known, when <see cref="Kind"/> is <see cref="SystemProxyKind.Unknown"/>.</summary>
        public string? Reason { get; }

        public static SystemProxyDecision Direct(string source) => new SystemProxyDecision(SystemProxyKind.Direct, null, source, null);

        public static SystemProxyDecision Through(Uri proxy, string source) =>
            new SystemProxyDecision(SystemProxyKind.Proxy, proxy ?? throw new ArgumentNullException(nameof(proxy)), source, null);

        public static SystemProxyDecision Unknown(string source, string reason) => new SystemProxyDecision(SystemProxyKind.Unknown, null, source, reason);

        public override string ToString() => Kind == SystemProxyKind.Proxy ? Proxy + " (" + Source + ")" : Kind + " (" + Source + ")";
    }
}
