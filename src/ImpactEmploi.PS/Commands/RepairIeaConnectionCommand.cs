using System;
using System.Management.Automation;
using System.Security;
using ImpactEmploi.Installations;
using ImpactEmploi.Probing;
using ImpactEmploi.Repair;
using ImpactEmploi.Support;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>
    /// The fiche pratique in one idempotent command: leave assistance mode (with the password of the day),
    /// apply the fiche's settings, test the servers (retrying the authentication once), report the fiche's case,
    /// and prepare the mail to support when a technician is needed.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "IeaConnection", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(IeaRepairReport))]
    public sealed class RepairIeaConnectionCommand : ProbeCmdletBase
    {
        /// <summary>The password of the day, needed only when the installation is in assistance mode.</summary>
        [Parameter]
        public SecureString? DailyPassword { get; set; }

        /// <summary>On case 2 or 3, switch assistance mode on so the association can keep working, as the fiche advises.</summary>
        [Parameter]
        public SwitchParameter EnableAssistanceModeOnFailure { get; set; }

        // -Force and -LockTimeoutSec repeat WriterCmdletBase's on purpose: a cmdlet has one base class, and this one needs the probe's.

        /// <summary>Writes even while IEA itself runs.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateRange(0, 600)]
        public int LockTimeoutSec { get; set; } = 10;

        // The contact parameters repeat New-IeaSupportRequest's on purpose: each cmdlet binds its own; ContactDetails carries them into Core.

        /// <summary>Contact details for the prepared support request.</summary>
        [Parameter]
        public string? Organisation { get; set; }

        [Parameter]
        public string? ContactName { get; set; }

        [Parameter]
        public string? Phone { get; set; }

        [Parameter]
        public string? Email { get; set; }

        protected override void ProcessInstallation(string folder, string configPath)
        {
            var options = new RepairOptions
            {
                EnableAssistanceModeOnFailure = EnableAssistanceModeOnFailure,
                Force = Force,
                LockTimeout = TimeSpan.FromSeconds(LockTimeoutSec),
                Confirm = (target, action) => ShouldProcess(target, action),
                TestServers = config => TestServers(config, configPath, ServerTestRun.AddressesOf(config)) ?? Array.Empty<IeaServerTestResult>(),
                Programs = new ProcessProgramControl(),
                Processes = Processes,
                Session = SessionFacts.Current(),
                Contact = new ContactDetails { Organisation = Organisation, ContactName = ContactName, Phone = Phone, Email = Email },
                ModuleVersion = typeof(RepairIeaConnectionCommand).Assembly.GetName().Version?.ToString(3) ?? "",
                Operation = MyInvocation.MyCommand.Name,
                CancellationToken = StopToken,
            };
            var report = DailyPassword == null || DailyPassword.Length == 0
                ? Repairer.Repair(folder, configPath, Layout, options)
                : SecureStrings.Use(DailyPassword, password =>
                {
                    options.DailyPassword = password;
                    return Repairer.Repair(folder, configPath, Layout, options);
                });
            WriteObject(report);
        }
    }
}
