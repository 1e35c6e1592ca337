using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using ImpactEmploi.Discovery;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Writes a draft layout from what Find-IeaSetting finds in one installation: the best guess for each setting,
    /// the other candidates as comments, the settings not found marked so. Never replaces a file without -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "IeaLayout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IeaLayoutDraft))]
    public sealed class NewIeaLayoutCommand : IeaCmdletBase
    {
        /// <summary>The installation folder to describe.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The layout file to write (.psd1).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>The layout whose processes, official hosts, recommended values and default places the draft takes; else $env:IEA_LAYOUT, else the default layout.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LayoutPath { get; set; }

        /// <summary>Searches the files only, not the registry.</summary>
        [Parameter]
        public SwitchParameter NoRegistry { get; set; }

        /// <summary>Replaces an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void OnProcess()
        {
            var baseLayout = LayoutFile.Load(LayoutPath == null ? null : Resolve(LayoutPath));
            var folder = Resolve(Path!);
            var registry = NoRegistry || !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? null : new WindowsRegistryReader();
            var candidates = new SettingScanner(null, registry).Scan(folder);
            var draft = LayoutDrafter.Draft(folder, candidates, baseLayout, DateTime.Now);
            if (draft.Format == SettingFormat.Ini && draft.FileName.IndexOf('/') < 0 && draft.FileName.IndexOf('\\') < 0)
            {
                // An INI draft of a file in the installation folder itself must load with the layout parser as it is:
                // a failure here is the drafter's fault. (A file in a subfolder needs the schema's relative FileName.)
                LayoutFile.FromText(draft.Text, Resolve(OutFile!));
            }

            LayoutDraftFile.Save(draft, Resolve(OutFile!), Force, (target, action) => ShouldProcess(target, action));
            WriteObject(draft);
        }

        private string Resolve(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
    }
}
