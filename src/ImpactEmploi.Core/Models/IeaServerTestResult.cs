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

        public ServerRole Role { get; set; }
        public string Uri { get; set; } = "";
        public bool Reachable { get; set; }
        public int? StatusCode { get; set; }
        public ProbeFailure Failure { get; set; }
        public string Message { get; set; } = "";
        public long ElapsedMs { get; set; }
        public int Attempts { get; set; }
        public bool ViaProxy { get; set; }
        public DateTimeOffset? CertificateExpires { get; set; }

        public override string ToString() => $"{Role} {Uri}: {(Reachable ? "OK" : Failure.ToString())}";
    }
}
