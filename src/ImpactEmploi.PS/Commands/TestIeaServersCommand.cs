using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ImpactEmploi.Configuration;
using ImpactEmploi.Probing;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Tests access to the three servers as "Tester l'accès aux serveurs" does, through the installation's own
    /// connection settings, and says why a server cannot be reached. With -Server and no installation given,
    /// tests those addresses over a direct connection.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "IeaServers", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaServerTestResult), typeof(bool))]
    public sealed class TestIeaServersCommand : ProbeCmdletBase
    {
        private bool _allReachable = true;
        private bool _testedAny;

        /// <summary>Other addresses to test with the same rules (Role Custom).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Uri[]? Server { get; set; }

        /// <summary>Returns one Boolean: true when servers were tested, all reachable, and nothing failed (no installation found, an unreadable file).</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void OnProcess()
        {
            if (Server != null && Path == null && LiteralPath == null && InputObject == null)
            {
                Report(TestServers(null, null, Addresses(null)));
                return;
            }

            base.OnProcess();
        }

        protected override void ProcessInstallation(string folder, string configPath)
        {
            var config = ServerConfigReader.Read(folder, configPath, Layout);
            Report(TestServers(config, configPath, Addresses(config)));
        }

        protected override void OnEnd()
        {
            if (Quiet)
            {
                WriteObject(_testedAny && _allReachable && ErrorsWritten == 0);
            }
        }

        private IReadOnlyList<(ServerRole Role, string? Address)> Addresses(IeaServerConfig? config) =>
            Server != null ? Server.Select(uri => (ServerRole.Custom, (string?)uri.OriginalString)).ToList() : ServerTestRun.AddressesOf(config!);

        private void Report(IReadOnlyList<IeaServerTestResult> results)
        {
            foreach (var result in results)
            {
                _testedAny = true;
                _allReachable &= result.Reachable;
                if (!Quiet)
                {
                    WriteObject(result);
                }
            }
        }
    }
}
