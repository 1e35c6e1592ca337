using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Probing;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    /// <summary>Against plain sockets on 127.0.0.1: need nothing installed, so they always run.</summary>
    public class ServerProbeLoopbackTests
    {
        private static readonly ProbeSettings Quick = new ProbeSettings
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(500), RetryCount = 2,
            RetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        };

        private static async Task<IeaServerTestResult> ProbeOneAsync(Uri uri, ProbeSettings settings, CancellationToken ct = default) =>
            (await new ServerProbe().ProbeAsync(new List<ProbeTarget> { new ProbeTarget(ServerRole.Custom, uri) }, settings, ct))[0];

        [Fact]
        public async Task A_server_that_accepts_and_never_answers_times_out_after_every_attempt()
        {
            using var silent = new SilentServer();
            var result = await ProbeOneAsync(silent.Url, Quick).WaitAsync(TestInfra.HangGuard);

            Assert.False(result.Reachable);
            Assert.Equal(ProbeFailure.Timeout, result.Failure);
            Assert.Equal(Quick.RetryCount + 1, result.Attempts);
            Assert.Equal(result.Attempts, silent.Accepted); // the server saw every attempt
            Assert.Contains($"127.0.0.1:{silent.Port}", result.Message, StringComparison.Ordinal);
            Assert.Null(result.StatusCode);
        }

        [Fact]
        public async Task A_closed_port_is_refused_at_once_and_not_retried()
        {
            var port = TestInfra.FreePort(); // free: nothing listens there
            // A generous attempt time: a refusal must not be retried, whatever the first request's warm-up costs.
            var settings = new ProbeSettings { AttemptTimeout = TimeSpan.FromSeconds(5), RetryCount = 2 };
            var result = await ProbeOneAsync(new Uri($"https://127.0.0.1:{port}/"), settings);

            Assert.Equal(ProbeFailure.ConnectionRefused, result.Failure);
            Assert.False(result.Reachable);
            Assert.Equal(1, result.Attempts);
            Assert.False(result.ViaProxy);
        }

        [Fact]
        public async Task Cancellation_stops_the_probe_at_once()
        {
            using var silent = new SilentServer();
            var slow = new ProbeSettings { AttemptTimeout = TimeSpan.FromSeconds(30), RetryCount = 2 };
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            // Without the token the probe would end after 3 x 30 s with a Timeout result; the hang guard (a
            // TimeoutException, not a cancellation) fails the test long before that.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProbeOneAsync(silent.Url, slow, cts.Token).WaitAsync(TestInfra.HangGuard));
        }

        [Fact]
        public async Task A_proxy_port_with_nothing_listening_is_a_proxy_failure()
        {
            var port = TestInfra.FreePort();
            var settings = new ProbeSettings
            {
                ConnectionType = ConnectionType.Proxy, ProxyHost = "127.0.0.1", ProxyPort = port,
                AttemptTimeout = TimeSpan.FromSeconds(2), RetryCount = 2
            };
            // The target itself is never contacted: the proxy is refused first.
            var result = await ProbeOneAsync(new Uri("https://127.0.0.1:9/"), settings);

            Assert.Equal(ProbeFailure.Proxy, result.Failure);
            Assert.True(result.ViaProxy);
            Assert.Equal(1, result.Attempts);
            Assert.Contains($"127.0.0.1:{port}", result.Message, StringComparison.Ordinal);
        }
    }
}
