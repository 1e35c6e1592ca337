using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Probing;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// What the cmdlets that test the servers share: the probe's parameters, starting tests, and writing each result on
    /// the pipeline thread as soon as Core has queued it. A test that fails unexpectedly becomes a non-terminating
    /// error (ServerTestFailed) and the next installation is still tested.
    /// </summary>
    public abstract class ProbeCmdletBase : InstallationCmdletBase
    {
        // A certificate warning names the host: the three servers share one, and many installations test the same ones.
        private readonly HashSet<string> _warningsWritten = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>For a proxy that asks for a user name and password; else the default network credentials.</summary>
        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Seconds allowed for each server's whole test, retries included.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSec { get; set; } = 10;

        /// <summary>The most retries; at most one is made, and only for an origin 5xx or a connection cut in mid-answer.</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int RetryCount { get; set; } = 2;

        /// <summary>Tests the addresses and waits for them; <paramref name="onResult"/> gets each result as soon as it is known. Null when the test failed (the error is written).</summary>
        protected IReadOnlyList<IeaServerTestResult>? TestServers(IeaServerConfig? config, string? configPath,
            IReadOnlyList<(ServerRole Role, string? Address)> addresses, Action<IeaServerTestResult>? onResult = null)
        {
            var test = StartTest(config, configPath, addresses);
            WaitFor(new[] { test }, all: true, onResult);
            return Finish(test, onResult);
        }

        /// <summary>Starts testing one installation's addresses without waiting (see <see cref="WaitFor"/> and <see cref="Finish"/>).</summary>
        protected PendingTest StartTest(IeaServerConfig? config, string? configPath, IReadOnlyList<(ServerRole Role, string? Address)> addresses)
        {
            var settings = ServerTestRun.SettingsFor(config, ProxyCredential?.GetNetworkCredential(), TimeSpan.FromSeconds(TimeoutSec), RetryCount);
            var ready = new ConcurrentQueue<IeaServerTestResult>();
            var target = configPath ?? string.Join(", ", addresses.Select(a => a.Address));
            var stopping = StopToken;
            // Task.Run: nothing of the test runs on the pipeline thread, so Core never writes from it by mistake.
            var task = Task.Run(() => ServerTestRun.RunAsync(addresses, settings, configPath, ready, stopping), stopping);
            return new PendingTest(target, config?.Path ?? "", addresses.Count, task, ready);
        }

        /// <summary>Waits on the pipeline thread until one (or all) of <paramref name="tests"/> is done, writing results as they come.</summary>
        protected void WaitFor(IReadOnlyCollection<PendingTest> tests, bool all, Action<IeaServerTestResult>? onResult)
        {
            if (tests.Count == 0) return;
            var tasks = tests.Select(t => (Task)t.Task).ToArray();
            var done = all ? Task.WhenAll(tasks) : Task.WhenAny(tasks);
            // ExecuteSynchronously: the continuation only says "done"; no extra hop through the thread pool (on a busy PC each costs a time slice).
            Await(_ => done.ContinueWith(_ => true, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default),
                Text.Get("ProbeProgress"),
                elapsed => Text.Format("ProbeProgressStatus", string.Join(", ", tests.Where(t => !t.Task.IsCompleted).Select(t => t.Target)),
                    tests.Where(t => !t.Task.IsCompleted).Sum(t => t.Count), Math.Round(elapsed.TotalSeconds).ToString(CultureInfo.CurrentCulture)),
                () =>
                {
                    foreach (var test in tests) Drain(test, onResult);
                });
            if (StopToken.IsCancellationRequested) throw new PipelineStoppedException();
        }

        /// <summary>
        /// For a finished test: writes what is left, and its error if it failed; the results, or null after an error.
        /// <paramref name="target"/>: whose test the error is about, when not the installation that started it (a shared test).
        /// </summary>
        protected IReadOnlyList<IeaServerTestResult>? Finish(PendingTest test, Action<IeaServerTestResult>? onResult, string? target = null)
        {
            if (test is null) throw new ArgumentNullException(nameof(test));
            Drain(test, onResult);
            if (test.Task.Status == TaskStatus.RanToCompletion) return test.Task.Result;
            if (StopToken.IsCancellationRequested) throw new PipelineStoppedException();
            var cause = test.Task.Exception?.GetBaseException();
            var named = target ?? test.Target;
            WriteIeaError(new IeaException(ErrorIds.ServerTestFailed, IeaErrorCategory.ConnectionError,
                Text.Format("ServerTestFailed", named, cause?.Message ?? test.Task.Status.ToString()), named,
                Text.Get("ServerTestFailedAction"), cause));
            return null;
        }

        private void Drain(PendingTest test, Action<IeaServerTestResult>? onResult)
        {
            var now = DateTimeOffset.UtcNow;
            while (test.Ready.TryDequeue(out var result))
            {
                result.ComputerName = Environment.MachineName;
                result.Path = test.InstallationPath;
                foreach (var warning in ProbeWarnings.For(result, now).Where(_warningsWritten.Add)) WriteWarning(warning);
                onResult?.Invoke(result);
            }
        }

        /// <summary>One installation's test under way.</summary>
        protected sealed class PendingTest
        {
            internal PendingTest(string target, string installationPath, int count, Task<IReadOnlyList<IeaServerTestResult>> task,
                ConcurrentQueue<IeaServerTestResult> ready)
            {
                Target = target;
                InstallationPath = installationPath;
                Count = count;
                Task = task;
                Ready = ready;
            }

            /// <summary>The settings file (or the addresses) tested, for progress and errors.</summary>
            public string Target { get; }

            /// <summary>The installation folder the results belong to (empty for -Server).</summary>
            public string InstallationPath { get; }

            public int Count { get; }
            public Task<IReadOnlyList<IeaServerTestResult>> Task { get; }
            internal ConcurrentQueue<IeaServerTestResult> Ready { get; }
        }
    }
}
