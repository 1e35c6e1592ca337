using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using ImpactEmploi.Discovery;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Writes a draft layout from what Find-IeaSetting finds in one installation (or from the candidates given,
    /// reviewed and filtered, local or from another PC): the best guess for each setting, the other candidates as
    /// comments, the settings not found marked so. Never replaces a file without -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "IeaLayout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaLayoutDraft))]
    public sealed class NewIeaLayoutCommand : IeaCmdletBase
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string CandidateSet = "Candidate";
        private readonly List<IeaSettingCandidate> _given = new List<IeaSettingCandidate>();

        /// <summary>The installation folder to describe.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The installation folder, taken exactly as typed (Get-Item output binds here by its PSPath).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string? LiteralPath { get; set; }

        /// <summary>Candidates from Find-IeaSetting (of one installation), as they are or filtered.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = CandidateSet)]
        [ValidateNotNull]
        public PSObject[]? InputObject { get; set; }

        /// <summary>The layout file to write (.psd1).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>The layout whose processes, official hosts, recommended values and default places the draft takes; else $env:IEA_LAYOUT, else the default layout.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LayoutPath { get; set; }

        /// <summary>Searches the files only, not the registry.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public SwitchParameter NoRegistry { get; set; }

        /// <summary>Replaces an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void OnProcess()
        {
            foreach (var input in InputObject ?? Array.Empty<PSObject>())
            {
                var candidate = CandidateInput.From(input);
                if (candidate == null)
                {
                    WriteWarning(Text.Format("DraftNotACandidate", input.BaseObject?.GetType().FullName ?? "null"));
                    continue;
                }

                _given.Add(candidate);
            }
        }

        protected override void OnEnd()
        {
            var baseLayout = LayoutFile.Load(LayoutPath == null ? null : Resolve(LayoutPath));
            string folder;
            List<IeaSettingCandidate> candidates;
            if (ParameterSetName == CandidateSet)
            {
                var folders = _given.Select(c => c.Path).Distinct(StringComparer.Ordinal).ToList();
                if (folders.Count != 1)
                {
                    throw new IeaException(ErrorIds.LayoutNotWritten, IeaErrorCategory.InvalidArgument,
                        Text.Format("DraftCandidatesOfSeveralInstallations", folders.Count, string.Join(", ", folders)), null, Text.Get("DraftCandidatesAction"));
                }

                folder = folders[0];
                candidates = _given;
            }
            else
            {
                folder = Resolve(LiteralPath ?? Path!);
                var registry = NoRegistry || !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? null : new WindowsRegistryReader();
                candidates = new SettingScanner(null, registry).Scan(folder);
            }

            var draft = LayoutDrafter.Draft(folder, candidates, baseLayout, DateTime.Now);
            // Every draft must load with the layout parser as it is (any format, a file in a subfolder, registry
            // settings): a failure here is the drafter's fault, and nothing is written.
            LayoutFile.FromText(draft.Text, Resolve(OutFile!));

            LayoutDraftFile.Save(draft, Resolve(OutFile!), Force, (target, action) => ShouldProcess(target, action));
            WriteObject(draft);
        }

        private string Resolve(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
    }
}
