using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using ImpactEmploi.Probing;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>What the cmdlets that test the servers share: the probe's parameters and waiting for it on the pipeline thread.</summary>
    public abstract class ProbeCmdletBase : InstallationCmdletBase
    {
        // A certificate warning names the host: the three servers share one, and many installations test the same ones.
        private readonly HashSet<string> _warningsWritten = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>For a proxy that asks for a user name and password; else the default network credentials.</summary>
        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Seconds allowed for each attempt.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSec { get; set; } = 10;

        /// <summary>Retries after a transient failure (timeout, reset connection, 5xx, 408, 429).</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int RetryCount { get; set; } = 2;

        /// <summary>Tests the addresses through the installation's connection (direct without one); certificate warnings are written.</summary>
        protected IReadOnlyList<IeaServerTestResult> TestServers(IeaServerConfig? config, string? configPath,
            IReadOnlyList<(ServerRole Role, string? Address)> addresses)
        {
            var settings = ServerTestRun.SettingsFor(config, ProxyCredential?.GetNetworkCredential(), TimeSpan.FromSeconds(TimeoutSec), RetryCount);
            var target = configPath ?? string.Join(", ", addresses.Select(a => a.Address));
            var results = Await(token => ServerTestRun.RunAsync(addresses, settings, configPath, token),
                Text.Get("ProbeProgress"),
                elapsed => Text.Format("ProbeProgressStatus", target, addresses.Count, Math.Round(elapsed.TotalSeconds).ToString(CultureInfo.CurrentCulture)));
            foreach (var result in results)
            {
                result.ComputerName = Environment.MachineName;
                result.Path = config?.Path ?? "";
            }

            var now = DateTimeOffset.UtcNow;
            foreach (var warning in results.SelectMany(result => ProbeWarnings.For(result, now)).Where(_warningsWritten.Add))
            {
                WriteWarning(warning);
            }

            return results;
        }
    }
}
