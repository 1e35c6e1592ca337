using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ImpactEmploi.Probing;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    public class ProbeSettingsTests
    {
        [Theory]
        [InlineData("proxy.local", 8080, false, "http://proxy.local:8080/")]
        [InlineData(" proxy.local ", 8080, false, "http://proxy.local:8080/")]
        [InlineData("proxy.local:3128", 0, false, "http://proxy.local:3128/")]
        [InlineData("http://10.0.0.1", 8080, false, "http://10.0.0.1:8080/")]
        [InlineData("http://10.0.0.1:3128", 0, false, "http://10.0.0.1:3128/")]
        [InlineData("http://10.0.0.1:3128/", 8080, false, "http://10.0.0.1:8080/")]
        [InlineData("proxy.local", 8443, true, "https://proxy.local:8443/")]
        public void ProxyAdresse_is_read_as_curl_reads_it_host_port_or_url(string host, int port, bool secure, string expected)
        {
            var s = new ProbeSettings
            {
                ConnectionType = ConnectionType.Proxy, ProxyHost = host, ProxyPort = port, ProxySecure = secure,
                ProxyCredential = new System.Net.NetworkCredential("u", "p")
            };
            Assert.Equal(new Uri(expected), s.ProxyUri);
            Assert.Null(new ProbeSettings { ConnectionType = ConnectionType.Direct, ProxyHost = host, ProxyPort = port }.ProxyUri);
        }

        public static TheoryData<string, string?, int> UnusableProxies => new()
        {
            { "proxy without host", null, 8080 },
            { "proxy with a blank host", "  ", 8080 },
            { "proxy port 0 and none in the host", "p", 0 },
            { "a URL without port and port 0", "http://10.0.0.1", 0 },
            { "proxy port too big", "p", 70000 },
        };

        [Theory]
        [MemberData(nameof(UnusableProxies))]
        public async Task An_unusable_proxy_setting_is_a_result_per_server_never_an_exception(string because, string? host, int port)
        {
            var settings = new ProbeSettings { ConnectionType = ConnectionType.Proxy, ProxyHost = host, ProxyPort = port };
            var targets = new List<ProbeTarget>
            {
                new ProbeTarget(ServerRole.Authentication, new Uri("https://127.0.0.1:9/")),
                new ProbeTarget(ServerRole.Update, new Uri("https://127.0.0.1:9/update")),
            };
            var results = await new ServerProbe().ProbeAsync(targets, settings);
            Assert.Equal(2, results.Count);
            foreach (var result in results)
            {
                Assert.False(result.Reachable, because);
                Assert.Equal(ProbeFailure.ProxySetting, result.FailureValue);
                Assert.Equal(ProbePhase.Settings, result.PhaseValue);
                Assert.Equal(FaultSide.Local, result.SideValue);
                Assert.Equal(ProbeAnswer.None, result.AnswerValue);
                Assert.Contains("Set-IeaServerConfig -ConnectionType Proxy", result.Message, StringComparison.Ordinal);
                Assert.Equal(0, result.Attempts);
            }
        }

        public static TheoryData<string, ProbeSettings> Invalid => new()
        {
            { "no time", new ProbeSettings { Budget = TimeSpan.Zero } },
            { "negative retries", new ProbeSettings { RetryCount = -1 } },
            { "absurd retries", new ProbeSettings { RetryCount = 100 } },
            { "negative delay", new ProbeSettings { RetryDelay = TimeSpan.FromSeconds(-1) } },
        };

        [Theory]
        [MemberData(nameof(Invalid))]
        public async Task Rejects_values_no_cmdlet_lets_through_before_any_request(string because, ProbeSettings settings)
        {
            var targets = new List<ProbeTarget> { new ProbeTarget(ServerRole.Custom, new Uri("https://127.0.0.1:9/")) };
            await Assert.ThrowsAnyAsync<ArgumentException>(() => new ServerProbe().ProbeAsync(targets, settings));
            Assert.NotNull(because);
        }

        [Theory]
        [InlineData("ftp://impact-emploi.urssaf.fr/")]
        [InlineData("/relative")]
        public void Targets_are_absolute_http_or_https(string address)
        {
            Assert.Throws<ArgumentException>(() => new ProbeTarget(ServerRole.Custom, new Uri(address, UriKind.RelativeOrAbsolute)));
        }
    }
}
