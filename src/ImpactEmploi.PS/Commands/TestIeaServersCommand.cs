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
    /// connection settings, and says which step failed and whose action is needed. Installations are tested
    /// concurrently (a few at a time); each result is written as soon as it is known. With -Server and no
    /// installation given, tests those addresses over a direct connection.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "IeaServers", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaServerTestResult), typeof(bool))]
    public sealed class TestIeaServersCommand : ProbeCmdletBase
    {
        /// <summary>How many installations are tested at the same time.</summary>
        private const int MaxConcurrentInstallations = 4;

        private readonly List<PendingTest> _pending = new List<PendingTest>();
        private bool _allReachable = true;
        private bool _testedAny;

        /// <summary>Other addresses to test with the same rules (Role Custom).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Uri[]? Server { get; set; }

        /// <summary>Returns one Boolean: true only when at least one server was tested, every one was reachable, and no error was written (False when nothing was tested).</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void OnProcess()
        {
            if (Server != null && Path == null && LiteralPath == null && InputObject == null)
            {
                Start(null, null);
                return;
            }

            base.OnProcess();
        }

        protected override void ProcessInstallation(string folder, string configPath) =>
            Start(ServerConfigReader.Read(folder, configPath, Layout), configPath);

        protected override void OnEnd()
        {
            WaitFor(_pending, all: true, Report);
            FinishDone();
            if (Quiet)
            {
                WriteObject(_testedAny && _allReachable && ErrorsWritten == 0);
            }
        }

        private void Start(IeaServerConfig? config, string? configPath)
        {
            _pending.Add(StartTest(config, configPath, Addresses(config)));
            while (_pending.Count >= MaxConcurrentInstallations)
            {
                WaitFor(_pending, all: false, Report);
                FinishDone();
            }
        }

        private void FinishDone()
        {
            foreach (var done in _pending.Where(p => p.Task.IsCompleted).ToList())
            {
                _pending.Remove(done);
                Finish(done, Report);
            }
        }

        private IReadOnlyList<(ServerRole Role, string? Address)> Addresses(IeaServerConfig? config) =>
            Server != null ? Server.Select(uri => (ServerRole.Custom, (string?)uri.OriginalString)).ToList() : ServerTestRun.AddressesOf(config!);

        private void Report(IeaServerTestResult result)
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
