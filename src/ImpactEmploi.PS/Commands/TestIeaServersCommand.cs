using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using ImpactEmploi.Configuration;
using ImpactEmploi.Probing;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Tests access to the three servers as "Tester l'accès aux serveurs" does, through the installation's own
    /// connection settings, and says why a server cannot be reached. With -Server and no installation given,
    /// tests those addresses over a direct connection.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "IeaServers", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaServerTestResult), typeof(bool))]
    public sealed class TestIeaServersCommand : InstallationCmdletBase
    {
        private bool _allReachable = true;

        /// <summary>Other addresses to test with the same rules (Role Custom).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Uri[]? Server { get; set; }

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

        /// <summary>Returns one Boolean: true when every server tested is reachable.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void OnProcess()
        {
            if (Server != null && Path == null && InputObject == null)
            {
                Report(Test(null, null));
                return;
            }

            base.OnProcess();
        }

        protected override void ProcessInstallation(string folder, string configPath) =>
            Report(Test(ServerConfigReader.Read(folder, configPath, Layout), configPath));

        protected override void OnEnd()
        {
            if (Quiet)
            {
                WriteObject(_allReachable);
            }
        }

        private IReadOnlyList<IeaServerTestResult> Test(IeaServerConfig? config, string? configPath)
        {
            var addresses = Server != null
                ? Server.Select(uri => (ServerRole.Custom, (string?)uri.OriginalString)).ToList()
                : ServerTestRun.AddressesOf(config!);
            var settings = ServerTestRun.SettingsFor(config, ProxyCredential?.GetNetworkCredential(),
                TimeSpan.FromSeconds(TimeoutSec), RetryCount);
            var target = configPath ?? string.Join(", ", addresses.Select(a => a.Item2));
            return Await(token => ServerTestRun.RunAsync(addresses, settings, configPath, token),
                Text.Get("ProbeProgress"),
                elapsed => Text.Format("ProbeProgressStatus", target, addresses.Count, Math.Round(elapsed.TotalSeconds).ToString(CultureInfo.CurrentCulture)));
        }

        private void Report(IReadOnlyList<IeaServerTestResult> results)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var result in results)
            {
                _allReachable &= result.Reachable;
                foreach (var warning in ProbeWarnings.For(result, now))
                {
                    WriteWarning(warning);
                }

                if (!Quiet)
                {
                    WriteObject(result);
                }
            }
        }
    }
}
