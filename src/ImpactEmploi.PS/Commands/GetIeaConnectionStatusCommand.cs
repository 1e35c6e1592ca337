using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ImpactEmploi.Configuration;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Layouts;
using ImpactEmploi.Probing;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Each installation's state in the fiche's terms: the tray icon, the fiche's case and the next step. The servers
    /// of several installations are tested concurrently (a few at a time), once for all the installations that share
    /// the same connection settings and addresses; the statuses are written in the installations' order, each as soon
    /// as it and the ones before it are known.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IeaConnectionStatus", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaConnectionStatus))]
    public sealed class GetIeaConnectionStatusCommand : ProbeCmdletBase
    {
        /// <summary>How many installations are tested at the same time (as Test-IeaServers).</summary>
        private const int MaxConcurrentInstallations = 4;

        // In the installations' order: a status waits here until its test and every earlier one are done.
        private readonly Queue<PendingStatus> _pending = new Queue<PendingStatus>();

        // The tests started by this call, by ServerTestRun.TestKeyOf: a terminal server's installations usually share one.
        private readonly Dictionary<string, PendingTest> _tests = new Dictionary<string, PendingTest>(StringComparer.Ordinal);

        /// <summary>Reads the settings only: no server is contacted.</summary>
        [Parameter]
        public SwitchParameter Offline { get; set; }

        protected override void ProcessInstallation(string folder, string configPath)
        {
            if (Offline)
            {
                var (config, lastResult) = ServerConfigReader.ReadWithLastResult(folder, configPath, Layout);
                WriteObject(Diagnoser.Diagnose(config, lastResult, null, Environment.MachineName, DateTimeOffset.Now));
                return;
            }

            try
            {
                var (config, lastResult) = ServerConfigReader.ReadWithLastResult(folder, configPath, Layout);
                var key = ServerTestRun.TestKeyOf(config);
                var shared = _tests.TryGetValue(key, out var test);
                if (!shared)
                {
                    test = StartTest(config, configPath, ServerTestRun.AddressesOf(config));
                    _tests[key] = test;
                }

                _pending.Enqueue(new PendingStatus(config, configPath, lastResult, test!, shared));
            }
            catch (IeaException error) when (_pending.Count > 0)
            {
                // Written in its turn, after the statuses of the installations before it.
                _pending.Enqueue(new PendingStatus(error));
            }

            WriteFinished();
            while (InFlight().Count >= MaxConcurrentInstallations)
            {
                WaitFor(InFlight(), all: false, null);
                WriteFinished();
            }
        }

        protected override void WriteTargetError(IeaException failure)
        {
            // Written in its turn, after the statuses of the installations before it.
            if (_pending.Count > 0) _pending.Enqueue(new PendingStatus(failure));
            else base.WriteTargetError(failure);
        }

        protected override void OnEnd()
        {
            WriteFinished();
            while (_pending.Count > 0)
            {
                WaitFor(InFlight(), all: false, null);
                WriteFinished();
            }
        }

        private List<PendingTest> InFlight() =>
            _pending.Where(p => p.Test != null && !p.Test.Task.IsCompleted).Select(p => p.Test!).Distinct().ToList();

        /// <summary>Writes, in order, the statuses at the head of the queue whose test is done.</summary>
        private void WriteFinished()
        {
            while (_pending.Count > 0 && (_pending.Peek().Test?.Task.IsCompleted ?? true))
            {
                var done = _pending.Dequeue();
                if (done.Error != null)
                {
                    WriteIeaError(done.Error);
                    continue;
                }

                // A test that failed unexpectedly has written its error, naming this installation's settings file even when
                // the test was started for another one; the status then reads as not tested.
                var tests = Finish(done.Test!, null, done.ConfigPath);
                if (tests != null && done.SharedTest)
                {
                    // The test's results carry the installation that started it: this one gets its own copies, and its log lines.
                    tests = tests.Select(t => t.ForInstallation(done.Config!.Path)).ToList();
                    foreach (var result in tests) ServerTestRun.LogSharedResult(result, done.ConfigPath);
                }

                WriteObject(Diagnoser.Diagnose(done.Config!, done.LastResult, tests, Environment.MachineName, DateTimeOffset.Now));
            }
        }

        /// <summary>One installation's status on its way: its settings and its servers' test, or the error reading it.</summary>
        private sealed class PendingStatus
        {
            public PendingStatus(IeaServerConfig config, string configPath, AuthenticationResult lastResult, PendingTest test, bool sharedTest)
            {
                Config = config;
                ConfigPath = configPath;
                LastResult = lastResult;
                Test = test;
                SharedTest = sharedTest;
            }

            public PendingStatus(IeaException error) => Error = error;

            public IeaServerConfig? Config { get; }
            public string? ConfigPath { get; }
            public AuthenticationResult LastResult { get; }
            public PendingTest? Test { get; }
            public IeaException? Error { get; }

            /// <summary>The test was started for an earlier installation with the same settings and addresses.</summary>
            public bool SharedTest { get; }
        }
    }
}
