using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ImpactEmploi.Installations;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Targeting for the discovery cmdlets: installation folders by -Path (wildcards) or -LiteralPath, whether or not
    /// the layout recognises them (these cmdlets exist for installations it cannot read); with neither, the candidate
    /// folders of this PC that exist. A file given stands for its folder.
    /// </summary>
    public abstract class FolderCmdletBase : IeaCmdletBase
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";

        /// <summary>Installation folders (or a file in one). Wildcards are accepted.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Installation folders, taken as written (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        protected override void OnProcess()
        {
            foreach (var folder in Folders())
            {
                try
                {
                    ProcessFolder(folder);
                }
                catch (IeaException error)
                {
                    WriteIeaError(error);
                }

                DrainLog();
            }
        }

        protected abstract void ProcessFolder(string folder);

        protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        private IEnumerable<string> Folders()
        {
            IEnumerable<string> given;
            if (LiteralPath != null)
            {
                given = LiteralPath.Select(ResolvePath);
            }
            else if (Path != null)
            {
                given = Path.SelectMany(Expand);
            }
            else
            {
                var locator = InstallationLocator.ForThisMachine();
                var found = locator.CandidateFolders().Where(Directory.Exists).ToList();
                if (found.Count == 0)
                {
                    WriteIeaError(new IeaException(ErrorIds.InstallationNotFound, IeaErrorCategory.ObjectNotFound,
                        Text.Format("NoInstallationFound", System.Environment.MachineName, string.Join(", ", locator.CandidateFolders())),
                        null, Text.Get("NoInstallationFoundAction")));
                }

                given = found;
            }

            foreach (var path in given)
            {
                yield return File.Exists(path) ? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? path : path;
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
                return matches.Count > 0 ? matches : (IEnumerable<string>)new[] { given };
            }
            catch (ItemNotFoundException)
            {
                return new[] { given };
            }
        }
    }
}
