using System.Collections.Generic;
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
            var targets = new List<(string Folder, string ConfigPath)>();
            foreach (var target in Targets())
            {
                if (_processed.IsFirst(target.ConfigPath))
                {
                    targets.Add(target);
                }
                else
                {
                    WriteVerbose(Text.Format("TargetAlreadyProcessed", target.ConfigPath));
                }
            }

            // A bar over several installations (silent where $ProgressPreference is SilentlyContinue, as in the Intune scripts).
            var progress = new ProgressRecord(3, MyInvocation.MyCommand.Name, " ");
            for (int i = 0; i < targets.Count; i++)
            {
                if (targets.Count > 1)
                {
                    progress.StatusDescription = Text.Format("InstallationProgress", i + 1, targets.Count, targets[i].Folder);
                    progress.PercentComplete = i * 100 / targets.Count;
                    WriteProgress(progress);
                }

                try
                {
                    ProcessInstallation(targets[i].Folder, targets[i].ConfigPath);
                }
                catch (IeaException error)
                {
                    WriteIeaError(error);
                }

                DrainLog();
            }

            if (targets.Count > 1)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        /// <summary>Does the cmdlet's work on one installation.</summary>
        protected abstract void ProcessInstallation(string folder, string configPath);

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
                        WriteIeaError(error);
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
                    WriteIeaError(new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
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
                    WriteIeaError(path.Error);
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
                        WriteIeaError(error);
                        any = true;
                        continue;
                    }

                    any = true;
                    yield return target;
                }

                if (!any)
                {
                    // A pattern that matched no installation at all: say so rather than process nothing in silence.
                    WriteIeaError(new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                        Text.Format("InstallationNotFound", path.Given, Layout.FileName), path.Given,
                        Text.Format("InstallationNotFoundAction", Layout.FileName)));
                }
            }
        }
    }
}
