using System.Management.Automation;
using System.Runtime.InteropServices;
using ImpactEmploi.Discovery;
using ImpactEmploi.Resources;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Searches an installation's text files and, on Windows, the registry keys that name IEA or URSSAF for the
    /// values that look like the fiche's settings: the first step in writing a layout for installations the
    /// default layout cannot read. Read-only.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "IeaSetting", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaSettingCandidate))]
    public sealed class FindIeaSettingCommand : FolderCmdletBase
    {
        /// <summary>Folder levels searched below the installation folder.</summary>
        [Parameter]
        [ValidateRange(0, 64)]
        public int MaxDepth { get; set; } = new ScanLimits().MaxDepth;

        /// <summary>Searches the files only, not the registry.</summary>
        [Parameter]
        public SwitchParameter NoRegistry { get; set; }

        protected override void ProcessFolder(string folder)
        {
            var registry = NoRegistry || !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? null : new WindowsRegistryReader();
            var scanner = new SettingScanner(new ScanLimits { MaxDepth = MaxDepth }, registry);
            var found = scanner.Scan(folder);
            if (found.Count == 0)
            {
                WriteWarning(Text.Format("FindNothing", folder));
            }

            WriteObject(found, enumerateCollection: true);
        }
    }
}
