using System.Management.Automation;
using ImpactEmploi.Configuration;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>Reads the connection settings of each installation, with where they differ from the fiche.</summary>
    [Cmdlet(VerbsCommon.Get, "IeaServerConfig", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaServerConfig))]
    public sealed class GetIeaServerConfigCommand : InstallationCmdletBase
    {
        protected override void ProcessInstallation(string folder, string configPath) =>
            WriteObject(ServerConfigReader.Read(folder, configPath, Layout));
    }
}
