using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Probing;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    /// <summary>« Sécurisé » beside the proxy: TLS to the proxy where the runtime can, else said in the result.</summary>
    public class ProxySecureTests
    {
        private static ProbeSettings Secure(int port, bool staged) => new ProbeSettings
        {
            ConnectionType = ConnectionType.Proxy, ProxyHost = "127.0.0.1", ProxyPort = port, ProxySecure = true,
            Budget = TimeSpan.FromSeconds(5), ForceStagedProbe = staged,
        };

        private static async Task<IeaServerTestResult> ProbeAsync(ProbeSettings settings) =>
            (await new ServerProbe().ProbeAsync(new List<ProbeTarget> { new ProbeTarget(ServerRole.Custom, new Uri("https://impact-emploi.example.test/")) }, settings))[0];

        /// <summary>A proxy that speaks TLS (the test PKI's certificate for 127.0.0.1) and answers every CONNECT with 502.</summary>
        private static Func<Socket, CancellationToken, Task> TlsProxyAnswering502(X509Certificate2 certificate) => async (socket, token) =>
        {
            using var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, token);
            var buffer = new byte[8192];
            _ = await stream.ReadAsync(buffer, token); // the CONNECT request; its content does not matter
            await stream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), token);
            await stream.FlushAsync(token);
        };

        [SkippableFact]
        public async Task The_probe_speaks_TLS_to_a_secure_proxy_and_reads_its_answer()
        {
            Skip.If(TestInfra.PkiSkipReason != null, TestInfra.PkiSkipReason);
            Skip.IfNot(ProbeHttp.SupportsSecureProxy(new ProbeSettings()), "This runtime cannot speak TLS to a proxy.");
            using var pem = X509Certificate2.CreateFromPemFile(TestInfra.PkiFile("valid.crt"), TestInfra.PkiFile("valid.key"));
            using var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), null);
            using var proxy = new ScriptedServer(TlsProxyAnswering502(certificate));

            var result = await ProbeAsync(Secure(proxy.Port, staged: false));

            Assert.Equal(ProbeFailure.Proxy, result.FailureValue);
            Assert.Equal(ProbePhase.ProxyTunnel, result.PhaseValue);
            Assert.Equal(502, result.StatusCode);
            Assert.Equal($"127.0.0.1:{proxy.Port}", result.ProxyUsed);
            Assert.DoesNotContain("cannot speak TLS to the proxy", result.Message, StringComparison.Ordinal);
            Assert.Null(result.CertificateIssuer); // the proxy's certificate is not the server's
        }

        [Fact]
        public async Task Where_the_runtime_cannot_the_proxy_is_tested_in_plain_HTTP_and_the_result_says_so()
        {
            using var proxy = new ScriptedServer(ScriptedServer.ProxyAnswering(502, "Bad Gateway"));
            var result = await ProbeAsync(Secure(proxy.Port, staged: true));

            Assert.Equal(ProbeFailure.Proxy, result.FailureValue);
            Assert.Equal($"127.0.0.1:{proxy.Port}", result.ProxyUsed);
            Assert.Contains("cannot speak TLS to the proxy", result.Message, StringComparison.Ordinal);
        }
    }
}
