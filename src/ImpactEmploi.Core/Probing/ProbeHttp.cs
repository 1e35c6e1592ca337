using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;

namespace ImpactEmploi.Probing
{
    /// <summary>What the TLS handshakes of one probe saw, per host and port (pooled connections share one handshake).</summary>
    internal sealed class CertificateRecorder
    {
        private readonly ConcurrentDictionary<string, (DateTimeOffset NotAfter, SslPolicyErrors Errors)> _seen =
            new ConcurrentDictionary<string, (DateTimeOffset, SslPolicyErrors)>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The validation callback: records, and keeps the runtime's verdict (no error: valid; any error: refused).</summary>
        public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (request.RequestUri is Uri uri && certificate != null)
                _seen[uri.Authority] = (new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), errors);
            return errors == SslPolicyErrors.None;
        }

        public bool TryGet(Uri uri, out DateTimeOffset notAfter, out SslPolicyErrors errors)
        {
            if (_seen.TryGetValue(uri.Authority, out var seen))
            {
                notAfter = seen.NotAfter;
                errors = seen.Errors;
                return true;
            }
            notAfter = default;
            errors = SslPolicyErrors.None;
            return false;
        }
    }

    /// <summary>IEA's proxy setting: every request goes through it, loopback included (WebProxy would bypass loopback).</summary>
    internal sealed class FixedProxy : IWebProxy
    {
        private readonly Uri _proxy;

        public FixedProxy(Uri proxy, ICredentials credentials)
        {
            _proxy = proxy;
            Credentials = credentials;
        }

        public ICredentials? Credentials { get; set; }

        public Uri GetProxy(Uri destination) => _proxy;

        public bool IsBypassed(Uri host) => false;
    }

    internal static class ProbeHttp
    {
        private static readonly object TlsLock = new object();
        private static bool _tlsDone;

        /// <summary>
        /// Windows PowerShell 5.1 (.NET Framework) may still offer only SSL 3 / TLS 1.0: add TLS 1.2, and TLS 1.3
        /// where this Framework defines it, before any HTTPS call. Left alone when the process asks the OS for its
        /// defaults (SystemDefault) and on .NET (Core), where ServicePointManager does not drive HttpClient.
        /// </summary>
        public static void EnableModernTlsOnNetFramework()
        {
            lock (TlsLock)
            {
                if (_tlsDone) return;
                _tlsDone = true;
                if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
                    return;
                var current = ServicePointManager.SecurityProtocol;
                if (current == 0) return; // SystemDefault: the OS already picks the best protocol it has.
                var wanted = current | SecurityProtocolType.Tls12;
                const int tls13 = 12288; // SecurityProtocolType.Tls13, defined from .NET Framework 4.8 on.
                if (Enum.IsDefined(typeof(SecurityProtocolType), tls13))
                    wanted |= (SecurityProtocolType)tls13;
                try
                {
                    ServicePointManager.SecurityProtocol = wanted;
                }
                catch (NotSupportedException)
                {
                    ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
                }
            }
        }

        /// <summary>One client for one connection type: Direct (no proxy at all), Proxy (the configured one), SystemProxy.</summary>
        public static HttpClient CreateClient(ProbeSettings settings, CertificateRecorder recorder)
        {
            EnableModernTlsOnNetFramework();
#pragma warning disable CA2000 // The client owns and disposes the handler (disposeHandler: true).
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false, // a redirect is an answer: it proves access
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
            };
#pragma warning restore CA2000
            switch (settings.ConnectionType)
            {
                case ConnectionType.Direct:
                    handler.UseProxy = false;
                    break;
                case ConnectionType.Proxy:
                    handler.UseProxy = true;
                    handler.Proxy = new FixedProxy(settings.ProxyUri!,
                        (ICredentials?)settings.ProxyCredential ?? CredentialCache.DefaultCredentials);
                    break;
                case ConnectionType.SystemProxy:
                    handler.UseProxy = true; // Proxy null: the system's (IE/WinINet settings; HTTP(S)_PROXY on Linux)
                    handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials;
                    break;
                default:
                    handler.Dispose();
                    throw new ArgumentOutOfRangeException(nameof(settings), settings.ConnectionType, "Unknown connection type.");
            }
            try
            {
                handler.ServerCertificateCustomValidationCallback = recorder.Validate;
            }
            catch (PlatformNotSupportedException)
            {
                // .NET Framework before 4.7.1: no certificate capture; the runtime validates as usual.
            }
            return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <summary>Whether a request to <paramref name="uri"/> goes through a proxy with these settings.</summary>
        public static bool UsesProxy(ProbeSettings settings, Uri uri)
        {
            switch (settings.ConnectionType)
            {
                case ConnectionType.Proxy:
                    return true;
                case ConnectionType.SystemProxy:
                    try
                    {
                        var proxy = WebRequest.DefaultWebProxy;
                        if (proxy is null || proxy.IsBypassed(uri)) return false;
                        var through = proxy.GetProxy(uri);
                        return through != null && through != uri;
                    }
#pragma warning disable CA1031 // best effort: only decides ViaProxy and how a refusal reads
                    catch (Exception)
#pragma warning restore CA1031
                    {
                        return false;
                    }
                default:
                    return false;
            }
        }
    }
}
