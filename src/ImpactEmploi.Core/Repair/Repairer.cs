using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ImpactEmploi.Configuration;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Installations;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;
using ImpactEmploi.Support;

namespace ImpactEmploi.Repair
{
    /// <summary>
    /// The fiche pratique end to end, idempotent: leave assistance mode, apply the fiche's settings (with the
    /// connection program stopped, so it cannot write its old settings back, then started again), test the
    /// servers (retrying the authentication once), and report the fiche's case with what to do next.
    /// The connection program is stopped and started only in the caller's own desktop session; wherever that is
    /// not allowed (session 0, no desktop, SYSTEM, an unsafe folder, other users' copies) the report says
    /// RestartNeeded instead.
    /// </summary>
    public static class Repairer
    {
        public static IeaRepairReport Repair(string folder, string configPath, IeaLayout layout, RepairOptions options) =>
            new Run(folder, configPath, layout, options).Execute();

        /// <summary>One repair of one installation: the settings file is read once, plus once after each write.</summary>
        private sealed class Run
        {
            private readonly string _folder;
            private readonly string _configPath;
            private readonly IeaLayout _layout;
            private readonly RepairOptions _options;
            private readonly IProcessTable _processes;
            private readonly ISessionFacts _session;
            private readonly List<string> _actions = new List<string>();
            private SessionCopies? _tray;
            private bool _restartNeeded;

            public Run(string folder, string configPath, IeaLayout layout, RepairOptions options)
            {
                _folder = folder;
                _configPath = configPath;
                _layout = layout;
                _options = options;
                _processes = options.Processes ?? new LazyProcessTable(() => new ProcessSnapshot());
                _session = options.Session ?? SessionFacts.Current();
            }

            /// <summary>The connection program's copies, from the one process snapshot, kept current as the repair stops and starts it.</summary>
            private SessionCopies Tray => _tray ??= SessionCopies.Split(_processes.Find(_layout.ConnectionProgramProcess, _folder), _session);

            public IeaRepairReport Execute()
            {
                var (config, lastResult) = ServerConfigReader.ReadWithLastResult(_folder, _configPath, _layout);
                var before = Diagnose(config, lastResult, null);
                var complete = true;
                var written = false;

                if (config.AssistanceMode)
                {
                    if (string.IsNullOrEmpty(_options.DailyPassword))
                    {
                        throw new IeaException(ErrorIds.AssistanceModeActive, IeaErrorCategory.InvalidOperation,
                            Text.Format("AssistanceModeActive", _configPath), _configPath, before.NextStep);
                    }

                    var disabled = ConfigEditor.Update(_folder, _configPath, _layout,
                        new DesiredSettings { AssistanceMode = false, DailyPassword = _options.DailyPassword }, WriteOptions(allowInAssistanceMode: true));
                    complete &= Step(disabled, "RepairAssistanceDisabled");
                    written |= disabled.Written;
                }

                if (!config.IsRecommended)
                {
                    // In assistance mode, reaching here means it was disabled above, or would be (-WhatIf).
                    var applied = ApplyRecommended(config.AssistanceMode);
                    complete &= applied.Written || applied.Changes.Count == 0;
                    written |= applied.Written;
                }

                if (written)
                {
                    config = ServerConfigReader.Read(_folder, _configPath, _layout);
                }

                if (!complete)
                {
                    _actions.Add(Text.Get("RepairWouldTest"));
                    // A step was declined (-WhatIf, -Confirm): nothing was changed, so nothing goes to the log.
                    var untested = Diagnose(config, lastResult, null);
                    return Finish(before, untested, untested, null, logged: false);
                }

                var tests = Test(config);
                if (tests.Any(t => !t.Reachable))
                {
                    tests = RetryAuthentication(config, tests);
                }

                var outcome = Diagnose(config, lastResult, tests);
                if (outcome.FicheCaseValue != FicheCase.ServersUnreachable && outcome.FicheCaseValue != FicheCase.Refused)
                {
                    if (_actions.Count == 1 && outcome.FicheCaseValue == FicheCase.Connected)
                    {
                        _actions.Insert(0, Text.Get("RepairNothingNeeded"));
                    }

                    return Finish(before, outcome, outcome, null);
                }

                var request = SupportRequestBuilder.Build(outcome, config.Version, _options.Contact, _options.ModuleVersion, DateTimeOffset.Now);
                _actions.Add(Text.Get("RepairSupportRequestReady"));
                var after = _options.EnableAssistanceModeOnFailure ? EnableAssistanceMode(lastResult, tests) ?? outcome : outcome;
                return Finish(before, after, outcome, request);
            }

            /// <summary>Writes the fiche's settings, with the caller's copies of the connection program stopped meanwhile; records it in Actions.</summary>
            private ConfigUpdateResult ApplyRecommended(bool allowInAssistanceMode)
            {
                var tray = Tray;
                string? whyNotStopped = null;
                var stopped = false;
                if (tray.Mine.Count > 0 && !_processes.IsRunning(_layout.ApplicationProcess, _folder))
                {
                    whyNotStopped = WhyNotRestartable();
                    if (whyNotStopped == null && _options.Confirm(_configPath, Text.Get("RepairStopConnectionProgram")))
                    {
                        // Not cancellable: stopped half-way by Ctrl+C, the program would stay closed; the wait is bounded by its grace.
                        ConnectionProgram.Stop(tray.Mine, _options.Programs, CancellationToken.None);
                        stopped = true;
                        _actions.Add(Text.Get("RepairConnectionProgramStopped"));
                    }
                }
                else if (tray.Others.Count > 0)
                {
                    whyNotStopped = WhyNotRestartable();
                }

                ConfigUpdateResult result;
                try
                {
                    result = ConfigEditor.Update(_folder, _configPath, _layout, DesiredSettings.Recommended(_layout.Recommended),
                        WriteOptions(allowInAssistanceMode));
                    Step(result, "RepairSettingsApplied");
                }
                finally
                {
                    if (stopped)
                    {
                        var started = _options.Programs.Start(ConnectionProgram.ExecutableOf(_folder, _layout));
                        _tray = new SessionCopies(new[] { started }, tray.Others);
                        _actions.Add(Text.Get("RepairConnectionProgramStarted"));
                    }
                }

                // A copy left running keeps the settings it read: it must be restarted to use the new ones.
                var leftRunning = stopped ? tray.Others : tray.Mine.Concat(tray.Others).ToArray();
                if (result.Written && leftRunning.Count > 0)
                {
                    NeedRestart(whyNotStopped ?? Text.Format("RestartNeededLeftRunning", string.Join(", ", leftRunning)));
                }

                return result;
            }

            /// <summary>The fiche's "Relancer l'authentification": restart the caller's copy once and test again.</summary>
            private IReadOnlyList<IeaServerTestResult> RetryAuthentication(IeaServerConfig config, IReadOnlyList<IeaServerTestResult> tests)
            {
                var tray = Tray;
                if (tray.Mine.Count == 0)
                {
                    if (tray.Others.Count > 0)
                    {
                        NeedRestart(WhyNotRestartable() ?? Text.Format("RestartNeededOtherSessions", string.Join(", ", tray.Others)));
                    }

                    return tests;
                }

                var why = WhyNotRestartable();
                if (why != null)
                {
                    NeedRestart(why);
                    return tests;
                }

                // Not cancellable, as in ApplyRecommended: a restart cut between stop and start leaves the program closed.
                var restart = ConnectionProgram.Restart(ConnectionProgram.ExecutableOf(_folder, _layout), tray, _options.Programs, _session, _options.Confirm,
                    CancellationToken.None);
                if (restart.IsDeclined || restart.StartedProcessId == null)
                {
                    return tests;
                }

                _tray = new SessionCopies(new[] { restart.StartedProcessId.Value }, tray.Others);
                _actions.Add(Text.Get("RepairAuthenticationRestarted"));
                return Test(config);
            }

            /// <summary>Null when this session may stop and start the caller's copies; else why not, for Actions.</summary>
            private string? WhyNotRestartable()
            {
                if (!ConnectionProgram.MayStartIn(_session))
                {
                    return Text.Format("RestartNeededNoDesktop", _session.SessionId);
                }

                try
                {
                    ConnectionProgram.ThrowIfUnsafe(ConnectionProgram.ExecutableOf(_folder, _layout), _session);
                    return _tray != null && _tray.Mine.Count == 0 && _tray.Others.Count > 0
                        ? Text.Format("RestartNeededOtherSessions", string.Join(", ", _tray.Others))
                        : null;
                }
                catch (IeaException error) when (error.ErrorId == ErrorIds.UnsafeProgramFolder)
                {
                    return error.ErrorId + ": " + error.Message;
                }
            }

            private IeaConnectionStatus? EnableAssistanceMode(AuthenticationResult lastResult, IReadOnlyList<IeaServerTestResult> tests)
            {
                try
                {
                    var enabled = ConfigEditor.Update(_folder, _configPath, _layout, new DesiredSettings { AssistanceMode = true },
                        WriteOptions(allowInAssistanceMode: true));
                    return Step(enabled, "RepairAssistanceEnabled") && enabled.Written
                        ? Diagnose(ServerConfigReader.Read(_folder, _configPath, _layout), lastResult, tests)
                        : null;
                }
                catch (IeaException error)
                {
                    // The diagnosis and the support request matter more than this last step: report it, keep them.
                    _actions.Add(Text.Format("RepairAssistanceNotEnabled", error.ErrorId, error.Message));
                    return null;
                }
            }

            private IReadOnlyList<IeaServerTestResult> Test(IeaServerConfig config)
            {
                var tests = _options.TestServers(config);
                _actions.Add(Text.Format("RepairTested", tests.Count(t => t.Reachable), tests.Count));
                return tests;
            }

            private void NeedRestart(string reason)
            {
                _restartNeeded = true;
                _actions.Add(Text.Format("RepairRestartNeeded", reason));
            }

            private IeaConnectionStatus Diagnose(IeaServerConfig config, AuthenticationResult lastResult, IReadOnlyList<IeaServerTestResult>? tests) =>
                Diagnoser.Diagnose(config, lastResult, tests, _options.ComputerName, DateTimeOffset.Now);

            private UpdateOptions WriteOptions(bool allowInAssistanceMode) => new UpdateOptions
            {
                // Repair stops and starts the connection program itself: only IEA proper stops it.
                Processes = new IgnoringProgram(_processes, _layout.ConnectionProgramProcess),
                AllowInAssistanceMode = allowInAssistanceMode,
                Force = _options.Force,
                LockTimeout = _options.LockTimeout,
                Confirm = _options.Confirm,
                Operation = _options.Operation,
                CancellationToken = _options.CancellationToken,
            };

            /// <summary>Records what a write did (or would do); false when it was declined (-WhatIf, -Confirm).</summary>
            private bool Step(ConfigUpdateResult result, string doneKey)
            {
                if (result.Changes.Count == 0)
                {
                    return true;
                }

                var changes = string.Join("; ", result.Changes);
                _actions.Add(result.Written ? Text.Format(doneKey, changes) : Text.Format("RepairWould", changes));
                return result.Written;
            }

            /// <summary>
            /// The report: After is where the installation ends; Case and NextStep are the fiche's outcome of the
            /// server tests (which assistance mode switched on afterwards does not change).
            /// </summary>
            private IeaRepairReport Finish(IeaConnectionStatus before, IeaConnectionStatus after, IeaConnectionStatus outcome, IeaSupportRequest? request,
                bool logged = true)
            {
                var report = new IeaRepairReport
                {
                    ComputerName = _options.ComputerName,
                    Path = _folder,
                    Before = before,
                    After = after,
                    Actions = _actions,
                    FicheCaseValue = outcome.FicheCaseValue,
                    NextStep = _restartNeeded ? Text.Get("RepairNextRestartNeeded") + " " + outcome.NextStep : outcome.NextStep,
                    RestartNeeded = _restartNeeded,
                    SupportRequest = request,
                };

                // One event per repair, so an admin can collect every PC's outcome from the JSON log.
                if (!logged)
                {
                    return report;
                }

                Logging.Log.Information("Repair {Path:l}: {Before} -> {After}, case {Case}, restart needed {RestartNeeded}; {Actions:l}",
                    report.Path, report.Before?.State, report.After?.State, report.Case, report.RestartNeeded, string.Join(" | ", report.Actions));
                return report;
            }
        }

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
    }
}
