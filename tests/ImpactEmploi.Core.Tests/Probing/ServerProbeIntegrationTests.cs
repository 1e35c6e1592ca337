using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using ImpactEmploi.Probing;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    /// <summary>Against real nginx and tinyproxy on 127.0.0.1, with the test PKI trusted through SSL_CERT_FILE.</summary>
    public class ServerProbeIntegrationTests : IClassFixture<NginxFixture>
    {
        private readonly NginxFixture _servers;

        public ServerProbeIntegrationTests(NginxFixture servers) => _servers = servers;

        private static readonly ProbeSettings Direct = new ProbeSettings
        {
            Budget = TimeSpan.FromSeconds(8), RetryCount = 2, RetryDelay = TimeSpan.FromMilliseconds(100),
        };

        private void SkipUnlessReady() => Skip.If(_servers.SkipReason != null, _servers.SkipReason);

        private static async Task<IeaServerTestResult> ProbeOneAsync(Uri uri, ProbeSettings settings) =>
            (await new ServerProbe().ProbeAsync(new List<ProbeTarget> { new ProbeTarget(ServerRole.Custom, uri) }, settings))[0];

        private static DateTimeOffset NotAfterOf(string certificateName)
        {
            using var cert = X509CertificateLoader.LoadCertificateFromFile(TestInfra.PkiFile(certificateName + ".crt"));
            return new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }

        [SkippableTheory]
        [InlineData("/ok-", 200, ProbeAnswer.Expected)]
        [InlineData("/missing-", 404, ProbeAnswer.ClientError)]
        [InlineData("/forbidden-", 403, ProbeAnswer.ClientError)]
        public async Task Any_answer_below_500_is_reachable_over_validated_TLS(string prefix, int status, ProbeAnswer answer)
        {
            SkipUnlessReady();
            var path = prefix + Guid.NewGuid().ToString("N");
            var result = await ProbeOneAsync(_servers.Valid.Url(path), Direct);

            Assert.True(result.Reachable, result.Message);
            Assert.Equal(ProbeFailure.None, result.FailureValue);
            Assert.Equal(ProbePhase.Response, result.PhaseValue);
            Assert.Equal(FaultSide.None, result.SideValue);
            Assert.Equal(answer, result.AnswerValue);
            Assert.Equal("Valid", result.CertificateChainStatus);
            Assert.Equal("CN=localhost", result.CertificateSubject);
            Assert.Contains("ImpactEmploi.PS Test CA", result.CertificateIssuer, StringComparison.Ordinal);
            Assert.Equal($"127.0.0.1:{_servers.Valid.Port}", result.RemoteAddress);
            Assert.Equal(status, result.StatusCode);
            Assert.Equal(1, result.Attempts);
            Assert.False(result.ViaProxy);
            Assert.Equal(NotAfterOf("valid"), result.CertificateExpires);
            Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Message, StringComparison.Ordinal);
            Assert.Equal(1, _servers.Valid.CountRequests(path));
            Assert.Empty(ProbeWarnings.For(result, DateTimeOffset.UtcNow));
        }

        [SkippableFact]
        public async Task A_certificate_expiring_within_30_days_is_reachable_with_a_warning()
        {
            SkipUnlessReady();
            var result = await ProbeOneAsync(_servers.Soon.Url("/soon"), Direct);

            Assert.True(result.Reachable, result.Message);
            Assert.Equal(NotAfterOf("soon"), result.CertificateExpires);
            var warning = Assert.Single(ProbeWarnings.For(result, DateTimeOffset.UtcNow));
            Assert.Contains($"127.0.0.1:{_servers.Soon.Port}", warning, StringComparison.Ordinal);
        }

        [SkippableFact]
        public async Task An_expired_certificate_is_a_certificate_failure_not_retried()
        {
            SkipUnlessReady();
            var path = "/expired-" + Guid.NewGuid().ToString("N");
            var result = await ProbeOneAsync(_servers.Expired.Url(path), Direct);

            Assert.False(result.Reachable);
            Assert.Equal(ProbeFailure.Certificate, result.FailureValue);
            Assert.Equal(ProbePhase.Tls, result.PhaseValue);
            Assert.Equal(FaultSide.Remote, result.SideValue);
            Assert.Equal(1, result.Attempts);
            Assert.Equal(NotAfterOf("expired"), result.CertificateExpires);
            Assert.Contains(NotAfterOf("expired").ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), result.Message, StringComparison.Ordinal);
            Assert.Equal(0, _servers.Expired.CountRequests(path)); // the handshake failed: no HTTP request
        }

        [SkippableFact]
        public async Task A_certificate_for_another_name_is_a_certificate_failure()
        {
            SkipUnlessReady();
            var result = await ProbeOneAsync(_servers.WrongHost.Url("/"), Direct);

            Assert.Equal(ProbeFailure.Certificate, result.FailureValue);
            Assert.Equal(ProbePhase.Tls, result.PhaseValue);
            Assert.Equal(1, result.Attempts);
            Assert.Contains($"127.0.0.1:{_servers.WrongHost.Port}", result.Message, StringComparison.Ordinal);
            Assert.Contains("is for another name", result.Message, StringComparison.Ordinal);
            Assert.Equal(NotAfterOf("wronghost"), result.CertificateExpires);
        }

        [SkippableTheory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        public async Task A_503_is_a_remote_server_error_retried_once_at_most_as_nginx_logged_it(int retryCount)
        {
            SkipUnlessReady();
            var path = "/busy/" + Guid.NewGuid().ToString("N");
            var settings = new ProbeSettings { Budget = Direct.Budget, RetryCount = retryCount, RetryDelay = Direct.RetryDelay };
            var result = await ProbeOneAsync(_servers.Valid.Url(path), settings);

            Assert.False(result.Reachable);
            Assert.Equal(ProbeFailure.ServerError, result.FailureValue);
            Assert.Equal(503, result.StatusCode);
            Assert.Equal(FaultSide.Remote, result.SideValue);
            Assert.Equal(ProbeAnswer.ServerError, result.AnswerValue);
            Assert.Equal(ProbePhase.Response, result.PhaseValue);
            Assert.Equal(Math.Min(retryCount, 1) + 1, result.Attempts);
            Assert.Equal(Math.Min(retryCount, 1) + 1, _servers.Valid.CountRequests(path));
        }

        [SkippableFact]
        public async Task One_silent_server_does_not_hold_the_others_and_is_not_retried()
        {
            SkipUnlessReady();
            using var silent = new SilentServer();
            var settings = new ProbeSettings { Budget = TimeSpan.FromSeconds(2), RetryCount = 2 };
            var targets = new List<ProbeTarget>
            {
                new ProbeTarget(ServerRole.Authentication, _servers.Valid.Url("/")),
                new ProbeTarget(ServerRole.Update, silent.Url),
                new ProbeTarget(ServerRole.NetEntreprises, _servers.Valid.Url("/missing")),
            };
            var seen = new System.Collections.Concurrent.ConcurrentQueue<ServerRole>();
            var results = await new ServerProbe().ProbeAsync(targets, settings, (_, r) => seen.Enqueue(r.RoleValue));

            Assert.Equal(new[] { ServerRole.Authentication, ServerRole.Update, ServerRole.NetEntreprises }, results.Select(r => r.RoleValue));
            Assert.Equal(targets.Select(t => t.Uri.ToString()), results.Select(r => r.Uri));
            Assert.True(results[0].Reachable, results[0].Message);
            Assert.Equal(200, results[0].StatusCode);
            Assert.Equal(ProbeFailure.Timeout, results[1].FailureValue);
            Assert.Equal(ProbePhase.Tls, results[1].PhaseValue); // accepted, then silent after ClientHello
            Assert.Equal(1, results[1].Attempts);
            Assert.True(results[2].Reachable, results[2].Message);
            Assert.Equal(404, results[2].StatusCode);
            // Each result is handed over as soon as it is known: the silent one comes last.
            Assert.Equal(ServerRole.Update, seen.Last());
        }

        private void SkipUnlessProxyReady()
        {
            SkipUnlessReady();
            Skip.If(TestInfra.TinyProxySkipReason != null, TestInfra.TinyProxySkipReason);
        }

        private static ProbeSettings ViaProxy(TinyProxyServer proxy, NetworkCredential? credential = null) => new ProbeSettings
        {
            ConnectionType = ConnectionType.Proxy, ProxyHost = "127.0.0.1", ProxyPort = proxy.Port, ProxyCredential = credential,
            Budget = Direct.Budget, RetryCount = Direct.RetryCount, RetryDelay = Direct.RetryDelay,
        };

        [SkippableFact]
        public async Task Proxy_mode_really_goes_through_the_proxy()
        {
            SkipUnlessProxyReady();
            using var proxy = new TinyProxyServer();
            var path = "/via-proxy-" + Guid.NewGuid().ToString("N");
            var result = await ProbeOneAsync(_servers.Valid.Url(path), ViaProxy(proxy));

            Assert.True(result.Reachable, result.Message);
            Assert.True(result.ViaProxy);
            Assert.Equal(200, result.StatusCode);
            Assert.Contains($"): CONNECT 127.0.0.1:{_servers.Valid.Port} HTTP/1.1", proxy.Log, StringComparison.Ordinal);
            Assert.Equal(1, _servers.Valid.CountRequests(path));
        }

        [SkippableFact]
        public async Task Direct_mode_never_touches_a_proxy()
        {
            SkipUnlessProxyReady();
            using var proxy = new TinyProxyServer();
            var settings = ViaProxy(proxy);
            settings.ConnectionType = ConnectionType.Direct;
            var result = await ProbeOneAsync(_servers.Valid.Url("/"), settings);

            Assert.True(result.Reachable, result.Message);
            Assert.False(result.ViaProxy);
            Assert.DoesNotContain("): CONNECT ", proxy.Log, StringComparison.Ordinal); // tinyproxy's "Request (fd): CONNECT host:port"
        }

        [SkippableFact]
        public async Task A_proxy_with_basic_auth_needs_the_credential()
        {
            SkipUnlessProxyReady();
            var account = new NetworkCredential("iea-test", "pw-" + Guid.NewGuid().ToString("N"));
            using var proxy = new TinyProxyServer(account);

            var denied = await ProbeOneAsync(_servers.Valid.Url("/"), ViaProxy(proxy));
            Assert.False(denied.Reachable);
            Assert.Equal(ProbeFailure.ProxyAuthenticationRequired, denied.FailureValue);
            Assert.Equal(407, denied.StatusCode);
            Assert.Equal(1, denied.Attempts);
            Assert.Contains($"127.0.0.1:{proxy.Port}", denied.Message, StringComparison.Ordinal);

            var allowed = await ProbeOneAsync(_servers.Valid.Url("/"), ViaProxy(proxy, account));
            Assert.True(allowed.Reachable, allowed.Message);
            Assert.Equal(200, allowed.StatusCode);
            Assert.DoesNotContain(account.Password, allowed.Message + denied.Message, StringComparison.Ordinal);

            var wrong = await ProbeOneAsync(_servers.Valid.Url("/"), ViaProxy(proxy, new NetworkCredential("iea-test", "wrong")));
            Assert.True(ProbeFailure.ProxyAuthenticationRequired == wrong.FailureValue, wrong.Message); // tinyproxy answers 401 here
            Assert.Equal(1, wrong.Attempts);
        }
    }
}
