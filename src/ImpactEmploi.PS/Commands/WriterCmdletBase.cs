using System;
using System.Management.Automation;
using ImpactEmploi.Configuration;

namespace ImpactEmploi.PS.Commands
{
    /// <summary>What the cmdlets that change a settings file share: -Force, -PassThru, -LockTimeoutSec and the update options.</summary>
    public abstract class WriterCmdletBase : InstallationCmdletBase
    {
        /// <summary>Writes even in assistance mode or while IEA runs.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>How long to wait for another writer of the same file before ConfigLocked.</summary>
        [Parameter]
        [ValidateRange(0, 600)]
        public int LockTimeoutSec { get; set; } = 10;

        protected UpdateOptions UpdateOptions() => new UpdateOptions
        {
            Force = Force,
            Processes = Processes,
            LockTimeout = TimeSpan.FromSeconds(LockTimeoutSec),
            Confirm = (target, action) => ShouldProcess(target, action),
            Operation = MyInvocation.MyCommand.Name,
            CancellationToken = StopToken,
        };
    }
}
