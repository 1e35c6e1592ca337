using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactEmploi.Tests.Probing
{
    /// <summary>
    /// A TCP server on a loopback address that plays one scripted behaviour per connection: the misbehaving
    /// servers, proxies and filters the probe must tell apart. Stopped (and every connection closed) on Dispose.
    /// </summary>
    public sealed class ScriptedServer : IDisposable
    {
        private readonly Socket _listener;
        private readonly Func<Socket, CancellationToken, Task> _behaviour;
        private readonly List<Socket> _connections = new List<Socket>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _accepted;

        public ScriptedServer(Func<Socket, CancellationToken, Task> behaviour, IPAddress? address = null)
        {
            _behaviour = behaviour;
            address ??= IPAddress.Loopback;
            _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(address, 0));
            _listener.Listen(16);
            Address = address;
            Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
            _ = AcceptLoopAsync();
        }

        public IPAddress Address { get; }
        public int Port { get; }
        public int Accepted => Volatile.Read(ref _accepted);
        public string Authority => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
        public Uri Https(string path = "/") => new Uri($"https://{Authority}{path}");
        public Uri Http(string path = "/") => new Uri($"http://{Authority}{path}");

        private async Task AcceptLoopAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var socket = await _listener.AcceptAsync(_stop.Token);
                    Interlocked.Increment(ref _accepted);
                    lock (_connections) _connections.Add(socket);
                    _ = Task.Run(async () =>
                    {
                        try { await _behaviour(socket, _stop.Token); }
                        catch (Exception) when (_stop.IsCancellationRequested) { }
                        catch (SocketException) { }
                        catch (System.IO.IOException) { }
                        catch (ObjectDisposedException) { }
                    });
                }
            }
            catch (OperationCanceledException) { }
            catch (ObjectDisposedException) { }
            catch (SocketException) { }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Dispose();
            lock (_connections) foreach (var c in _connections) c.Dispose();
            _stop.Dispose();
        }

        // --- behaviours -------------------------------------------------------------------------------------

        /// <summary>Reads what the client sends first (a ClientHello, a request line), up to a blank line or one read.</summary>
        public static async Task<string> ReadHeadAsync(Socket socket, CancellationToken token)
        {
            var buffer = new byte[16384];
            var text = new StringBuilder();
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
                if (read == 0) return text.ToString();
                text.Append(Encoding.Latin1.GetString(buffer, 0, read));
                var s = text.ToString();
                if (s.Contains("\r\n\r\n", StringComparison.Ordinal) || !s.StartsWith("CONNECT ", StringComparison.Ordinal) && !s.StartsWith("GET ", StringComparison.Ordinal))
                    return s;
            }
        }

        /// <summary>Accepts and never sends a byte.</summary>
        public static Task Silent(Socket socket, CancellationToken token) => Task.Delay(Timeout.Infinite, token);

        /// <summary>Reads the first message, then resets the connection (RST): a filter that cuts on the name it read.</summary>
        public static async Task ResetAfterFirstMessage(Socket socket, CancellationToken token)
        {
            await ReadHeadAsync(socket, token);
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }

        /// <summary>Reads the first message, then closes cleanly (EOF).</summary>
        public static async Task CloseAfterFirstMessage(Socket socket, CancellationToken token)
        {
            await ReadHeadAsync(socket, token);
            socket.Shutdown(SocketShutdown.Both);
            socket.Close();
        }

        /// <summary>Answers whatever comes with this raw text, then closes.</summary>
        public static Func<Socket, CancellationToken, Task> Answer(string raw) => async (socket, token) =>
        {
            await ReadHeadAsync(socket, token);
            await socket.SendAsync(Encoding.ASCII.GetBytes(raw), SocketFlags.None, token);
            socket.Shutdown(SocketShutdown.Send);
            await Task.Delay(200, token);
            socket.Close();
        };

        /// <summary>A proxy that reads the CONNECT (or GET) and answers it with this status line and headers, never forwarding.</summary>
        public static Func<Socket, CancellationToken, Task> ProxyAnswering(int status, string reason, params string[] headers) =>
            Answer($"HTTP/1.1 {status} {reason}\r\n{string.Concat(Array.ConvertAll(headers, h => h + "\r\n"))}Content-Length: 0\r\nConnection: close\r\n\r\n");

        /// <summary>A TLS server with this certificate that answers every request with <paramref name="rawAnswer"/>.</summary>
        public static Func<Socket, CancellationToken, Task> Tls(X509Certificate2 certificate, string rawAnswer) => async (socket, token) =>
        {
            using var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, token);
            var buffer = new byte[8192];
            _ = await stream.ReadAsync(buffer, token); // the request head; its content does not matter
            await stream.WriteAsync(Encoding.ASCII.GetBytes(rawAnswer), token);
            await stream.FlushAsync(token);
        };
    }

    /// <summary>A listener whose accept queue is full: the kernel drops every further SYN, as a firewall that drops silently does.</summary>
    public sealed class DroppingListener : IDisposable
    {
        private readonly Socket _listener;
        private readonly List<Socket> _fillers = new List<Socket>();

        public DroppingListener(IPAddress address, int port = 0)
        {
            _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(address, port));
            _listener.Listen(0);
            Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
            // Fill the queue until a connect no longer completes: from then on SYNs are dropped.
            for (var i = 0; i < 8; i++)
            {
                var filler = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _fillers.Add(filler);
                if (!filler.ConnectAsync(new IPEndPoint(address, Port)).Wait(TimeSpan.FromMilliseconds(300))) return;
            }
            throw new InvalidOperationException("The accept queue never filled: SYNs would not be dropped.");
        }

        public int Port { get; }

        public void Dispose()
        {
            foreach (var f in _fillers) f.Dispose();
            _listener.Dispose();
        }
    }

    /// <summary>Certificates made in the test itself (never trusted by the PKI bundle): an inspecting box's CA and its leaf.</summary>
    public static class TestCertificates
    {
        /// <summary>A self-signed certificate for 127.0.0.1 and localhost, named <paramref name="name"/>.</summary>
        public static X509Certificate2 SelfSigned(string name)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
        }

        /// <summary>A leaf for 127.0.0.1 and localhost issued by a CA named <paramref name="issuer"/> that nobody trusts.</summary>
        public static X509Certificate2 IssuedBy(string issuer, DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            using var caKey = RSA.Create(2048);
            var caRequest = new CertificateRequest($"CN={issuer}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
            using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(365));
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            san.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            using var leaf = request.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
            using var withKey = leaf.CopyWithPrivateKey(key);
            // Through PFX: SslStream on Linux wants a key it can export to OpenSSL.
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
        }
    }
}
