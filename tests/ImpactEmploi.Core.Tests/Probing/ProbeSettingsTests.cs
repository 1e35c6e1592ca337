using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ImpactEmploi.Probing;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    public class ProbeSettingsTests
    {
        [Fact]
        public void Overall_timeout_is_every_attempt_and_every_wait_at_their_longest()
        {
            var s = new ProbeSettings { AttemptTimeout = TimeSpan.FromSeconds(2), RetryCount = 3, MaxRetryDelay = TimeSpan.FromSeconds(1) };
            Assert.Equal(TimeSpan.FromSeconds(2 * 4 + 1 * 3 + 0.5), s.OverallTimeout);
            Assert.Equal(TimeSpan.FromSeconds(10 * 3 + 5 * 2 + 0.5), new ProbeSettings().OverallTimeout);
        }

        [Fact]
        public void The_proxy_uri_holds_host_and_port_only()
        {
            var s = new ProbeSettings { ConnectionType = ConnectionType.Proxy, ProxyHost = " proxy.local ", ProxyPort = 8080,
                ProxyCredential = new System.Net.NetworkCredential("u", "p") };
            Assert.Equal(new Uri("http://proxy.local:8080/"), s.ProxyUri);
            Assert.Null(new ProbeSettings { ConnectionType = ConnectionType.Direct, ProxyHost = "proxy.local", ProxyPort = 8080 }.ProxyUri);
        }

        public static TheoryData<string, ProbeSettings> Invalid => new()
        {
            { "proxy without host", new ProbeSettings { ConnectionType = ConnectionType.Proxy, ProxyPort = 8080 } },
            { "proxy port 0", new ProbeSettings { ConnectionType = ConnectionType.Proxy, ProxyHost = "p", ProxyPort = 0 } },
            { "proxy port too big", new ProbeSettings { ConnectionType = ConnectionType.Proxy, ProxyHost = "p", ProxyPort = 70000 } },
            { "no time", new ProbeSettings { AttemptTimeout = TimeSpan.Zero } },
            { "negative retries", new ProbeSettings { RetryCount = -1 } },
            { "absurd retries", new ProbeSettings { RetryCount = 100 } },
            { "delay above its cap", new ProbeSettings { RetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromSeconds(1) } },
        };

        [Theory]
        [MemberData(nameof(Invalid))]
        public async Task Rejects_invalid_settings_before_any_request(string because, ProbeSettings settings)
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
