using System;
using System.Collections.Generic;
using ImpactEmploi.Installations;
using ImpactEmploi.Support;

namespace ImpactEmploi.Repair
{
    public sealed class RepairOptions
    {
        /// <summary>The password of the day, to leave assistance mode; never logged or shown.</summary>
        public string? DailyPassword { get; set; }

        /// <summary>On case 2 or 3, switch assistance mode on so the association can keep working, as the fiche advises.</summary>
        public bool EnableAssistanceModeOnFailure { get; set; }

        /// <summary>Write even while IEA itself runs.</summary>
        public bool Force { get; set; }

        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);
        public Func<string, string, bool> Confirm { get; set; } = (_, _) => true;

        /// <summary>Tests the servers of a configuration (the cmdlet waits on the probe from its own thread).</summary>
        public Func<IeaServerConfig, IReadOnlyList<IeaServerTestResult>> TestServers { get; set; } = _ => Array.Empty<IeaServerTestResult>();

        public IProgramControl Programs { get; set; } = new ProcessProgramControl();

        /// <summary>The process table, read at most once per repair; null: this PC's, read on the first question.</summary>
        public IProcessTable? Processes { get; set; }

        /// <summary>The session the repair runs in; null: this process's (<see cref="SessionFacts.Current"/>).</summary>
        public ISessionFacts? Session { get; set; }

        public ContactDetails? Contact { get; set; }
        public string ModuleVersion { get; set; } = "";
        public string ComputerName { get; set; } = Environment.MachineName;
        public string Operation { get; set; } = "Repair-IeaConnection";

        /// <summary>Cancelled by Ctrl+C: ends the wait for another writer's lock and for the connection program to exit.</summary>
        public System.Threading.CancellationToken CancellationToken { get; set; }
    }
}
