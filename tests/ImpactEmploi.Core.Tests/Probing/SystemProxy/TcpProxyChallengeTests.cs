using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using ImpactEmploi.Probing.SystemProxy;
using Xunit;

namespace ImpactEmploi.Tests.Probing.SystemProxy
{
    public class TcpProxyChallengeTests
    {
        private static readonly TcpProxyChallenge Challenge = new TcpProxyChallenge(TimeSpan.FromSeconds(10));

        /// <summary>A one-shot proxy on 127.0.0.1 that reads the request head and answers with <paramref name="statusLine"/>.</summary>
        private static async Task<(bool Asks, string Request)> AskAsync(string statusLine, Uri target)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var serve = Task.Run(async () =>
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    var request = new StringBuilder();
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer);
                        if (read == 0) break;
                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    var answer = Encoding.ASCII.GetBytes(statusLine + "\r\nContent-Length: 0\r\n\r\n");
                    await stream.WriteAsync(answer);
                    return request.ToString();
                });
                var asks = Challenge.RequiresCredentials(new Uri($"http://127.0.0.1:{port}/"), target);
                return (asks, await serve);
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public async Task A_407_means_credentials_are_required_and_https_is_asked_with_CONNECT()
        {
            var (asks, request) = await AskAsync("HTTP/1.1 407 Proxy Authentication Required", new Uri("https://impact-emploi.urssaf.fr/"));
            Assert.True(asks);
            Assert.StartsWith("CONNECT impact-emploi.urssaf.fr:443 HTTP/1.1\r\n", request, StringComparison.Ordinal);
            Assert.DoesNotContain("Proxy-Authorization", request, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task Any_other_answer_is_no_credentials_and_http_is_asked_with_HEAD()
        {
            var (asks, request) = await AskAsync("HTTP/1.1 200 Connection established", new Uri("http://impact-emploi.urssaf.fr/updates"));
            Assert.False(asks);
            Assert.StartsWith("HEAD http://impact-emploi.urssaf.fr/updates HTTP/1.1\r\n", request, StringComparison.Ordinal);
        }

        [Fact]
        public void A_proxy_that_refuses_the_connection_is_left_to_the_server_test()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            Assert.False(Challenge.RequiresCredentials(new Uri($"http://127.0.0.1:{port}/"), new Uri("https://impact-emploi.urssaf.fr/")));
        }
    }
}
