using System;
using System.Management.Automation;
using ImpactEmploi.Configuration;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Probing;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>Each installation's state in the fiche's terms: the tray icon, the fiche's case and the next step.</summary>
    [Cmdlet(VerbsCommon.Get, "IeaConnectionStatus", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(IeaConnectionStatus))]
    public sealed class GetIeaConnectionStatusCommand : ProbeCmdletBase
    {
        /// <summary>Reads the settings only: no server is contacted.</summary>
        [Parameter]
        public SwitchParameter Offline { get; set; }

        protected override void ProcessInstallation(string folder, string configPath)
        {
            var (config, lastResult) = ServerConfigReader.ReadWithLastResult(folder, configPath, Layout);
            // A test that failed unexpectedly has written its error; the status then reads as not tested.
            var tests = Offline ? null : TestServers(config, configPath, ServerTestRun.AddressesOf(config));
            WriteObject(Diagnoser.Diagnose(config, lastResult, tests, Environment.MachineName, DateTimeOffset.Now));
        }
    }
}
