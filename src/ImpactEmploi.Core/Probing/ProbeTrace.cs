using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ImpactEmploi.Probing
{
    /// <summary>
    /// What one attempt saw, step by step, written by the connect callback, the observing stream and the certificate
    /// callback, read by the classifier. Fields are written from the connection's tasks and read after the request ended.
    /// </summary>
    internal sealed class ProbeTrace
    {
        private readonly object _lock = new object();
        private ProbePhase _phase = ProbePhase.Dns;

        public ProbeTrace(Uri target, Uri? proxy)
        {
            Target = target;
            Proxy = proxy;
            _phase = proxy is null ? ProbePhase.Dns : ProbePhase.ProxyConnect;
        }

        public Uri Target { get; }

        /// <summary>The proxy this attempt goes through; null when direct.</summary>
        public Uri? Proxy { get; }

        public bool ViaProxy => Proxy != null;

        public bool IsTls => Target.Scheme == Uri.UriSchemeHttps;

        public ProbePhase Phase
        {
            get { lock (_lock) return _phase; }
        }

        /// <summary>The address the TCP connection was opened to.</summary>
        public string? RemoteAddress { get; set; }

        /// <summary>The proxy's own answer to CONNECT, when one came (status line and the headers that tell a proxy).</summary>
        public ProxyAnswer? TunnelAnswer { get; set; }

        /// <summary>The first bytes after ClientHello looked like an HTTP answer: plain HTTP on a TLS port.</summary>
        public bool PlainHttpOnTls { get; set; }

        /// <summary>The connection ended (EOF or reset) after ClientHello, before any byte of the server.</summary>
        public bool CutAfterClientHello { get; set; }

        public CertificateFacts? Certificate { get; internal set; }

        /// <summary>Moves forward only: a late callback never takes the phase back.</summary>
        public void Reached(ProbePhase phase)
        {
            lock (_lock)
            {
                if (phase > _phase) _phase = phase;
            }
        }

        /// <summary>The server certificate callback: records, and keeps the runtime's verdict (no error: valid; any error: refused).</summary>
        public bool ValidateCertificate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            Reached(ProbePhase.Tls);
            if (certificate != null)
            {
                using var owned = new X509Certificate2(certificate);
                Certificate = CertificateFacts.From(owned, chain, errors);
            }
            if (errors == SslPolicyErrors.None) Reached(ProbePhase.Response);
            return errors == SslPolicyErrors.None;
        }
    }

    /// <summary>What the server's certificate says, kept after the handshake.</summary>
    internal sealed class CertificateFacts
    {
        public string Issuer { get; internal set; } = "";
        public string IssuerName { get; internal set; } = "";
        public string Subject { get; internal set; } = "";
        public DateTimeOffset NotBefore { get; internal set; }
        public DateTimeOffset NotAfter { get; internal set; }
        public SslPolicyErrors Errors { get; internal set; }
        public X509ChainStatusFlags ChainStatus { get; internal set; }

        public string ChainStatusText => ChainStatus == X509ChainStatusFlags.NoError ? "Valid" : ChainStatus.ToString();

        public static CertificateFacts From(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            var flags = X509ChainStatusFlags.NoError;
            if (chain != null)
            {
                foreach (var status in chain.ChainStatus) flags |= status.Status;
            }
            var issuerName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true);
            return new CertificateFacts
            {
                Issuer = certificate.Issuer,
                IssuerName = string.IsNullOrEmpty(issuerName) ? certificate.Issuer : issuerName,
                Subject = certificate.Subject,
                NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                Errors = errors,
                ChainStatus = flags,
            };
        }
    }

    /// <summary>A proxy's own answer: its status, reason phrase and the headers that show it came from the proxy.</summary>
    internal sealed class ProxyAnswer
    {
        public ProxyAnswer(int status, string reason, IReadOnlyDictionary<string, string> headers)
        {
            Status = status;
            Reason = reason;
            Headers = headers;
        }

        public int Status { get; }
        public string Reason { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The proxy's own words, for the technical detail: reason phrase, X-Squid-Error, Proxy-Status.</summary>
        public string Detail
        {
            get
            {
                var parts = new List<string>();
                if (!string.IsNullOrWhiteSpace(Reason)) parts.Add(Reason.Trim());
                foreach (var name in new[] { "X-Squid-Error", "Proxy-Status" })
                {
                    if (Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)) parts.Add(name + ": " + value.Trim());
                }
                return string.Join("; ", parts);
            }
        }
    }
}
