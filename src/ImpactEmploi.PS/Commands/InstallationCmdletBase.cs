using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ImpactEmploi.Installations;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Targeting shared by every cmdlet that works on installations (see docs/ARCHITECTURE.md): -Path
    /// (folder or settings file, wildcards), -LiteralPath (taken as typed; Get-Item and Get-ChildItem output binds
    /// here by its PSPath), or -InputObject from Get-IeaInstallation, with -LayoutPath; with none of them, the
    /// installations found on this PC. Only the layout's settings file is ever a target: a path named explicitly
    /// that is not one is InstallationNotFound, what a wildcard matches besides is skipped with a Verbose line.
    /// An installation reached twice in one command (A,A; a folder and its settings file; twice on the pipeline) is
    /// processed once. A failure on one installation is reported and the next one is processed.
    /// </summary>
    public abstract class InstallationCmdletBase : PathCmdletBase
    {
        protected const string InputObjectSet = "InputObject";
        private IeaLayout? _layout;
        private IProcessTable? _processes;
        private ProcessedTargets _processed = ProcessedTargets.ForThisMachine();
        private List<(string Folder, string ConfigPath, IeaException? Error)>? _entries;

        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public IeaInstallation[]? InputObject { get; set; }

        /// <summary>A layout file; else $env:IEA_LAYOUT; else the module's default layout.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LayoutPath { get; set; }

        protected IeaLayout Layout => _layout ??= LayoutFile.Load(LayoutPath is null ? null : ResolvePath(LayoutPath));

        /// <summary>The process table, read once per command, on its first question (a write with nothing to change never reads it).</summary>
        protected IProcessTable Processes => _processes ??= new LazyProcessTable(() => new ProcessSnapshot());

        protected override void OnBegin()
        {
            base.OnBegin();
            _ = Layout;
            _processed = ProcessedTargets.ForThisMachine();
        }

        protected override void OnProcess()
        {
            // The targets and, in their turn among them, the errors of the paths that name none (see Defer).
            var entries = new List<(string Folder, string ConfigPath, IeaException? Error)>();
            _entries = entries;
            foreach (var target in Targets())
            {
                if (_processed.IsFirst(target.ConfigPath))
                {
                    entries.Add((target.Folder, target.ConfigPath, null));
                }
                else
                {
                    WriteVerbose(Text.Format("TargetAlreadyProcessed", target.ConfigPath));
                }
            }

            _entries = null;
            var count = entries.Count(entry => entry.Error == null);

            // A bar over several installations (silent where $ProgressPreference is SilentlyContinue, as in the Intune scripts).
            var progress = new ProgressRecord(3, MyInvocation.MyCommand.Name, " ");
            var i = 0;
            foreach (var entry in entries)
            {
                if (entry.Error != null)
                {
                    WriteTargetError(entry.Error);
                    continue;
                }

                if (count > 1)
                {
                    progress.StatusDescription = Text.Format("InstallationProgress", i + 1, count, entry.Folder);
                    progress.PercentComplete = i * 100 / count;
                    WriteProgress(progress);
                }

                i++;
                try
                {
                    ProcessInstallation(entry.Folder, entry.ConfigPath);
                }
                catch (IeaException error)
                {
                    WriteIeaError(error);
                }

                DrainLog();
            }

            if (count > 1)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        /// <summary>
        /// Reports a path or object that names no installation, in its turn after the installations before it: a cmdlet
        /// that writes their results later (Get-IeaConnectionStatus) writes this error after them too.
        /// </summary>
        protected virtual void WriteTargetError(IeaException failure) => WriteIeaError(failure);

        /// <summary>Does the cmdlet's work on one installation.</summary>
        protected abstract void ProcessInstallation(string folder, string configPath);

        /// <summary>An error met while <see cref="Targets"/> is read: kept between the targets yielded before and after it.</summary>
        private void Defer(IeaException error)
        {
            if (_entries is null) WriteTargetError(error);
            else _entries.Add((string.Empty, string.Empty, error));
        }

        private IEnumerable<(string Folder, string ConfigPath)> Targets()
        {
            if (InputObject != null)
            {
                foreach (var installation in InputObject)
                {
                    // Checked again like a path: an object may be built or changed by hand, and only the layout's file is a target.
                    (string, string) target;
                    try
                    {
                        target = InstallationLocator.Resolve(installation.ConfigPath, Layout);
                    }
                    catch (IeaException error)
                    {
                        Defer(error);
                        continue;
                    }

                    yield return target;
                }

                yield break;
            }

            if (NoPathGiven)
            {
                var locator = InstallationLocator.ForThisMachine();
                var found = locator.Discover(Layout);
                if (found.Count == 0)
                {
                    Defer(new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                        Text.Format("NoInstallationFound", System.Environment.MachineName, string.Join(", ", locator.CandidateFolders())),
                        null, Text.Get("NoInstallationFoundAction")));
                }

                foreach (var installation in found)
                {
                    yield return installation;
                }

                yield break;
            }

            foreach (var path in GivenPaths())
            {
                if (path.Error != null)
                {
                    Defer(path.Error);
                    continue;
                }

                var any = false;
                foreach (var match in path.Matches)
                {
                    (string, string) target;
                    try
                    {
                        target = InstallationLocator.Resolve(match, Layout);
                    }
                    catch (IeaException error) when (path.IsPattern && error.ErrorId == ErrorIds.InstallationNotFound)
                    {
                        WriteVerbose(Text.Format("WildcardNotAnInstallation", match, Layout.FileName));
                        continue;
                    }
                    catch (IeaException error)
                    {
                        Defer(error);
                        any = true;
                        continue;
                    }

                    any = true;
                    yield return target;
                }

                if (!any)
                {
                    // A pattern that matched no installation at all: say so rather than process nothing in silence.
                    Defer(new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                        Text.Format("InstallationNotFound", path.Given, Layout.FileName), path.Given,
                        Text.Format("InstallationNotFoundAction", Layout.FileName)));
                }
            }
        }
    }
}
