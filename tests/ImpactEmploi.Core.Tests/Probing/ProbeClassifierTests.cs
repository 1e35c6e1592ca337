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
            { "os connect timeout", Http(Socket(SocketError.TimedOut)), false, null, ProbeFailure.Timeout, ProbeClassifier.Timeout + "Dns", false },
            { "polly timeout", new TimeoutRejectedException(), false, null, ProbeFailure.Timeout, ProbeClassifier.Timeout + "Dns", false },
            { "cancelled, not by the user", new TaskCanceledException(), false, null, ProbeFailure.Timeout, ProbeClassifier.Timeout + "Dns", false },
            { "reset", Http(new IOException("Unable to read", Socket(SocketError.ConnectionReset))), false, null, ProbeFailure.ConnectionReset, ProbeClassifier.ConnectionReset, false },
            { "ended prematurely", Http(new IOException("The response ended prematurely.")), false, null, ProbeFailure.ConnectionReset, ProbeClassifier.ConnectionReset, false },
            { "no route", Http(Socket(SocketError.NetworkUnreachable)), false, null, ProbeFailure.NetworkUnreachable, ProbeClassifier.NetworkUnreachable, false },
            { "proxy 407 on CONNECT", new HttpRequestException("tunnel", null, HttpStatusCode.ProxyAuthenticationRequired), true, null, ProbeFailure.ProxyAuthenticationRequired, ProbeClassifier.ProxyAuthenticationRequired, false },
            { "proxy 401 on CONNECT (wrong credentials, tinyproxy)", new HttpRequestException("tunnel", null, HttpStatusCode.Unauthorized), true, null, ProbeFailure.ProxyAuthenticationRequired, ProbeClassifier.ProxyAuthenticationRequired, false },
            { "proxy 502 on CONNECT", new HttpRequestException("tunnel", null, HttpStatusCode.BadGateway), true, null, ProbeFailure.Proxy, ProbeClassifier.ProxyCannotReach, false },
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
            { "netfx timeout", Http(new WebException("x", WebExceptionStatus.Timeout)), false, null, ProbeFailure.Timeout, ProbeClassifier.Timeout + "Dns", false },
            { "netfx closed", Http(new WebException("x", WebExceptionStatus.ConnectionClosed)), false, null, ProbeFailure.ConnectionReset, ProbeClassifier.ConnectionReset, false },
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
        [InlineData(200, ProbeFailure.None, true, false, FaultSide.None)]
        [InlineData(301, ProbeFailure.None, true, false, FaultSide.None)]
        [InlineData(403, ProbeFailure.None, true, false, FaultSide.None)]
        [InlineData(404, ProbeFailure.None, true, false, FaultSide.None)]
        [InlineData(408, ProbeFailure.None, true, false, FaultSide.None)]
        [InlineData(429, ProbeFailure.None, true, false, FaultSide.None)]
        [InlineData(407, ProbeFailure.ProxyAuthenticationRequired, false, false, FaultSide.Local)]
        [InlineData(499, ProbeFailure.None, true, false, FaultSide.None)]
        [InlineData(500, ProbeFailure.ServerError, false, true, FaultSide.Remote)]
        [InlineData(503, ProbeFailure.ServerError, false, true, FaultSide.Remote)]
        [InlineData(504, ProbeFailure.ServerError, false, true, FaultSide.Remote)]
        [InlineData(511, ProbeFailure.Proxy, false, false, FaultSide.Local)]
        public void Classifies_statuses(int status, ProbeFailure failure, bool reachable, bool transient, FaultSide side)
        {
            var verdict = ProbeClassifier.Classify(new ProbeObservation(null, status, viaProxy: false, null));
            Assert.Equal(failure, verdict.Failure);
            Assert.Equal(reachable, verdict.Reachable);
            Assert.Equal(transient, verdict.Transient);
            Assert.Equal(status, verdict.StatusCode);
            Assert.Equal(side, verdict.Side);
        }

        [Fact]
        public void Never_retries_what_a_retry_cannot_fix()
        {
            foreach (var row in Exceptions)
            {
                var verdict = ProbeClassifier.Classify(new ProbeObservation((Exception)row[1], null, (bool)row[2], (SslPolicyErrors?)row[3]));
                Assert.False(verdict.Transient, (string)row[0]);
            }
        }

        [Fact]
        public void Only_a_reset_in_mid_answer_is_retried_a_reset_after_ClientHello_is_a_local_filter()
        {
            var reset = Http(new IOException("Unable to read", Socket(SocketError.ConnectionReset)));
            var midAnswer = ProbeClassifier.Classify(new ProbeObservation(reset, null, false, null) { Phase = ProbePhase.Response });
            Assert.Equal(ProbeFailure.ConnectionReset, midAnswer.Failure);
            Assert.True(midAnswer.Transient);
            Assert.Equal(FaultSide.Unknown, midAnswer.Side);

            var afterHello = ProbeClassifier.Classify(new ProbeObservation(reset, null, false, null) { Phase = ProbePhase.Tls, CutAfterClientHello = true });
            Assert.Equal(ProbeFailure.ConnectionReset, afterHello.Failure);
            Assert.Equal(ProbeClassifier.ConnectionResetAfterClientHello, afterHello.MessageKey);
            Assert.False(afterHello.Transient);
            Assert.Equal(FaultSide.Local, afterHello.Side);
        }

        [Theory]
        [InlineData(ProbePhase.Dns, false, FaultSide.Local)]
        [InlineData(ProbePhase.Connect, false, FaultSide.Unknown)]
        [InlineData(ProbePhase.ProxyConnect, true, FaultSide.Local)]
        [InlineData(ProbePhase.ProxyTunnel, true, FaultSide.Local)]
        [InlineData(ProbePhase.Tls, false, FaultSide.Unknown)]
        [InlineData(ProbePhase.Response, false, FaultSide.Remote)]
        public void A_timeout_names_the_step_that_waited_and_is_never_retried(ProbePhase phase, bool viaProxy, FaultSide side)
        {
            var verdict = ProbeClassifier.Classify(new ProbeObservation(new TaskCanceledException(), null, viaProxy, null) { Phase = phase, TimedOut = true });
            Assert.Equal(ProbeFailure.Timeout, verdict.Failure);
            Assert.Equal("ProbeTimeout" + phase, verdict.MessageKey);
            Assert.Equal(side, verdict.Side);
            Assert.False(verdict.Transient);
        }

        [Theory]
        [InlineData(407, false, ProbeClassifier.ProxyAuthenticationRequired, ProbeFailure.ProxyAuthenticationRequired, FaultSide.Local)]
        [InlineData(407, true, ProbeClassifier.ProxyAuthenticationRejected, ProbeFailure.ProxyAuthenticationRequired, FaultSide.Local)]
        [InlineData(403, false, ProbeClassifier.ProxyRefusedTunnel, ProbeFailure.Proxy, FaultSide.Local)]
        [InlineData(500, false, ProbeClassifier.ProxyCannotReach, ProbeFailure.Proxy, FaultSide.Unknown)]
        [InlineData(502, false, ProbeClassifier.ProxyCannotReach, ProbeFailure.Proxy, FaultSide.Unknown)]
        public void A_proxys_own_answer_to_CONNECT_is_never_the_servers(int status, bool credentialGiven, string key, ProbeFailure failure, FaultSide side)
        {
            var answer = new ProxyAnswer(status, "Whatever", new System.Collections.Generic.Dictionary<string, string>());
            var verdict = ProbeClassifier.Classify(new ProbeObservation(new HttpRequestException("tunnel"), null, true, null)
            { Phase = ProbePhase.ProxyTunnel, TunnelAnswer = answer, ProxyCredentialGiven = credentialGiven });
            Assert.Equal(failure, verdict.Failure);
            Assert.Equal(key, verdict.MessageKey);
            Assert.Equal(side, verdict.Side);
            Assert.False(verdict.Transient);
        }

        [Fact]
        public void A_407_without_a_configured_proxy_is_a_transparent_proxy()
        {
            var verdict = ProbeClassifier.Classify(new ProbeObservation(null, 407, viaProxy: false, null));
            Assert.Equal(ProbeClassifier.ProxyAuthenticationUnexpected, verdict.MessageKey);
        }

        [Fact]
        public void An_untrusted_certificate_reads_by_its_dates_then_its_issuer()
        {
            var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
            CertificateFacts Facts(int fromDays, int toDays, SslPolicyErrors errors) => new CertificateFacts
            {
                Issuer = "CN=Box CA", IssuerName = "Box CA", Subject = "CN=x", NotBefore = now.AddDays(fromDays), NotAfter = now.AddDays(toDays), Errors = errors,
            };
            var chain = SslPolicyErrors.RemoteCertificateChainErrors;
            Assert.Equal(ProbeClassifier.CertificateExpired, ProbeClassifier.CertificateVerdict(Facts(-10, -1, chain), now).MessageKey);
            Assert.Equal(FaultSide.Remote, ProbeClassifier.CertificateVerdict(Facts(-10, -1, chain), now).Side);
            Assert.Equal(ProbeClassifier.CertificateNotYetValid, ProbeClassifier.CertificateVerdict(Facts(1, 10, chain), now).MessageKey);
            Assert.Equal(FaultSide.Local, ProbeClassifier.CertificateVerdict(Facts(1, 10, chain), now).Side);
            Assert.Equal(ProbeClassifier.CertificateUntrusted, ProbeClassifier.CertificateVerdict(Facts(-1, 10, chain), now).MessageKey);
            Assert.Equal(FaultSide.Local, ProbeClassifier.CertificateVerdict(Facts(-1, 10, chain), now).Side);
            Assert.Equal(ProbeClassifier.CertificateName, ProbeClassifier.CertificateVerdict(Facts(-10, -1, SslPolicyErrors.RemoteCertificateNameMismatch), now).MessageKey);
        }
    }
}
