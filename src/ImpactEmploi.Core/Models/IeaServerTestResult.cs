using System;

namespace ImpactEmploi
{
    /// <summary>The outcome of testing one server, as "Tester l'accès aux serveurs" does, with the why.</summary>
    public sealed class IeaServerTestResult
    {
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
