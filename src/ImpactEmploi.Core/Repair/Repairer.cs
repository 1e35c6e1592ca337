using System;
using System.Collections.Generic;
using System.Linq;
using ImpactEmploi.Configuration;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Installations;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;
using ImpactEmploi.Support;

namespace ImpactEmploi.Repair
{
    public sealed class RepairOptions
    {
        /// <summary>The password of the day, to leave assistance mode; never logged or shown.</summary>
        public string? DailyPassword { get; set; }

        /// <summary>On case 2 or 3, switch assistance mode on so the association can keep working, as the fiche advises.</summary>
        public bool EnableAssistanceModeOnFailure { get; set; }

        /// <summary>Write even while IEA itself runs.</summary>
        public bool Force { get; set; }

        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);
        public Func<string, string, bool> Confirm { get; set; } = (_, _) => true;

        /// <summary>Tests the servers of a configuration (the cmdlet waits on the probe from its own thread).</summary>
        public Func<IeaServerConfig, IReadOnlyList<IeaServerTestResult>> TestServers { get; set; } = _ => Array.Empty<IeaServerTestResult>();

        public IProgramControl Programs { get; set; } = new ProcessProgramControl();
        public ContactDetails? Contact { get; set; }
        public string ModuleVersion { get; set; } = "";
        public string ComputerName { get; set; } = Environment.MachineName;
        public string Operation { get; set; } = "Repair-IeaConnection";

        /// <summary>Ends a wait for the lock when the command is stopped (Ctrl+C).</summary>
        public System.Threading.CancellationToken CancellationToken { get; set; }
    }

    /// <summary>
    /// The fiche pratique end to end, idempotent: leave assistance mode, apply the fiche's settings (with the
    /// connection program stopped, so it cannot write its old settings back, then started again), test the
    /// servers (retrying the authentication once), and report the fiche's case with what to do next.
    /// </summary>
    public static class Repairer
    {
        public static IeaRepairReport Repair(string folder, string configPath, IeaLayout layout, RepairOptions options)
        {
            var actions = new List<string>();
            var (config, lastResult) = ServerConfigReader.ReadWithLastResult(folder, configPath, layout);
            var before = Diagnoser.Diagnose(config, lastResult, null, options.ComputerName, DateTimeOffset.Now);
            var complete = true;

            if (config.AssistanceMode)
            {
                if (string.IsNullOrEmpty(options.DailyPassword))
                {
                    throw new IeaException(ErrorIds.AssistanceModeActive, IeaErrorCategory.InvalidOperation,
                        Text.Format("AssistanceModeActive", configPath), configPath, before.NextStep);
                }

                complete &= Step(actions, AssistanceMode.Disable(folder, configPath, layout, options.DailyPassword!, WriteOptions(layout, options)),
                    "RepairAssistanceDisabled");
            }

            if (!config.IsRecommended)
            {
                // In assistance mode, reaching here means it was disabled above, or would be (-WhatIf).
                complete &= ApplyRecommended(folder, configPath, layout, options, actions, config.AssistanceMode);
            }

            config = ServerConfigReader.Read(folder, configPath, layout);
            if (!complete)
            {
                // A step was declined (-WhatIf, -Confirm): nothing was changed, so nothing goes to the audit log.
                actions.Add(Text.Get("RepairWouldTest"));
                return Report(folder, options, before, Diagnoser.Diagnose(config, lastResult, null, options.ComputerName, DateTimeOffset.Now), actions, null);
            }

            var declined = false;

            var tests = options.TestServers(config);
            actions.Add(Text.Format("RepairTested", tests.Count(t => t.Reachable), tests.Count));
            var programs = new ProcessSnapshot();
            if (tests.Any(t => !t.Reachable) && programs.IsRunning(layout.ConnectionProgramProcess, folder))
            {
                var restart = ConnectionProgram.Restart(folder, layout, programs, options.Programs, options.Confirm);
                declined |= restart.Declined;
                if (!restart.Declined)
                {
                    actions.Add(Text.Get("RepairAuthenticationRestarted"));
                    tests = options.TestServers(config);
                    actions.Add(Text.Format("RepairTested", tests.Count(t => t.Reachable), tests.Count));
                }
            }

            var after = Diagnoser.Diagnose(config, lastResult, tests, options.ComputerName, DateTimeOffset.Now);
            if ((after.Case != 2 && after.Case != 3) || SupportRequestPolicy.IsLocalFault(after))
            {
                if (actions.Count == 1 && after.Case == 1)
                {
                    actions.Insert(0, Text.Get("RepairNothingNeeded"));
                }

                return Logged(Report(folder, options, before, after, actions, null), declined);
            }

            var request = SupportRequestBuilder.Build(after, config.Version, options.Contact, options.ModuleVersion, DateTimeOffset.Now);
            actions.Add(Text.Get("RepairSupportRequestReady"));
            var failure = after;
            if (options.EnableAssistanceModeOnFailure)
            {
                try
                {
                    var enabled = Step(actions, AssistanceMode.Enable(folder, configPath, layout, WriteOptions(layout, options)), "RepairAssistanceEnabled");
                    declined |= !enabled;
                    if (enabled)
                    {
                        after = Diagnoser.Diagnose(ServerConfigReader.Read(folder, configPath, layout), lastResult, tests, options.ComputerName, DateTimeOffset.Now);
                    }
                }
                catch (IeaException error)
                {
                    // The diagnosis and the support request matter more than this last step: report it, keep them.
                    actions.Add(Text.Format("RepairAssistanceNotEnabled", error.ErrorId, error.Message));
                }
            }

            var report = Report(folder, options, before, after, actions, request);
            report.Case = failure.Case;
            report.NextStep = failure.NextStep;
            return Logged(report, declined);
        }

        private static bool ApplyRecommended(string folder, string configPath, IeaLayout layout, RepairOptions options, List<string> actions,
            bool allowInAssistanceMode)
        {
            var processes = new ProcessSnapshot();
            var tray = processes.Find(layout.ConnectionProgramProcess, folder);
            var stopTray = tray.Count > 0 && !processes.IsRunning(layout.ApplicationProcess, folder) &&
                options.Confirm(configPath, Text.Get("RepairStopConnectionProgram"));
            if (stopTray)
            {
                foreach (var id in tray)
                {
                    options.Programs.Terminate(id, TimeSpan.FromSeconds(10));
                }

                actions.Add(Text.Get("RepairConnectionProgramStopped"));
            }

            try
            {
                var write = WriteOptions(layout, options);
                write.AllowInAssistanceMode = allowInAssistanceMode;
                return Step(actions, ConfigEditor.Update(folder, configPath, layout, DesiredSettings.Recommended(layout.Recommended), write),
                    "RepairSettingsApplied");
            }
            finally
            {
                if (stopTray)
                {
                    var executable = ConnectionProgram.ExecutablePath(folder, layout);
                    ConnectionProgram.WarnIfServiceSession(executable);
                    options.Programs.Start(executable);
                    actions.Add(Text.Get("RepairConnectionProgramStarted"));
                }
            }
        }

        private static UpdateOptions WriteOptions(IeaLayout layout, RepairOptions options) => new UpdateOptions
        {
            // Repair stops and starts the connection program itself: only IEA proper stops it.
            Processes = new IgnoringProgram(new ProcessSnapshot(), layout.ConnectionProgramProcess),
            Force = options.Force,
            LockTimeout = options.LockTimeout,
            Confirm = options.Confirm,
            Operation = options.Operation,
            CancellationToken = options.CancellationToken,
        };

        private sealed class IgnoringProgram : IProcessTable
        {
            private readonly IProcessTable _inner;
            private readonly string _ignored;

            public IgnoringProgram(IProcessTable inner, string ignored)
            {
                _inner = inner;
                _ignored = ignored;
            }

            public bool IsRunning(string imageName, string folder) => Find(imageName, folder).Count > 0;

            public IReadOnlyList<int> Find(string imageName, string folder) =>
                string.Equals(imageName, _ignored, StringComparison.OrdinalIgnoreCase) ? Array.Empty<int>() : _inner.Find(imageName, folder);
        }

        /// <summary>Records what a write did (or would do); false when it was declined (-WhatIf, -Confirm).</summary>
        private static bool Step(List<string> actions, ConfigUpdateResult result, string doneKey)
        {
            if (result.Changes.Count == 0)
            {
                return true;
            }

            var changes = string.Join("; ", result.Changes);
            actions.Add(result.Written ? Text.Format(doneKey, changes) : Text.Format("RepairWould", changes));
            return result.Written;
        }

        private static IeaRepairReport Report(string folder, RepairOptions options, IeaConnectionStatus before, IeaConnectionStatus after,
            List<string> actions, IeaSupportRequest? request) => new IeaRepairReport
            {
                ComputerName = options.ComputerName,
                Path = folder,
                Before = before,
                After = after,
                Actions = actions,
                Case = after.Case,
                NextStep = after.NextStep,
                SupportRequest = request,
            };

        /// <summary>
        /// One event per repair, so an admin can collect every PC's outcome from the JSON log; none when a step was
        /// declined (-WhatIf, -Confirm), as the log records what was done to the PC.
        /// </summary>
        private static IeaRepairReport Logged(IeaRepairReport report, bool declined)
        {
            if (declined)
            {
                return report;
            }

            Logging.Log.Information("Repair {Path:l}: {Before} -> {After}, case {Case}; {Actions:l}",
                report.Path, report.Before?.State, report.After?.State, report.Case, string.Join(" | ", report.Actions));
            return report;
        }
    }
}
