using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Probing;
using ImpactEmploi.Probing.SystemProxy;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    /// <summary>
    /// Against scripted servers on 127.0.0.1 and ::1 (no package needed, so they always run): each fault a network
    /// can show, asserting Failure, Phase, Side, Answer and the key words of the message in English and French.
    /// Both probe paths run: the ConnectCallback one (.NET 5+) and the staged one (.NET Framework).
    /// </summary>
    public class ServerProbeLoopbackTests
    {
        private static ProbeSettings Settings(bool staged, double budgetSeconds = 1.5) => new ProbeSettings
        {
            Budget = TimeSpan.FromSeconds(budgetSeconds), RetryCount = 2, RetryDelay = TimeSpan.FromMilliseconds(50), ForceStagedProbe = staged,
        };

        private static ProbeSettings ThroughProxy(int port, bool staged, NetworkCredential? credential = null)
        {
            var settings = Settings(staged);
            settings.ConnectionType = ConnectionType.Proxy;
            settings.ProxyHost = "127.0.0.1";
            settings.ProxyPort = port;
            settings.ProxyCredential = credential;
            return settings;
        }

        private static async Task<IeaServerTestResult> ProbeOneAsync(Uri uri, ProbeSettings settings, string culture = "en-US", CancellationToken ct = default)
        {
            var saved = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                return (await new ServerProbe().ProbeAsync(new List<ProbeTarget> { new ProbeTarget(ServerRole.Custom, uri) }, settings, ct))[0];
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }

        /// <summary>Probes in English and in French; both results must agree on everything but the words.</summary>
        private static async Task<(IeaServerTestResult En, IeaServerTestResult Fr)> BothLanguagesAsync(Uri uri, ProbeSettings settings)
        {
            var en = await ProbeOneAsync(uri, settings, "en-US");
            var fr = await ProbeOneAsync(uri, settings, "fr-FR");
            Assert.Equal(en.Failure, fr.Failure);
            Assert.Equal(en.Phase, fr.Phase);
            Assert.Equal(en.Side, fr.Side);
            Assert.Equal(en.Answer, fr.Answer);
            Assert.DoesNotContain("  ", en.Message, StringComparison.Ordinal); // no empty placeholder
            Assert.DoesNotContain("  ", fr.Message, StringComparison.Ordinal);
            return (en, fr);
        }

        private static void Expect(IeaServerTestResult result, ProbeFailure failure, ProbePhase phase, FaultSide side, ProbeAnswer answer = ProbeAnswer.None)
        {
            Assert.True(failure == result.FailureValue, $"expected {failure}, got {result.FailureValue}: {result.Message}");
            Assert.True(phase == result.PhaseValue, $"expected phase {phase}, got {result.PhaseValue}: {result.Message}");
            Assert.True(side == result.SideValue, $"expected side {side}, got {result.SideValue}: {result.Message}");
            Assert.Equal(answer, result.AnswerValue);
            Assert.Equal(failure == ProbeFailure.None, result.Reachable);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Accepted_then_silent_on_https_is_a_timeout_at_TLS_not_retried(bool staged)
        {
            using var silent = new ScriptedServer(ScriptedServer.Silent);
            var (en, fr) = await BothLanguagesAsync(silent.Https(), Settings(staged));

            Expect(en, ProbeFailure.Timeout, ProbePhase.Tls, FaultSide.Unknown);
            Assert.Equal(1, en.Attempts);
            Assert.Equal($"127.0.0.1:{silent.Port}", en.RemoteAddress);
            Assert.Contains("secure handshake (TLS)", en.Message, StringComparison.Ordinal);
            Assert.Contains("négociation sécurisée (TLS)", fr.Message, StringComparison.Ordinal);
            Assert.Null(en.StatusCode);
        }

        [Fact]
        public async Task Concurrent_probes_share_the_compiled_connect_callback_but_each_connects_through_its_own_trace()
        {
            // The callback factory is compiled once per process: each handler's delegate must still call its own connector.
            using var first = new ScriptedServer(ScriptedServer.Silent);
            using var second = new ScriptedServer(ScriptedServer.Silent);
            var servers = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? first : second).ToList();

            var results = await Task.WhenAll(servers.Select(server => ProbeOneAsync(server.Https(), Settings(false))));

            for (var i = 0; i < servers.Count; i++)
            {
                Expect(results[i], ProbeFailure.Timeout, ProbePhase.Tls, FaultSide.Unknown);
                Assert.Equal($"127.0.0.1:{servers[i].Port}", results[i].RemoteAddress);
            }
        }

        [Fact]
        public async Task Accepted_then_silent_on_http_is_a_timeout_waiting_for_the_answer_on_the_servers_side()
        {
            using var silent = new ScriptedServer(ScriptedServer.Silent);
            var (en, fr) = await BothLanguagesAsync(silent.Http(), Settings(false));

            Expect(en, ProbeFailure.Timeout, ProbePhase.Response, FaultSide.Remote);
            Assert.Contains("did not answer the request", en.Message, StringComparison.Ordinal);
            Assert.Contains("n'a pas répondu à la requête", fr.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secure", en.Message, StringComparison.Ordinal); // http:// has no TLS
            Assert.DoesNotContain("sécurisée", fr.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_dropped_SYN_is_a_timeout_at_connect(bool staged)
        {
            using var dropping = new DroppingListener(IPAddress.Loopback);
            var (en, fr) = await BothLanguagesAsync(new Uri($"https://127.0.0.1:{dropping.Port}/"), Settings(staged));

            Expect(en, ProbeFailure.Timeout, ProbePhase.Connect, FaultSide.Unknown);
            Assert.Null(en.RemoteAddress);
            Assert.Contains("did not accept the connection", en.Message, StringComparison.Ordinal);
            Assert.Contains("n'a pas accepté la connexion", fr.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Three_servers_that_never_answer_are_each_tried_once_within_the_one_budget()
        {
            using var a = new DroppingListener(IPAddress.Loopback);
            using var b = new ScriptedServer(ScriptedServer.Silent);
            using var c = new ScriptedServer(ScriptedServer.Silent);
            var targets = new[] { new Uri($"https://127.0.0.1:{a.Port}/"), b.Https(), c.Http() }
                .Select(u => new ProbeTarget(ServerRole.Custom, u)).ToList();
            var results = await new ServerProbe().ProbeAsync(targets, Settings(false, 1));

            Assert.All(results, r => Assert.Equal(ProbeFailure.Timeout, r.FailureValue));
            Assert.All(results, r => Assert.Equal(1, r.Attempts));
            Assert.Equal(new[] { ProbePhase.Connect, ProbePhase.Tls, ProbePhase.Response }, results.Select(r => r.PhaseValue));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_closed_port_is_refused_at_connect_and_not_retried(bool staged)
        {
            var port = TestInfra.FreePort();
            var (en, fr) = await BothLanguagesAsync(new Uri($"https://127.0.0.1:{port}/"), Settings(staged, 5));

            Expect(en, ProbeFailure.ConnectionRefused, ProbePhase.Connect, FaultSide.Unknown);
            Assert.Equal(1, en.Attempts);
            Assert.False(en.ViaProxy);
            Assert.Null(en.ProxyUsed);
            Assert.Contains("refused the connection", en.Message, StringComparison.Ordinal);
            Assert.Contains("a refusé la connexion", fr.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_reset_right_after_ClientHello_is_a_local_filter_on_the_name(bool staged)
        {
            using var filter = new ScriptedServer(ScriptedServer.ResetAfterFirstMessage);
            var (en, fr) = await BothLanguagesAsync(filter.Https(), Settings(staged, 5));

            if (staged)
            {
                // Without the connect callback nothing sees the bytes: the reset still reads as cut during TLS.
                Assert.Equal(ProbeFailure.ConnectionReset, en.FailureValue);
                Assert.Equal(ProbePhase.Tls, en.PhaseValue);
                return;
            }
            Expect(en, ProbeFailure.ConnectionReset, ProbePhase.Tls, FaultSide.Local);
            Assert.Equal(1, en.Attempts);
            Assert.Contains("blocks the name 127.0.0.1", en.Message, StringComparison.Ordinal);
            Assert.Contains("SNI", en.Message, StringComparison.Ordinal);
            Assert.Contains("bloque le nom 127.0.0.1", fr.Message, StringComparison.Ordinal);
            Assert.Contains("Détail technique :", fr.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_EOF_right_after_ClientHello_is_the_same_local_filter()
        {
            using var filter = new ScriptedServer(ScriptedServer.CloseAfterFirstMessage);
            var result = await ProbeOneAsync(filter.Https(), Settings(false, 5));

            Expect(result, ProbeFailure.ConnectionReset, ProbePhase.Tls, FaultSide.Local);
            Assert.Equal(1, result.Attempts);
        }

        [Fact]
        public async Task Plain_HTTP_on_the_TLS_port_is_named_as_such()
        {
            using var plain = new ScriptedServer(ScriptedServer.Answer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            var (en, fr) = await BothLanguagesAsync(plain.Https(), Settings(false, 5));

            Expect(en, ProbeFailure.PlainHttpOnTlsPort, ProbePhase.Tls, FaultSide.Local);
            Assert.Contains("plain HTTP", en.Message, StringComparison.Ordinal);
            Assert.Contains("HTTP simple", fr.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("TLS 1.2", en.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_reset_in_mid_answer_is_retried_once()
        {
            using var cutter = new ScriptedServer(ScriptedServer.ResetAfterFirstMessage);
            var result = await ProbeOneAsync(cutter.Http(), Settings(false, 5));

            Expect(result, ProbeFailure.ConnectionReset, ProbePhase.Response, FaultSide.Unknown);
            Assert.Equal(2, result.Attempts);
            Assert.Equal(2, cutter.Accepted);
        }

        [Theory]
        [InlineData("1", 2)]
        [InlineData("120", 1)]
        public async Task An_origin_503_is_retried_once_when_its_Retry_After_fits_the_budget(string retryAfter, int attempts)
        {
            using var busy = new ScriptedServer(ScriptedServer.Answer($"HTTP/1.1 503 Service Unavailable\r\nRetry-After: {retryAfter}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            var (en, fr) = await BothLanguagesAsync(busy.Http(), Settings(false, 5));

            Expect(en, ProbeFailure.ServerError, ProbePhase.Response, FaultSide.Remote, ProbeAnswer.ServerError);
            Assert.Equal(503, en.StatusCode);
            Assert.Equal(attempts, en.Attempts);
            Assert.Contains("the server itself has a problem", en.Message, StringComparison.Ordinal);
            Assert.Contains("vient du serveur lui-même", fr.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("http://portal.example.test/login", true)]
        [InlineData("/elsewhere", false)]
        public async Task A_redirect_is_reachable_with_its_Location_and_flagged_when_it_leaves_the_host(string location, bool flagged)
        {
            using var redirecting = new ScriptedServer(ScriptedServer.Answer($"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            var (en, fr) = await BothLanguagesAsync(redirecting.Http(), Settings(false, 5));

            Expect(en, ProbeFailure.None, ProbePhase.Response, FaultSide.None, ProbeAnswer.Redirect);
            Assert.Equal(302, en.StatusCode);
            Assert.Equal(flagged ? location : redirecting.Http("/elsewhere").ToString(), en.Location);
            Assert.Contains(en.Location!, en.Message, StringComparison.Ordinal);
            Assert.Equal(flagged, en.Message.Contains("another host", StringComparison.Ordinal));
            Assert.Equal(flagged, fr.Message.Contains("un autre hôte", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(403, "access is refused", ProbeAnswer.ClientError)]
        [InlineData(451, "access is refused", ProbeAnswer.ClientError)]
        [InlineData(404, "check the path", ProbeAnswer.ClientError)]
        [InlineData(200, "is reachable", ProbeAnswer.Expected)]
        public async Task A_4xx_is_reachable_but_flagged(int status, string words, ProbeAnswer answer)
        {
            using var server = new ScriptedServer(ScriptedServer.Answer($"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            var result = await ProbeOneAsync(server.Http(), Settings(false, 5));

            Expect(result, ProbeFailure.None, ProbePhase.Response, FaultSide.None, answer);
            Assert.Contains(words, result.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_511_is_a_captive_portal_on_this_side_not_a_reachable_server()
        {
            using var portal = new ScriptedServer(ScriptedServer.Answer("HTTP/1.1 511 Network Authentication Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            var result = await ProbeOneAsync(portal.Http(), Settings(false, 5));

            Expect(result, ProbeFailure.Proxy, ProbePhase.Response, FaultSide.Local, ProbeAnswer.ServerError);
            Assert.Contains("captive portal", result.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_proxy_that_cannot_reach_the_server_answers_502_itself_and_is_never_taken_for_the_server(bool staged)
        {
            using var proxy = new ScriptedServer(ScriptedServer.ProxyAnswering(502, "Bad Gateway", "X-Squid-Error: ERR_DNS_FAIL 0", "Via: 1.1 box"));
            var (en, fr) = await BothLanguagesAsync(new Uri("https://impact-emploi.example.test/"), ThroughProxy(proxy.Port, staged));

            Expect(en, ProbeFailure.Proxy, ProbePhase.ProxyTunnel, FaultSide.Unknown);
            Assert.Equal(502, en.StatusCode);
            Assert.True(en.ViaProxy);
            Assert.Equal($"127.0.0.1:{proxy.Port}", en.ProxyUsed);
            Assert.Equal(1, en.Attempts);
            Assert.Contains($"The proxy 127.0.0.1:{proxy.Port} could not reach impact-emploi.example.test", en.Message, StringComparison.Ordinal);
            Assert.Contains($"Le proxy 127.0.0.1:{proxy.Port} n'a pas pu joindre", fr.Message, StringComparison.Ordinal);
            if (!staged) Assert.Contains("ERR_DNS_FAIL", en.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("allow HTTPS", en.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_proxy_that_answers_CONNECT_with_500_is_a_proxy_failure_with_its_reason()
        {
            using var proxy = new ScriptedServer(ScriptedServer.ProxyAnswering(500, "Unable to connect", "Server: tinyproxy/1.11.1"));
            var result = await ProbeOneAsync(new Uri("https://impact-emploi.example.test/"), ThroughProxy(proxy.Port, false));

            Expect(result, ProbeFailure.Proxy, ProbePhase.ProxyTunnel, FaultSide.Unknown);
            Assert.Contains("Unable to connect", result.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_proxy_refusing_CONNECT_with_403_is_its_policy_on_this_side()
        {
            using var proxy = new ScriptedServer(ScriptedServer.ProxyAnswering(403, "Forbidden"));
            var (en, fr) = await BothLanguagesAsync(new Uri("https://impact-emploi.example.test/"), ThroughProxy(proxy.Port, false));

            Expect(en, ProbeFailure.Proxy, ProbePhase.ProxyTunnel, FaultSide.Local);
            Assert.Contains("refused access to impact-emploi.example.test", en.Message, StringComparison.Ordinal);
            Assert.Contains("a refusé l'accès", fr.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task For_an_http_address_a_proxys_own_error_page_is_the_proxys_not_the_servers()
        {
            using var proxy = new ScriptedServer(ScriptedServer.ProxyAnswering(503, "Service Unavailable", "X-Squid-Error: ERR_DNS_FAIL 0"));
            var result = await ProbeOneAsync(new Uri("http://impact-emploi.example.test/"), ThroughProxy(proxy.Port, false));

            Expect(result, ProbeFailure.Proxy, ProbePhase.Response, FaultSide.Unknown);
            Assert.DoesNotContain("server itself", result.Message, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.1:{proxy.Port}", result.Message, StringComparison.Ordinal);
            Assert.Equal(1, result.Attempts);
        }

        [Fact]
        public async Task A_wrong_account_is_told_it_is_wrong_not_to_give_one()
        {
            using var proxy = new ScriptedServer(ScriptedServer.ProxyAnswering(407, "Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"box\""));
            var (en, fr) = await BothLanguagesAsync(new Uri("https://impact-emploi.example.test/"),
                ThroughProxy(proxy.Port, false, new NetworkCredential("alice", "Sup3rSecret!")));

            Expect(en, ProbeFailure.ProxyAuthenticationRequired, ProbePhase.ProxyTunnel, FaultSide.Local);
            Assert.Contains("rejected the account given with -ProxyCredential", en.Message, StringComparison.Ordinal);
            Assert.Contains("a refusé le compte", fr.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Sup3rSecret", en.Message + fr.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_407_with_no_proxy_configured_is_a_transparent_proxy()
        {
            using var transparent = new ScriptedServer(ScriptedServer.Answer("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            var result = await ProbeOneAsync(transparent.Http(), Settings(false, 5));

            Expect(result, ProbeFailure.ProxyAuthenticationRequired, ProbePhase.Response, FaultSide.Local, ProbeAnswer.ClientError);
            Assert.Contains("though the connection settings name none", result.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("proxy  ", result.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_proxy_port_with_nothing_listening_is_a_proxy_failure_naming_it(bool staged)
        {
            var port = TestInfra.FreePort();
            var (en, fr) = await BothLanguagesAsync(new Uri("https://127.0.0.1:9/"), ThroughProxy(port, staged));

            Expect(en, ProbeFailure.Proxy, ProbePhase.ProxyConnect, FaultSide.Local);
            Assert.Equal(1, en.Attempts);
            Assert.Contains($"The proxy 127.0.0.1:{port} could not be reached", en.Message, StringComparison.Ordinal);
            Assert.Contains($"Le proxy 127.0.0.1:{port} est injoignable", fr.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_silent_proxy_is_blamed_not_the_server()
        {
            using var proxy = new ScriptedServer(ScriptedServer.Silent);
            var (en, _) = await BothLanguagesAsync(new Uri("https://impact-emploi.example.test/"), ThroughProxy(proxy.Port, false));

            Expect(en, ProbeFailure.Timeout, ProbePhase.ProxyTunnel, FaultSide.Local);
            Assert.Contains($"The proxy 127.0.0.1:{proxy.Port} accepted the connection but did not answer", en.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("needs a proxy", en.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_silent_proxy_asked_for_an_http_address_is_named_and_the_server_is_not_blamed()
        {
            using var proxy = new ScriptedServer(ScriptedServer.Silent);
            var (en, fr) = await BothLanguagesAsync(new Uri("http://impact-emploi.example.test/"), ThroughProxy(proxy.Port, false));

            Expect(en, ProbeFailure.Timeout, ProbePhase.Response, FaultSide.Unknown);
            Assert.Contains($"The proxy 127.0.0.1:{proxy.Port} accepted the request for impact-emploi.example.test", en.Message, StringComparison.Ordinal);
            Assert.Contains($"Le proxy 127.0.0.1:{proxy.Port} a accepté la requête", fr.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secure connection", en.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_blackholed_proxy_is_a_timeout_at_the_proxy()
        {
            using var dropping = new DroppingListener(IPAddress.Loopback);
            var result = await ProbeOneAsync(new Uri("https://impact-emploi.example.test/"), ThroughProxy(dropping.Port, false));

            Expect(result, ProbeFailure.Timeout, ProbePhase.ProxyConnect, FaultSide.Local);
            Assert.Contains($"The proxy 127.0.0.1:{dropping.Port} did not accept the connection", result.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task An_intercepting_box_is_named_by_its_certificate_issuer_with_the_fix(bool staged)
        {
            using var certificate = TestCertificates.IssuedBy("Acme Inspection CA", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            using var box = new ScriptedServer(ScriptedServer.Tls(certificate, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
            var (en, fr) = await BothLanguagesAsync(box.Https(), Settings(staged, 5));

            Expect(en, ProbeFailure.Certificate, ProbePhase.Tls, FaultSide.Local);
            Assert.Equal("CN=Acme Inspection CA", en.CertificateIssuer);
            Assert.Equal("CN=localhost", en.CertificateSubject);
            Assert.NotEqual("Valid", en.CertificateChainStatus);
            Assert.Contains("HTTPS is inspected by Acme Inspection CA", en.Message, StringComparison.Ordinal);
            Assert.Contains("services.net-entreprises.fr", en.Message, StringComparison.Ordinal);
            Assert.Contains("le HTTPS est inspecté par Acme Inspection CA", fr.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_self_signed_certificate_is_untrusted_and_named_on_this_side()
        {
            using var certificate = TestCertificates.SelfSigned("Firewall Self Signed");
            using var box = new ScriptedServer(ScriptedServer.Tls(certificate, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
            var (en, fr) = await BothLanguagesAsync(box.Https(), Settings(false, 5));

            Expect(en, ProbeFailure.Certificate, ProbePhase.Tls, FaultSide.Local);
            Assert.Equal("CN=Firewall Self Signed", en.CertificateIssuer);
            Assert.Equal(en.CertificateIssuer, en.CertificateSubject);
            Assert.Contains("issued by Firewall Self Signed, which this PC does not trust", en.Message, StringComparison.Ordinal);
            Assert.Contains("émis par Firewall Self Signed, que ce poste ne reconnaît pas", fr.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_certificate_not_yet_valid_points_at_the_clock_of_this_PC()
        {
            var from = DateTimeOffset.UtcNow.AddDays(2);
            using var certificate = TestCertificates.IssuedBy("Any CA", from, from.AddDays(300));
            using var server = new ScriptedServer(ScriptedServer.Tls(certificate, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
            var (en, fr) = await BothLanguagesAsync(server.Https(), Settings(false, 5));

            Expect(en, ProbeFailure.Certificate, ProbePhase.Tls, FaultSide.Local);
            Assert.Equal(certificate.NotBefore.ToUniversalTime(), en.CertificateNotBefore!.Value.UtcDateTime);
            Assert.Contains("this PC's clock is behind", en.Message, StringComparison.Ordinal);
            Assert.Contains("l'horloge de ce poste retarde", fr.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("unknown issuer", en.Message, StringComparison.Ordinal);
        }

        [SkippableFact]
        public async Task Over_IPv6_loopback_the_address_connected_to_is_reported()
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "IPv6 is not available on this machine.");
            ScriptedServer server;
            try
            {
                server = new ScriptedServer(ScriptedServer.Answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), IPAddress.IPv6Loopback);
            }
            catch (SocketException e)
            {
                Skip.If(true, "::1 cannot be bound here: " + e.Message);
                return;
            }
            using (server)
            {
                var result = await ProbeOneAsync(server.Http(), Settings(false, 5));
                Expect(result, ProbeFailure.None, ProbePhase.Response, FaultSide.None, ProbeAnswer.Expected);
                Assert.Equal($"[::1]:{server.Port}", result.RemoteAddress);
            }
        }

        [SkippableFact]
        public async Task Happy_Eyeballs_a_dropped_IPv6_path_falls_back_to_IPv4()
        {
            Skip.IfNot(Socket.OSSupportsIPv6, "IPv6 is not available on this machine.");
            using var v4 = new ScriptedServer(ScriptedServer.Silent);
            DroppingListener v6;
            try
            {
                v6 = new DroppingListener(IPAddress.IPv6Loopback, v4.Port);
            }
            catch (SocketException e)
            {
                Skip.If(true, "::1 cannot be bound on the IPv4 server's port here: " + e.Message);
                return;
            }
            using (v6)
            using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30))) // hang guard only, not a timing assertion
            {
                using var socket = await HappyEyeballs.ConnectAsync(new[] { IPAddress.IPv6Loopback, IPAddress.Loopback }, v4.Port, cts.Token);
                Assert.Equal(IPAddress.Loopback, ((IPEndPoint)socket.RemoteEndPoint!).Address);
            }
        }

        /// <summary>Null when this machine has no IPv4 route at all (the test task's loopback-only namespace): a connect then fails at once, nothing is sent.</summary>
        private static string? NoRouteSkipReason()
        {
            if (!OperatingSystem.IsLinux()) return "Needs Linux's /proc/net/route to prove that nothing would leave the machine.";
            var routes = System.IO.File.ReadAllLines("/proc/net/route").Skip(1).Where(l => l.Trim().Length > 0).ToList();
            return routes.Count == 0 ? null : "This machine has IPv4 routes: the test would send packets out (it runs in the test task's loopback-only network namespace).";
        }

        [SkippableFact]
        public async Task No_route_is_NetworkUnreachable_on_this_side()
        {
            var reason = NoRouteSkipReason();
            Skip.If(reason != null, reason);
            var (en, fr) = await BothLanguagesAsync(new Uri("https://192.0.2.1/"), Settings(false, 5));

            Expect(en, ProbeFailure.NetworkUnreachable, ProbePhase.Connect, FaultSide.Local);
            Assert.Contains("No network route to", en.Message, StringComparison.Ordinal);
            Assert.Contains("Aucune route réseau vers", fr.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Happy_Eyeballs_interleaves_the_families_starting_with_the_resolvers_first()
        {
            var v6a = IPAddress.Parse("2001:db8::1");
            var v6b = IPAddress.Parse("2001:db8::2");
            var v4a = IPAddress.Parse("192.0.2.1");
            var v4b = IPAddress.Parse("192.0.2.2");
            Assert.Equal(new[] { v6a, v4a, v6b, v4b }, HappyEyeballs.Order(new[] { v6a, v6b, v4a, v4b }));
            Assert.Equal(new[] { v4a, v6a, v4b }, HappyEyeballs.Order(new[] { v4a, v4b, v6a }));
        }

        private sealed class FakeResolver : ISystemProxyResolver
        {
            private readonly SystemProxyDecision _decision;

            public FakeResolver(SystemProxyDecision decision) => _decision = decision;

            public SystemProxyDecision Resolve(Uri target) => _decision;
        }

        [Fact]
        public async Task System_proxy_unknown_is_not_tested_with_the_reason()
        {
            var settings = Settings(false);
            settings.ConnectionType = ConnectionType.SystemProxy;
            settings.SystemProxyResolver = new FakeResolver(SystemProxyDecision.Unknown("WinINet of the logged-on user", "no user is logged on"));
            var (en, fr) = await BothLanguagesAsync(new Uri("https://impact-emploi.example.test/"), settings);

            Expect(en, ProbeFailure.NotTested, ProbePhase.Settings, FaultSide.Unknown);
            Assert.Equal(0, en.Attempts);
            Assert.Contains("no user is logged on", en.Message, StringComparison.Ordinal);
            Assert.Contains("n'a pas été testé", fr.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task System_proxy_goes_through_the_proxy_it_resolves_and_names_it()
        {
            using var proxy = new ScriptedServer(ScriptedServer.ProxyAnswering(407, "Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"box\""));
            var settings = Settings(false, 5);
            settings.ConnectionType = ConnectionType.SystemProxy;
            settings.SystemProxyResolver = new FakeResolver(SystemProxyDecision.Through(new Uri($"http://127.0.0.1:{proxy.Port}"), "PAC file"));
            var result = await ProbeOneAsync(new Uri("https://impact-emploi.example.test/"), settings);

            Expect(result, ProbeFailure.ProxyAuthenticationRequired, ProbePhase.ProxyTunnel, FaultSide.Local);
            Assert.Equal($"127.0.0.1:{proxy.Port}", result.ProxyUsed);
            Assert.Contains($"The proxy 127.0.0.1:{proxy.Port} requires authentication", result.Message, StringComparison.Ordinal);
            Assert.Equal(1, proxy.Accepted);
        }

        [Fact]
        public async Task System_proxy_direct_goes_direct()
        {
            using var server = new ScriptedServer(ScriptedServer.Answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            var settings = Settings(false, 5);
            settings.ConnectionType = ConnectionType.SystemProxy;
            settings.SystemProxyResolver = new FakeResolver(SystemProxyDecision.Direct("no proxy set"));
            var result = await ProbeOneAsync(server.Http(), settings);

            Expect(result, ProbeFailure.None, ProbePhase.Response, FaultSide.None, ProbeAnswer.Expected);
            Assert.False(result.ViaProxy);
            Assert.Null(result.ProxyUsed);
        }

        [Fact]
        public async Task A_resolver_that_throws_leaves_the_server_not_tested_never_an_exception()
        {
            var settings = Settings(false);
            settings.ConnectionType = ConnectionType.SystemProxy;
            settings.SystemProxyResolver = new ThrowingResolver();
            var result = await ProbeOneAsync(new Uri("https://impact-emploi.example.test/"), settings);

            Expect(result, ProbeFailure.NotTested, ProbePhase.Settings, FaultSide.Unknown);
            Assert.Contains("resolver broke", result.Message, StringComparison.Ordinal);
        }

        private sealed class ThrowingResolver : ISystemProxyResolver
        {
            public SystemProxyDecision Resolve(Uri target) => throw new InvalidOperationException("resolver broke");
        }

        [Fact]
        public async Task Cancellation_stops_the_probe()
        {
            using var silent = new ScriptedServer(ScriptedServer.Silent);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProbeOneAsync(silent.Https(), Settings(false, 30), ct: cts.Token));
        }
    }
}
