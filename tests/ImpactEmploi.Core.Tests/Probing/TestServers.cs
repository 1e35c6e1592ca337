using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactEmploi.Tests.Probing
{
    /// <summary>
    /// A real nginx serving HTTPS on 127.0.0.1 with one certificate of the test PKI; its own prefix, config,
    /// pid and logs in a temp folder. Paths: / 200, /missing 404, /forbidden 403, /busy 503 (any suffix).
    /// </summary>
    public sealed class NginxServer : IDisposable
    {
        private readonly Process _process;
        private readonly string _prefix;

        public NginxServer(string certificateName)
        {
            _prefix = Directory.CreateTempSubdirectory("iea-nginx-").FullName;
            Directory.CreateDirectory(Path.Combine(_prefix, "tmp"));
            var output = new StringBuilder();
            for (var attempt = 1; ; attempt++)
            {
                Port = TestInfra.FreePort();
                File.WriteAllText(Path.Combine(_prefix, "nginx.conf"), TestInfra.Fill("nginx.conf.template",
                    ("PREFIX", _prefix), ("PORT", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("CERT", TestInfra.PkiFile(certificateName + ".crt")), ("KEY", TestInfra.PkiFile(certificateName + ".key"))));
                var process = TestInfra.Start(TestInfra.FindExecutable("nginx")!, output,
                    "-p", _prefix, "-c", Path.Combine(_prefix, "nginx.conf"), "-e", Path.Combine(_prefix, "error.log"));
                if (TestInfra.WaitForPort(Port, process, TimeSpan.FromSeconds(10)))
                {
                    _process = process;
                    break;
                }
                TestInfra.Stop(process);
                if (attempt == 3)
                    throw new InvalidOperationException($"nginx did not start: {output}{TestInfra.ReadShared(Path.Combine(_prefix, "error.log"))}");
            }
        }

        public int Port { get; }

        public string AccessLogPath => Path.Combine(_prefix, "access.log");

        public Uri Url(string path = "/") => new Uri($"https://127.0.0.1:{Port}{path}");

        /// <summary>How many requests for exactly this path (and query) nginx logged.</summary>
        public int CountRequests(string pathAndQuery) =>
            TestInfra.ReadShared(AccessLogPath).Split('\n').Count(l => l.Contains($"\"GET {pathAndQuery} HTTP/", StringComparison.Ordinal));

        public void Dispose()
        {
            TestInfra.Stop(_process);
            try { Directory.Delete(_prefix, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A real tinyproxy on 127.0.0.1, optionally with basic auth, logging to its own file.</summary>
    public sealed class TinyProxyServer : IDisposable
    {
        private readonly Process _process;
        private readonly string _dir;

        public TinyProxyServer(NetworkCredential? basicAuth = null)
        {
            _dir = Directory.CreateTempSubdirectory("iea-tinyproxy-").FullName;
            var output = new StringBuilder();
            for (var attempt = 1; ; attempt++)
            {
                Port = TestInfra.FreePort();
                var conf = Path.Combine(_dir, "tinyproxy.conf");
                File.WriteAllText(conf, TestInfra.Fill("tinyproxy.conf.template",
                    ("PORT", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("LOG", LogPath), ("PID", Path.Combine(_dir, "tinyproxy.pid")),
                    ("AUTH", basicAuth is null ? "" : $"BasicAuth {basicAuth.UserName} {basicAuth.Password}")));
                var process = TestInfra.Start(TestInfra.FindExecutable("tinyproxy")!, output, "-d", "-c", conf);
                if (TestInfra.WaitForPort(Port, process, TimeSpan.FromSeconds(10)))
                {
                    _process = process;
                    break;
                }
                TestInfra.Stop(process);
                if (attempt == 3)
                    throw new InvalidOperationException($"tinyproxy did not start: {output}{TestInfra.ReadShared(LogPath)}");
            }
        }

        public int Port { get; }

        public string LogPath => Path.Combine(_dir, "tinyproxy.log");

        public string Log => TestInfra.ReadShared(LogPath);

        public void Dispose()
        {
            TestInfra.Stop(_process);
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Accepts TCP connections on 127.0.0.1 and never sends a byte: the server that never answers.</summary>
    public sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = new List<TcpClient>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        public SilentServer()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptLoopAsync();
        }

        public int Port { get; }

        public int Accepted { get { lock (_clients) return _clients.Count; } }

        public Uri Url => new Uri($"https://127.0.0.1:{Port}/");

        private async Task AcceptLoopAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    lock (_clients) _clients.Add(client);
                }
            }
            catch (OperationCanceledException) { }
            catch (ObjectDisposedException) { }
            catch (SocketException) { }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_clients) foreach (var c in _clients) c.Dispose();
            _stop.Dispose();
        }
    }

    /// <summary>The nginx servers shared by the integration tests, one per certificate case; skips instead of failing when the setup is absent.</summary>
    public sealed class NginxFixture : IDisposable
    {
        public NginxFixture()
        {
            SkipReason = TestInfra.PkiSkipReason ?? TestInfra.NginxSkipReason;
            if (SkipReason != null) return;
            try
            {
                Valid = new NginxServer("valid");
                Soon = new NginxServer("soon");
                Expired = new NginxServer("expired");
                WrongHost = new NginxServer("wronghost");
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public string? SkipReason { get; }
        public NginxServer Valid { get; } = null!;
        public NginxServer Soon { get; } = null!;
        public NginxServer Expired { get; } = null!;
        public NginxServer WrongHost { get; } = null!;

        public void Dispose()
        {
            Valid?.Dispose();
            Soon?.Dispose();
            Expired?.Dispose();
            WrongHost?.Dispose();
        }
    }
}
