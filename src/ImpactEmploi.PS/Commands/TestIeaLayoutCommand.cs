using System;
using System.Management.Automation;
using ImpactEmploi.Discovery;
using ImpactEmploi.Layouts;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// Reads installations through a layout and says, per installation, what does not fit: run it on the fleet
    /// (Invoke-Command) before the layout goes out.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "IeaLayout", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaLayoutTestResult))]
    public sealed class TestIeaLayoutCommand : FolderCmdletBase
    {
        private IeaLayout? _layout;

        /// <summary>The layout file to test.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? LayoutPath { get; set; }

        protected override void OnBegin()
        {
            base.OnBegin();
            _layout = LayoutFile.Load(ResolvePath(LayoutPath!));
        }

        protected override void ProcessFolder(string folder) =>
            WriteObject(LayoutChecker.Check(folder, _layout!, Environment.MachineName));
    }
}
