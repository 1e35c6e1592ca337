using System;
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
    /// A failure on one installation is reported and the next one is processed.
    /// </summary>
    public abstract class InstallationCmdletBase : IeaCmdletBase
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";
        protected const string InputObjectSet = "InputObject";
        private IeaLayout? _layout;
        private IProcessTable? _processes;

        // -Path typed on the command line (bound before the pipeline runs) is a pattern; a Path property of an
        // object on the pipeline is that object's real path, so "Asso [Paie]" there never matches "Asso A".
        private bool _pathTyped;

        /// <summary>An installation folder or its settings file. Wildcards are accepted.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>An installation folder or its settings file, exactly as typed: [ ] * ? are part of the name.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

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
            _ = Layout;
            _pathTyped = MyInvocation.BoundParameters.ContainsKey(nameof(Path));
        }

        protected override void OnProcess()
        {
            var targets = new List<(string Folder, string ConfigPath)>(Targets());
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

        protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

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

            if (Path == null && LiteralPath == null)
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

            var requests = LiteralPath != null
                ? LiteralPath.Select(given => (Given: given, Matches: (IReadOnlyList<string>)new[] { ResolvePath(given) }, Explicit: true))
                : _pathTyped
                    ? Path!.Select(given => (Given: given, Matches: Expand(given), Explicit: !WildcardPattern.ContainsWildcardCharacters(given)))
                    : Path!.Select(given => (Given: given, Matches: (IReadOnlyList<string>)new[] { ResolvePath(given) }, Explicit: true));
            foreach (var (given, matches, isExplicit) in requests)
            {
                var any = false;
                foreach (var match in matches)
                {
                    (string, string) target;
                    try
                    {
                        target = InstallationLocator.Resolve(match, Layout);
                    }
                    catch (IeaException error) when (!isExplicit && error.ErrorId == ErrorIds.InstallationNotFound)
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
                        Text.Format("InstallationNotFound", given, Layout.FileName), given,
                        Text.Format("InstallationNotFoundAction", Layout.FileName)));
                }
            }
        }

        /// <summary>What -Path names: the provider's matches (escaped brackets are literal); a path that does not exist as itself.</summary>
        private IReadOnlyList<string> Expand(string given)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(given) && given.IndexOf('`') < 0)
            {
                // Nothing to expand or unescape: no provider globbing (a thousand installations per call stay cheap).
                return new[] { ResolvePath(given) };
            }

            try
            {
                return GetResolvedProviderPathFromPSPath(given, out _);
            }
            catch (ItemNotFoundException)
            {
                return WildcardPattern.ContainsWildcardCharacters(given)
                    ? Array.Empty<string>()
                    : new[] { ResolvePath(WildcardPattern.Unescape(given)) };
            }
        }
    }
}
