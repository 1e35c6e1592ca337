using System.Collections.Generic;
using System.IO;
using System.Linq;
using ImpactEmploi.Installations;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Targeting for the discovery cmdlets: installation folders by -Path (wildcards) or -LiteralPath, whether or not
    /// the layout recognises them (these cmdlets exist for installations it cannot read); with neither, the candidate
    /// folders of this PC that exist. A file given stands for its folder; a folder reached twice is processed once.
    /// </summary>
    public abstract class FolderCmdletBase : PathCmdletBase
    {
        private ProcessedTargets _processed = ProcessedTargets.ForThisMachine();

        protected override void OnBegin()
        {
            base.OnBegin();
            _processed = ProcessedTargets.ForThisMachine();
        }

        protected override void OnProcess()
        {
            foreach (var folder in Folders())
            {
                if (!_processed.IsFirst(folder))
                {
                    WriteVerbose(Text.Format("TargetAlreadyProcessed", folder));
                    continue;
                }

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

        private IEnumerable<string> Folders()
        {
            IEnumerable<string> given;
            if (NoPathGiven)
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
            else
            {
                // A pattern that matches nothing goes on as written: the cmdlet then says that folder does not exist.
                given = GivenPaths().SelectMany(path =>
                {
                    if (path.Error == null) return path.Matches.Count > 0 ? path.Matches : new[] { path.Given };
                    WriteIeaError(path.Error);
                    return Enumerable.Empty<string>();
                });
            }

            foreach (var path in given)
            {
                yield return File.Exists(path) ? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? path : path;
            }
        }
    }
}
