using System.Management.Automation;
using ImpactEmploi.Configuration;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>Changes the connection settings; -Recommended applies the fiche's.</summary>
    [Cmdlet(VerbsCommon.Set, "IeaServerConfig", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IeaServerConfig))]
    public sealed class SetIeaServerConfigCommand : WriterCmdletBase
    {
        /// <summary>Secure mode and the fiche's three https addresses; connection type and proxy are left alone.</summary>
        [Parameter]
        public SwitchParameter Recommended { get; set; }

        // Strings, not Core's enums: PowerShell lays out cmdlet classes before the module initializer can
        // resolve ImpactEmploi.Core, so no field here may be of a Core value type (see ModuleInitializer).
        [Parameter]
        [ValidateSet("Direct", "Proxy", "SystemProxy")]
        public string? ConnectionType { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string? ProxyHost { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int ProxyPort { get; set; }

        [Parameter]
        public SwitchParameter ProxySecure { get; set; }

        [Parameter]
        [ValidateSet("Normal", "Extended", "Secure")]
        public string? ConnectionMode { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AuthenticationServer { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UpdateServer { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NetEntreprisesServer { get; set; }

        /// <summary>Accepts addresses on hosts other than URSSAF's (test servers, relays).</summary>
        [Parameter]
        public SwitchParameter AllowCustomServer { get; set; }

        protected override void ProcessInstallation(string folder, string configPath)
        {
            var explicitSettings = new DesiredSettings
            {
                ConnectionType = ConnectionType is null ? null : (ImpactEmploi.ConnectionType)System.Enum.Parse(typeof(ImpactEmploi.ConnectionType), ConnectionType, true),
                ProxyHost = ProxyHost,
                ProxyPort = IsBound(nameof(ProxyPort)) ? ProxyPort : null,
                ProxySecure = IsBound(nameof(ProxySecure)) ? ProxySecure.IsPresent : null,
                ConnectionMode = ConnectionMode is null ? null : (ImpactEmploi.ConnectionMode)System.Enum.Parse(typeof(ImpactEmploi.ConnectionMode), ConnectionMode, true),
                AuthenticationServer = AuthenticationServer,
                UpdateServer = UpdateServer,
                NetEntreprisesServer = NetEntreprisesServer,
                AllowCustomServer = AllowCustomServer,
            };
            var desired = Recommended ? DesiredSettings.Recommended(Layout.Recommended).With(explicitSettings) : explicitSettings;
            ConfigEditor.Update(folder, configPath, Layout, desired, UpdateOptions());
            if (PassThru)
            {
                WriteObject(ServerConfigReader.Read(folder, configPath, Layout));
            }
        }

        private bool IsBound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
    }
}
