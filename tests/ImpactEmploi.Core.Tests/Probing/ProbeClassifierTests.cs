using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Tasks;
using ImpactEmploi.Probing;
using Polly.Timeout;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    public class ProbeClassifierTests
    {
        private static HttpRequestException Http(Exception inner) => new HttpRequestException("request failed", inner);

        private static SocketException Socket(SocketError error) => new SocketException((int)error);

        public static TheoryData<string, Exception, bool, SslPolicyErrors?, ProbeFailure, string, bool> Exceptions => new()
        {
            { "dns not found", Http(Socket(SocketError.HostNotFound)), false, null, ProbeFailure.NameResolution, ProbeClassifier.NameResolution, false },
            { "dns try again", Http(Socket(SocketError.TryAgain)), false, null, ProbeFailure.NameResolution, ProbeClassifier.NameResolution, false },
            { "proxy name unknown", Http(Socket(SocketError.HostNotFound)), true, null, ProbeFailure.Proxy, ProbeClassifier.ProxyUnreachable, false },
            { "refused", Http(Socket(SocketError.ConnectionRefused)), false, null, ProbeFailure.ConnectionRefused, ProbeClassifier.ConnectionRefused, false },
            { "proxy refused", Http(Socket(SocketError.ConnectionRefused)), true, null, ProbeFailure.Proxy, ProbeClassifier.ProxyUnreachable, false },
            { "os connect timeout", Http(Socket(SocketError.TimedOut)), false, null, ProbeFailure.Timeout, ProbeClassifier.Timeout, true },
            { "polly timeout", new TimeoutRejectedException(), false, null, ProbeFailure.Timeout, ProbeClassifier.Timeout, true },
            { "cancelled, not by the user", new TaskCanceledException(), false, null, ProbeFailure.Timeout, ProbeClassifier.Timeout, true },
            { "reset", Http(new IOException("Unable to read", Socket(SocketError.ConnectionReset))), false, null, ProbeFailure.Unknown, ProbeClassifier.ConnectionReset, true },
            { "ended prematurely", Http(new IOException("The response ended prematurely.")), false, null, ProbeFailure.Unknown, ProbeClassifier.ConnectionReset, true },
            { "no route", Http(Socket(SocketError.NetworkUnreachable)), false, null, ProbeFailure.Unknown, ProbeClassifier.NetworkUnreachable, false },
            { "proxy 407 on CONNECT", new HttpRequestException("tunnel", null, HttpStatusCode.ProxyAuthenticationRequired), true, null, ProbeFailure.ProxyAuthenticationRequired, ProbeClassifier.ProxyAuthenticationRequired, false },
            { "proxy 401 on CONNECT (wrong credentials, tinyproxy)", new HttpRequestException("tunnel", null, HttpStatusCode.Unauthorized), true, null, ProbeFailure.ProxyAuthenticationRequired, ProbeClassifier.ProxyAuthenticationRequired, false },
            { "proxy 502 on CONNECT", new HttpRequestException("tunnel", null, HttpStatusCode.BadGateway), true, null, ProbeFailure.Proxy, ProbeClassifier.ProxyRefusedTunnel, false },
            { "chain error", Http(new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain")), false, SslPolicyErrors.RemoteCertificateChainErrors, ProbeFailure.Certificate, ProbeClassifier.CertificateUntrusted, false },
            { "name mismatch", Http(new AuthenticationException("The remote certificate is invalid")), false, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, ProbeFailure.Certificate, ProbeClassifier.CertificateName, false },
            { "certificate, no callback", Http(new AuthenticationException("The remote certificate was rejected")), false, null, ProbeFailure.Certificate, ProbeClassifier.CertificateUntrusted, false },
            { "handshake failure", Http(new AuthenticationException("Authentication failed, see inner exception.")), false, null, ProbeFailure.Tls, ProbeClassifier.Tls, false },
            { "handshake failure, cert was fine", Http(new AuthenticationException("Authentication failed")), false, SslPolicyErrors.None, ProbeFailure.Tls, ProbeClassifier.Tls, false },
            { "netfx dns", Http(new WebException("x", WebExceptionStatus.NameResolutionFailure)), false, null, ProbeFailure.NameResolution, ProbeClassifier.NameResolution, false },
            { "netfx proxy dns", Http(new WebException("x", WebExceptionStatus.ProxyNameResolutionFailure)), true, null, ProbeFailure.Proxy, ProbeClassifier.ProxyUnreachable, false },
            { "netfx connect", Http(new WebException("x", WebExceptionStatus.ConnectFailure)), false, null, ProbeFailure.ConnectionRefused, ProbeClassifier.ConnectionRefused, false },
            { "netfx connect via proxy", Http(new WebException("x", WebExceptionStatus.ConnectFailure)), true, null, ProbeFailure.Proxy, ProbeClassifier.ProxyUnreachable, false },
            { "netfx trust", Http(new WebException("x", WebExceptionStatus.TrustFailure)), false, null, ProbeFailure.Certificate, ProbeClassifier.CertificateUntrusted, false },
            { "netfx secure channel", Http(new WebException("x", WebExceptionStatus.SecureChannelFailure)), false, null, ProbeFailure.Tls, ProbeClassifier.Tls, false },
            { "netfx timeout", Http(new WebException("x", WebExceptionStatus.Timeout)), false, null, ProbeFailure.Timeout, ProbeClassifier.Timeout, true },
            { "netfx closed", Http(new WebException("x", WebExceptionStatus.ConnectionClosed)), false, null, ProbeFailure.Unknown, ProbeClassifier.ConnectionReset, true },
            { "anything else", new InvalidOperationException("odd"), false, null, ProbeFailure.Unknown, ProbeClassifier.Unknown, false },
        };

        [Theory]
        [MemberData(nameof(Exceptions))]
        public void Classifies_exception_chains(string because, Exception exception, bool viaProxy, SslPolicyErrors? certificateErrors,
            ProbeFailure failure, string key, bool transient)
        {
            var verdict = ProbeClassifier.Classify(new ProbeObservation(exception, null, viaProxy, certificateErrors));
            Assert.True(failure == verdict.Failure, $"{because}: expected {failure}, got {verdict}");
            Assert.Equal(key, verdict.MessageKey);
            Assert.Equal(transient, verdict.Transient);
            Assert.False(verdict.Reachable);
        }

        [Theory]
        [InlineData(200, ProbeFailure.None, true, false)]
        [InlineData(301, ProbeFailure.None, true, false)]
        [InlineData(403, ProbeFailure.None, true, false)]
        [InlineData(404, ProbeFailure.None, true, false)]
        [InlineData(408, ProbeFailure.None, true, true)]
        [InlineData(429, ProbeFailure.None, true, true)]
        [InlineData(407, ProbeFailure.ProxyAuthenticationRequired, false, false)]
        [InlineData(499, ProbeFailure.None, true, false)]
        [InlineData(500, ProbeFailure.ServerError, false, true)]
        [InlineData(503, ProbeFailure.ServerError, false, true)]
        [InlineData(504, ProbeFailure.ServerError, false, true)]
        public void Classifies_statuses(int status, ProbeFailure failure, bool reachable, bool transient)
        {
            var verdict = ProbeClassifier.Classify(new ProbeObservation(null, status, viaProxy: false, null));
            Assert.Equal(failure, verdict.Failure);
            Assert.Equal(reachable, verdict.Reachable);
            Assert.Equal(transient, verdict.Transient);
            Assert.Equal(status, verdict.StatusCode);
        }

        [Fact]
        public void Never_retries_what_a_retry_cannot_fix()
        {
            foreach (var row in Exceptions)
            {
                var verdict = ProbeClassifier.Classify(new ProbeObservation((Exception)row[1], null, (bool)row[2], (SslPolicyErrors?)row[3]));
                if (verdict.Failure is ProbeFailure.NameResolution or ProbeFailure.Certificate or ProbeFailure.Tls or ProbeFailure.ProxyAuthenticationRequired)
                    Assert.False(verdict.Transient, (string)row[0]);
            }
        }

        [Fact]
        public void An_untrusted_certificate_past_its_date_reads_as_expired()
        {
            var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
            var untrusted = ProbeClassifier.CertificateVerdict(SslPolicyErrors.RemoteCertificateChainErrors);
            Assert.Equal(ProbeClassifier.CertificateExpired, ProbeClassifier.RefineCertificate(untrusted, now.AddDays(-1), now).MessageKey);
            Assert.Equal(ProbeClassifier.CertificateUntrusted, ProbeClassifier.RefineCertificate(untrusted, now.AddDays(1), now).MessageKey);
            Assert.Equal(ProbeClassifier.CertificateUntrusted, ProbeClassifier.RefineCertificate(untrusted, null, now).MessageKey);
            var name = ProbeClassifier.CertificateVerdict(SslPolicyErrors.RemoteCertificateNameMismatch);
            Assert.Equal(ProbeClassifier.CertificateName, ProbeClassifier.RefineCertificate(name, now.AddDays(-1), now).MessageKey);
        }
    }
}
