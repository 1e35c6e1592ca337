using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactEmploi.Reporting
{
    /// <summary>
    /// One PC in the fleet report, as plain strings and numbers: a status may come from another PC through remoting,
    /// where enums arrive as their words and a newer module may send a state this one does not know.
    /// </summary>
    public sealed class FleetReportRow
    {
        public string ComputerName { get; set; } = "";

        /// <summary>The installation folder.</summary>
        public string Path { get; set; } = "";

        /// <summary>The ConnectionState word (Connected, Disconnected...).</summary>
        public string State { get; set; } = "";

        /// <summary>The TrayIcon word (BlueBall, BlueBallRedHeart, RedScarab); empty when unknown.</summary>
        public string Icon { get; set; } = "";

        public int Case { get; set; }
        public bool Compliant { get; set; }
        public string NextStep { get; set; } = "";
        public IReadOnlyList<FleetReportServer> FailingServers { get; set; } = Array.Empty<FleetReportServer>();

        /// <summary>The IEA version as IEA writes it; empty when unknown.</summary>
        public string Version { get; set; } = "";

        /// <summary>When the PC made the status, in its own local time; null when unknown.</summary>
        public DateTime? CheckedAt { get; set; }

        /// <summary>One readable line per setting that differs from the fiche.</summary>
        public IReadOnlyList<string> Deviations { get; set; } = Array.Empty<string>();

        /// <summary>The row of a status made on this PC.</summary>
        public static FleetReportRow From(IeaConnectionStatus status)
        {
            if (status is null) throw new ArgumentNullException(nameof(status));
            return new FleetReportRow
            {
                ComputerName = status.ComputerName,
                Path = status.Path,
                State = status.State.ToString(),
                Icon = status.Icon.ToString(),
                Case = status.Case,
                Compliant = status.Compliant,
                NextStep = status.NextStep,
                Version = status.Version ?? "",
                CheckedAt = status.CheckedAt == default ? (DateTime?)null : status.CheckedAt,
                Deviations = status.Deviations.ToArray(),
                FailingServers = status.ServerTests.Where(t => !t.Reachable)
                    .Select(t => new FleetReportServer { Role = t.Role.ToString(), Uri = t.Uri, Failure = t.Failure.ToString(), Message = t.Message })
                    .ToArray(),
            };
        }
    }
}
