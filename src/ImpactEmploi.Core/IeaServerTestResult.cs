using System;

namespace ImpactEmploi
{
    /// <summary>The outcome of testing one server, as "Tester l'accès aux serveurs" does, with the why.</summary>
    public sealed class IeaServerTestResult
    {
        /// <summary>The PC the test ran on, so that results from many PCs can be told apart.</summary>
        public string ComputerName { get; set; } = "";

        /// <summary>The installation folder whose settings the test used; empty for addresses tested on their own.</summary>
        public string Path { get; set; } = "";

        /// <summary>The server's role by name (Authentication, Update, NetEntreprises, ...).</summary>
        public string Role => RoleValue.ToString();

        internal ServerRole RoleValue { get; set; }
        public string Uri { get; set; } = "";

        /// <summary>True when the server itself answered (not a proxy in its place), over a validated TLS connection for https://.</summary>
        public bool Reachable { get; set; }
        public int? StatusCode { get; set; }

        /// <summary>The failure's word (None when the server answered).</summary>
        public string Failure => FailureValue.ToString();

        internal ProbeFailure FailureValue { get; set; }

        /// <summary>The step that failed, or the last one reached.</summary>
        public string Phase => PhaseValue.ToString();

        internal ProbePhase PhaseValue { get; set; }

        /// <summary>Whose action is needed: this PC and its network, the server, or unknown.</summary>
        public string Side => SideValue.ToString();

        internal FaultSide SideValue { get; set; }

        /// <summary>What the server itself answered.</summary>
        public string Answer => AnswerValue.ToString();

        internal ProbeAnswer AnswerValue { get; set; }

        /// <summary>Where a redirect leads (Answer Redirect).</summary>
        public string? Location { get; set; }
        public string Message { get; set; } = "";
        public long ElapsedMs { get; set; }
        public int Attempts { get; set; }
        public bool ViaProxy { get; set; }

        /// <summary>The proxy the test went through (host:port, never a credential); null when direct.</summary>
        public string? ProxyUsed { get; set; }

        /// <summary>The address the TCP connection was opened to (the server's, or the proxy's when ViaProxy).</summary>
        public string? RemoteAddress { get; set; }

        /// <summary>The certificate's NotAfter.</summary>
        public DateTimeOffset? CertificateExpires { get; set; }
        public DateTimeOffset? CertificateNotBefore { get; set; }
        public string? CertificateIssuer { get; set; }
        public string? CertificateSubject { get; set; }

        /// <summary>The chain's status flags as the runtime reports them (for example "UntrustedRoot, PartialChain"); "Valid" when none.</summary>
        public string? CertificateChainStatus { get; set; }

        /// <summary>The same result for another installation (one test shared by installations with the same settings).</summary>
        public IeaServerTestResult ForInstallation(string path)
        {
            var copy = (IeaServerTestResult)MemberwiseClone();
            copy.Path = path ?? "";
            return copy;
        }

        public override string ToString() => $"{Role} {Uri}: {(Reachable ? "OK" : Failure.ToString())}";
    }
}
