using System.Management.Automation;
using ImpactEmploi.Installations;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>Finds the IEA installations on this PC, or describes the ones given.</summary>
    [Cmdlet(VerbsCommon.Get, "IeaInstallation", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaInstallation))]
    public sealed class GetIeaInstallationCommand : InstallationCmdletBase
    {
        protected override void ProcessInstallation(string folder, string configPath) =>
            WriteObject(InstallationReader.Describe(folder, configPath, Layout, Processes));
    }
}
