using System.Collections.Generic;
using System.Management.Automation;
using ImpactEmploi.Installations;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Targeting shared by every cmdlet that works on installations (see docs/ARCHITECTURE.md): -Path (folder or
    /// settings file, pipeline by property name), or -InputObject from Get-IeaInstallation, with -LayoutPath;
    /// with neither, the installations found on this PC. A failure on one installation is reported and the
    /// next one is processed.
    /// </summary>
    public abstract class InstallationCmdletBase : IeaCmdletBase
    {
        protected const string PathSet = "Path";
        protected const string InputObjectSet = "InputObject";
        private IeaLayout? _layout;
        private IProcessTable? _processes;

        /// <summary>An installation folder or its settings file. Wildcards are accepted.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

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

        protected override void OnBegin() => _ = Layout;

        protected override void OnProcess()
        {
            foreach (var target in Targets())
            {
                try
                {
                    ProcessInstallation(target.Folder, target.ConfigPath);
                }
                catch (IeaException error)
                {
                    WriteIeaError(error);
                }

                DrainLog();
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
                    yield return (installation.Path, installation.ConfigPath);
                }

                yield break;
            }

            if (Path == null)
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

            foreach (var given in Path)
            {
                foreach (var resolved in Expand(given))
                {
                    (string, string) target;
                    try
                    {
                        target = InstallationLocator.Resolve(resolved, Layout);
                    }
                    catch (IeaException error)
                    {
                        WriteIeaError(error);
                        continue;
                    }

                    yield return target;
                }
            }
        }

        private IEnumerable<string> Expand(string given)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(given))
            {
                return new[] { ResolvePath(given) };
            }

            try
            {
                var matches = GetResolvedProviderPathFromPSPath(given, out _);
                // Nothing matched: let InstallationNotFound say so rather than processing nothing in silence.
                return matches.Count > 0 ? matches : (IEnumerable<string>)new[] { given };
            }
            catch (ItemNotFoundException)
            {
                return new[] { given };
            }
        }
    }
}
