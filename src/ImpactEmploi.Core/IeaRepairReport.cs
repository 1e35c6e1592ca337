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
        public string FicheCase => FicheCaseValue.ToString();

        internal FicheCase FicheCaseValue { get; set; }

        /// <summary>The fiche's case as its number (0..3), what scripts compare and CSV files hold.</summary>
        public int Case
        {
            get => (int)FicheCaseValue;
            set => FicheCaseValue = (FicheCase)value;
        }

        public string NextStep { get; set; } = "";

        /// <summary>
        /// True when the connection program must be restarted by a user in their own session: the repair changed its
        /// settings or wanted to retry the authentication, and may not stop or start it here (session 0, no desktop,
        /// SYSTEM, an unsafe folder, or copies in other users' sessions). Actions and NextStep say so too.
        /// </summary>
        public bool RestartNeeded { get; set; }

        /// <summary>Ready for case 2 or 3: the mail to send to support.</summary>
        public IeaSupportRequest? SupportRequest { get; set; }

        /// <summary>True when the PC ends connected (case 1).</summary>
        public bool Repaired => FicheCaseValue == ImpactEmploi.FicheCase.Connected;

        public override string ToString() => Path;
    }
}
