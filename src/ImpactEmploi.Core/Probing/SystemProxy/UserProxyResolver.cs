using System;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Probing.SystemProxy
{
    /// <summary>
    /// The proxy of the user logged on to the PC, for a process that is not that user (SYSTEM, session 0, a remote
    /// session): decides from the user's Internet settings as the browser does (automatic detection, then the PAC
    /// script, then the manual proxy and its exceptions), and answers Unknown, with the reason, when nobody is
    /// logged on, the settings or the PAC script cannot be read, or the proxy asks for credentials that only the
    /// user has (this process would authenticate as itself).
    /// </summary>
    public sealed class UserProxyResolver : ISystemProxyResolver
    {
        private static readonly string[] PacPrefixes = { "PROXY ", "HTTP ", "HTTPS " };
        private static readonly char[] PacSeparators = { ';' };
        private readonly Lazy<ConsoleUserSettings?> _user;
        private readonly IPacEvaluator _pac;
        private readonly IProxyChallenge _challenge;
        private readonly string _runningAs;

        public UserProxyResolver(IConsoleUserSettingsReader reader, IPacEvaluator pac, IProxyChallenge challenge, string runningAs)
        {
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            _user = new Lazy<ConsoleUserSettings?>(reader.Read);
            _pac = pac ?? throw new ArgumentNullException(nameof(pac));
            _challenge = challenge ?? throw new ArgumentNullException(nameof(challenge));
            _runningAs = runningAs;
        }

        public SystemProxyDecision Resolve(Uri target)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            var user = _user.Value;
            if (user is null)
            {
                return SystemProxyDecision.Unknown(Text.Get("SystemProxySourceConsoleUser"), Text.Get("SystemProxyNoConsoleUser"));
            }

            var source = Text.Format("SystemProxySourceUser", user.UserName);
            if (user.Settings is null)
            {
                return SystemProxyDecision.Unknown(source, Text.Format("SystemProxyUserSettingsUnreadable", user.UserName, user.Problem));
            }

            var decision = Decide(target, user.UserName, user.Settings, source);
            if (decision.Kind == SystemProxyKind.Proxy && _challenge.RequiresCredentials(decision.Proxy!, target))
            {
                return SystemProxyDecision.Unknown(source, Text.Format("SystemProxyNeedsUserCredentials", decision.Proxy!.Authority, user.UserName, _runningAs));
            }

            return decision;
        }

        private SystemProxyDecision Decide(Uri target, string userName, InternetSettings settings, string source)
        {
            if (settings.AutoDetect)
            {
                var detected = _pac.Evaluate(target, null);
                switch (detected.Outcome)
                {
                    case PacOutcome.Direct:
                    case PacOutcome.Proxy:
                        return FromPac(detected, Text.Format("SystemProxySourceAutoDetect", userName), userName);
                    case PacOutcome.Failed:
                        return SystemProxyDecision.Unknown(source, Text.Format("SystemProxyPacFailed", "WPAD", userName, detected.Problem));
                }
                // No script found: the browser goes on with the next settings.
            }

            if (!string.IsNullOrWhiteSpace(settings.AutoConfigUrl))
            {
                var address = settings.AutoConfigUrl!.Trim();
                if (!Uri.TryCreate(address, UriKind.Absolute, out var script))
                {
                    return SystemProxyDecision.Unknown(source, Text.Format("SystemProxyPacFailed", address, userName, Text.Get("SystemProxyPacBadAddress")));
                }

                var evaluated = _pac.Evaluate(target, script);
                return evaluated.Outcome == PacOutcome.Direct || evaluated.Outcome == PacOutcome.Proxy
                    ? FromPac(evaluated, address, userName)
                    : SystemProxyDecision.Unknown(source, Text.Format("SystemProxyPacFailed", address, userName, evaluated.Problem ?? Text.Get("SystemProxyPacNoAnswer")));
            }

            var servers = new ProxyServerList(settings.ProxyServer);
            if (!settings.ProxyEnable || servers.IsEmpty || new ProxyBypassList(settings.ProxyOverride).IsBypassed(target))
            {
                return SystemProxyDecision.Direct(source);
            }

            var server = servers.For(target.Scheme);
            if (server is null)
            {
                return servers.Socks is null
                    ? SystemProxyDecision.Direct(source)
                    : SystemProxyDecision.Unknown(source, Text.Format("SystemProxyUnsupported", "socks=" + servers.Socks, userName));
            }

            var proxy = ProxyServerList.ToProxyUri(server);
            return proxy is null
                ? SystemProxyDecision.Unknown(source, Text.Format("SystemProxyUnsupported", server, userName))
                : SystemProxyDecision.Through(proxy, source);
        }

        /// <summary>The first usable entry of a PAC answer ("PROXY a:8080; DIRECT", or WinHTTP's "a:8080;b:8080").</summary>
        private static SystemProxyDecision FromPac(PacResult result, string source, string userName)
        {
            if (result.Outcome == PacOutcome.Direct) return SystemProxyDecision.Direct(source);
            foreach (var raw in (result.Proxies ?? "").Split(PacSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                var entry = raw.Trim();
                if (string.Equals(entry, "DIRECT", StringComparison.OrdinalIgnoreCase)) return SystemProxyDecision.Direct(source);
                foreach (var prefix in PacPrefixes)
                {
                    if (entry.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) entry = entry.Substring(prefix.Length).Trim();
                }

                if (entry.StartsWith("SOCKS", StringComparison.OrdinalIgnoreCase)) continue;
                var proxy = ProxyServerList.ToProxyUri(entry);
                if (proxy != null) return SystemProxyDecision.Through(proxy, source);
            }

            return SystemProxyDecision.Unknown(source, Text.Format("SystemProxyUnsupported", result.Proxies, userName));
        }
    }
}
