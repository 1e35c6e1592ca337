using System;
using System.Collections.Generic;

namespace ImpactEmploi
{
    /// <summary>What Repair-IeaConnection found, did (in order) and left to do, for one installation.</summary>
    public sealed class IeaRepairReport
    {
        private TextList _actions = TextList.Empty;

        public string ComputerName { get; set; } = "";

        /// <summary>The installation folder.</summary>
        public string Path { get; set; } = "";

        public IeaConnectionStatus? Before { get; set; }
        public IeaConnectionStatus? After { get; set; }
        public IReadOnlyList<string> Actions { get => _actions; set => _actions = TextList.Of(value); }

        /// <summary>The fiche's outcome: 1 connected, 2 servers unreachable, 3 reachable but refused; 0 when not tested.</summary>
        public int Case { get; set; }

        public string NextStep { get; set; } = "";

        /// <summary>Ready for case 2 or 3: the mail to send to support.</summary>
        public IeaSupportRequest? SupportRequest { get; set; }

        /// <summary>True when the PC ends connected (case 1).</summary>
        public bool Repaired => Case == 1;

        public override string ToString() => Path;
    }
}
