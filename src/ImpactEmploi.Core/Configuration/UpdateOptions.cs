using System;
using System.Threading;
using ImpactEmploi.Documents;
using ImpactEmploi.Installations;

namespace ImpactEmploi.Configuration
{
    public sealed class UpdateOptions
    {
        /// <summary>Write even in assistance mode or while IEA runs.</summary>
        public bool Force { get; set; }

        /// <summary>Enable-/Disable-IeaAssistanceMode change assistance mode itself, so it does not stop them.</summary>
        public bool AllowInAssistanceMode { get; set; }

        public IProcessTable? Processes { get; set; }

        /// <summary>Where a layout's registry settings live; the system's registry when null.</summary>
        public IRegistryStore? Registry { get; set; }
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Asked once, with the target and the changes, before anything is written (ShouldProcess).</summary>
        public Func<string, string, bool> Confirm { get; set; } = (_, _) => true;

        /// <summary>The command, for the audit log.</summary>
        public string Operation { get; set; } = "";

        public CancellationToken CancellationToken { get; set; }

        /// <summary>Restore: a backup naming an unofficial server may be put back (test servers, relays).</summary>
        public bool AllowCustomServer { get; set; }
    }
}
