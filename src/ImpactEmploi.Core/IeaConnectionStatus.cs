using System;
using System.Collections.Generic;

namespace ImpactEmploi
{
    /// <summary>One installation's connection state in the fiche's terms: tray icon, case, and what to do next.</summary>
    public sealed class IeaConnectionStatus
    {
        private TextList _deviations = TextList.Empty;
        private ServerTestList _serverTests = ServerTestList.Empty;

        public string ComputerName { get; set; } = "";

        /// <summary>The installation folder.</summary>
        public string Path { get; set; } = "";

        /// <summary>The state's name (a word, so that ConvertTo-Json and CSV files write it as such).</summary>
        public string State => StateValue.ToString();

        /// <summary>The tray icon's name.</summary>
        public string Icon => IconValue.ToString();

        internal ConnectionState StateValue { get; set; }
        internal TrayIcon IconValue { get; set; }

        /// <summary>The fiche's case: 1 success, 2 servers unreachable, 3 authorisation or licence refused; 0 none of them.</summary>
        public string FicheCase => FicheCaseValue.ToString();

        internal FicheCase FicheCaseValue { get; set; }

        /// <summary>The fiche's case as its number (0..3), what scripts compare and CSV files hold.</summary>
        public int Case
        {
            get => (int)FicheCaseValue;
            set => FicheCaseValue = (FicheCase)value;
        }

        /// <summary>True when the installation is as the fiche wants it (see Diagnoser for the exact rule).</summary>
        public bool Compliant { get; set; }

        /// <summary>What to do next, in the user's language, naming the command to run.</summary>
        public string NextStep { get; set; } = "";

        /// <summary>The command to run next, in a few words for a table (NextStep says it in full); empty when nothing is to do.</summary>
        public string NextCommand => Diagnosis.NextCommands.For(this);

        /// <summary>One readable line per setting that differs from the fiche.</summary>
        public IReadOnlyList<string> Deviations { get => _deviations; set => _deviations = TextList.Of(value); }

        /// <summary>The server tests the diagnosis used; empty when the servers were not tested.</summary>
        public IReadOnlyList<IeaServerTestResult> ServerTests { get => _serverTests; set => _serverTests = ServerTestList.Of(value); }

        /// <summary>The IEA version exactly as IEA writes it (for example 3.00.72), when known.</summary>
        public string? Version { get; set; }

        public bool AssistanceMode { get; set; }

        /// <summary>The name of the connection program's last recorded AuthenticationResult.</summary>
        public string LastAuthenticationResult { get; set; } = "";

        /// <summary>Local time of the check: a DateTime, because remoting carries it as a date (a DateTimeOffset arrives as a property bag).</summary>
        public DateTime CheckedAt { get; set; }

        public override string ToString() => Path;
    }
}
