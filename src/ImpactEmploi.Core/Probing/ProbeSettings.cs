using System;
using System.Net;
using ImpactEmploi.Probing.SystemProxy;

namespace ImpactEmploi.Probing
{
    /// <summary>How to reach the servers (from IEA's connection settings) and how hard to try.</summary>
    public sealed class ProbeSettings
    {
        public ConnectionType ConnectionType { get; set; } = ConnectionType.Direct;

        /// <summary>The proxy as IEA's ProxyAdresse holds it: host, host:port or http://host[:port], for <see cref="ConnectionType.Proxy"/>.</summary>
        public string? ProxyHost { get; set; }

        /// <summary>The proxy's port (ProxyPort); a port written in <see cref="ProxyHost"/> wins when this one is 0.</summary>
        public int ProxyPort { get; set; }

        /// <summary>IEA's « Sécurisé » box beside the proxy: TLS to the proxy itself.</summary>
        public bool ProxySecure { get; set; }

        /// <summary>The proxy account; null: the user's default network credentials. Never written anywhere.</summary>
        public NetworkCredential? ProxyCredential { get; set; }

        /// <summary>The whole time one server's test may take, retries included (Test-IeaServers -TimeoutSec).</summary>
        public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The most retries (Test-IeaServers -RetryCount); at most one is made, and only where a retry can change the outcome.</summary>
        public int RetryCount { get; set; } = 2;

        /// <summary>The pause before the retry when the server gives no Retry-After.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Who answers which proxy the system settings choose, for <see cref="ConnectionType.SystemProxy"/>.</summary>
        public ISystemProxyResolver SystemProxyResolver { get; set; } = SystemProxyResolvers.ForThisProcess();

        /// <summary>Tests: use the staged probe (DNS and connect first, then the request) that runtimes without ConnectCallback use.</summary>
        internal bool ForceStagedProbe { get; set; }

        /// <summary>The proxy of a <see cref="ConnectionType.Proxy"/> connection (host and port only: credentials never go into it); null when not usable.</summary>
        internal Uri? ProxyUri => ConnectionType == ConnectionType.Proxy && ProxyAddress.TryParse(ProxyHost, ProxyPort, ProxySecure, out var proxy)
            ? proxy
            : null;

        /// <summary>Throws for values no cmdlet lets through (programming errors); proxy settings never throw: they become results.</summary>
        internal void Validate()
        {
            if (Budget < TimeSpan.FromMilliseconds(10) || Budget > TimeSpan.FromHours(1))
                throw new ArgumentOutOfRangeException(nameof(Budget), Budget, "Between 10 ms and 1 hour.");
            if (RetryCount < 0 || RetryCount > 10)
                throw new ArgumentOutOfRangeException(nameof(RetryCount), RetryCount, "Between 0 and 10.");
            if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
                throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, "Between 0 and 1 minute.");
            if (SystemProxyResolver is null)
                throw new ArgumentNullException(nameof(SystemProxyResolver));
        }
    }
}
