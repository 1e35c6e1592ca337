using System;
using System.Net;

namespace ImpactEmploi.Probing
{
    /// <summary>How to reach the servers (from IEA's connection settings) and how hard to try.</summary>
    public sealed class ProbeSettings
    {
        public ConnectionType ConnectionType { get; set; } = ConnectionType.Direct;

        /// <summary>The proxy's host name or address, for <see cref="ConnectionType.Proxy"/>.</summary>
        public string? ProxyHost { get; set; }

        public int ProxyPort { get; set; }

        /// <summary>The proxy account; null: the user's default network credentials. Never written anywhere.</summary>
        public NetworkCredential? ProxyCredential { get; set; }

        /// <summary>The longest one attempt may take (Test-IeaServers -TimeoutSec).</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Retries after the first attempt, for transient failures only (Test-IeaServers -RetryCount).</summary>
        public int RetryCount { get; set; } = 2;

        /// <summary>The first wait before a retry; later waits grow exponentially, with jitter.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest single wait between two attempts.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Slack in <see cref="OverallTimeout"/> for what is neither an attempt nor a wait (setting up a connection, scheduling).</summary>
        public static readonly TimeSpan OverallTimeoutMargin = TimeSpan.FromMilliseconds(500);

        /// <summary>
        /// The bound of one server's whole test: every attempt at its longest plus every wait at its longest, plus
        /// <see cref="OverallTimeoutMargin"/> (without it the last attempt could be cut short on a busy machine).
        /// The overall timeout of the pipeline; the probe of several servers ends within it too (they run concurrently).
        /// </summary>
        public TimeSpan OverallTimeout =>
            TimeSpan.FromTicks(AttemptTimeout.Ticks * (RetryCount + 1) + MaxRetryDelay.Ticks * RetryCount + OverallTimeoutMargin.Ticks);

        /// <summary>The proxy as a URI (host and port only: credentials never go into it).</summary>
        internal Uri? ProxyUri => ConnectionType == ConnectionType.Proxy && !string.IsNullOrWhiteSpace(ProxyHost)
            ? new UriBuilder(Uri.UriSchemeHttp, ProxyHost!.Trim(), ProxyPort).Uri
            : null;

        internal void Validate()
        {
            if (ConnectionType == ConnectionType.Proxy)
            {
                if (string.IsNullOrWhiteSpace(ProxyHost))
                    throw new ArgumentException("A proxy host is required for a Proxy connection.", nameof(ProxyHost));
                if (ProxyPort < 1 || ProxyPort > 65535)
                    throw new ArgumentOutOfRangeException(nameof(ProxyPort), ProxyPort, "The proxy port must be between 1 and 65535.");
            }
            // Polly's timeout strategy accepts 10 ms to 1 day.
            if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromHours(1))
                throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "Between 10 ms and 1 hour.");
            if (RetryCount < 0 || RetryCount > 10)
                throw new ArgumentOutOfRangeException(nameof(RetryCount), RetryCount, "Between 0 and 10.");
            if (RetryDelay < TimeSpan.Zero || RetryDelay > MaxRetryDelay)
                throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, "Between 0 and MaxRetryDelay.");
            if (MaxRetryDelay > TimeSpan.FromMinutes(5))
                throw new ArgumentOutOfRangeException(nameof(MaxRetryDelay), MaxRetryDelay, "At most 5 minutes.");
        }
    }
}
