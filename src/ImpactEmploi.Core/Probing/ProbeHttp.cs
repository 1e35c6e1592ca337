using System;
using System.IO;
using System.Linq.Expressions;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace ImpactEmploi.Probing
{
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

        private static readonly Type? SocketsHandlerType =
            Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);

        private static readonly PropertyInfo? ConnectCallbackProperty = SocketsHandlerType?.GetProperty("ConnectCallback");

        private static readonly PropertyInfo? TargetHostNameProperty = typeof(SslStream).GetProperty("TargetHostName");

        /// <summary>.NET 5 and later: the probe opens the connections itself (SocketsHttpHandler.ConnectCallback) and sees every step.</summary>
        public static bool HasConnectCallback => ConnectCallbackProperty != null;

        /// <summary>TLS to the proxy itself: SocketsHttpHandler from .NET 8 on.</summary>
        public static bool SupportsSecureProxy(ProbeSettings settings) =>
            !settings.ForceStagedProbe && HasConnectCallback && Environment.Version.Major >= 8;

        /// <summary>
        /// A client for one attempt, through <see cref="ProbeTrace.Proxy"/> or direct (never the system's own choice:
        /// the probe names the proxy it used). With ConnectCallback the probe's own connector opens the connection;
        /// without it (.NET Framework) <see cref="StageAsync"/> runs the first steps before the request.
        /// </summary>
        public static HttpClient CreateClient(ProbeTrace trace, ProbeSettings settings)
        {
            EnableModernTlsOnNetFramework();
            var credentials = (ICredentials?)settings.ProxyCredential ?? CredentialCache.DefaultCredentials;
            var handler = !settings.ForceStagedProbe && HasConnectCallback
                ? CreateSocketsHandler(trace, credentials)
                : CreateStagedHandler(trace, credentials);
            return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <summary>The staged equivalent of the connect callback: resolve and connect to the first hop, then let the handler do the rest.</summary>
        public static async Task StageAsync(ProbeTrace trace, CancellationToken cancellationToken)
        {
            var hop = trace.Proxy ?? trace.Target;
#pragma warning disable CA2000 // disposed at once: this connection only proves the first steps
            var stream = await new ProbeConnector(trace, opaqueToProxy: false).ConnectAsync(new DnsEndPoint(hop.IdnHost, hop.Port), cancellationToken).ConfigureAwait(false);
#pragma warning restore CA2000
            stream.Dispose();
            trace.Reached(trace.ViaProxy ? ProbePhase.ProxyTunnel : trace.IsTls ? ProbePhase.Tls : ProbePhase.Response);
        }

        private static HttpClientHandler CreateStagedHandler(ProbeTrace trace, ICredentials credentials)
        {
#pragma warning disable CA2000 // The client owns and disposes the handler (disposeHandler: true).
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false, // a redirect is an answer: its Location is reported
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseProxy = trace.Proxy != null,
            };
#pragma warning restore CA2000
            if (trace.Proxy != null) handler.Proxy = new FixedProxy(trace.Proxy, credentials);
            try
            {
                handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => trace.ValidateCertificate(certificate, chain, errors);
            }
            catch (PlatformNotSupportedException)
            {
                // .NET Framework before 4.7.1: no certificate capture; the runtime validates as usual.
            }
            return handler;
        }

        private static readonly PropertyInfo? AllowAutoRedirectProperty = SocketsHandlerType?.GetProperty("AllowAutoRedirect");
        private static readonly PropertyInfo? UseCookiesProperty = SocketsHandlerType?.GetProperty("UseCookies");
        private static readonly PropertyInfo? AutomaticDecompressionProperty = SocketsHandlerType?.GetProperty("AutomaticDecompression");
        private static readonly PropertyInfo? UseProxyProperty = SocketsHandlerType?.GetProperty("UseProxy");
        private static readonly PropertyInfo? ProxyProperty = SocketsHandlerType?.GetProperty("Proxy");
        private static readonly PropertyInfo? SslOptionsProperty = SocketsHandlerType?.GetProperty("SslOptions");
        private static readonly PropertyInfo? RemoteCertificateValidationCallbackProperty =
            SslOptionsProperty?.PropertyType.GetProperty("RemoteCertificateValidationCallback");

        // Compiling an expression costs about a millisecond of CPU: done once per process, not once per attempt.
        private static readonly Lazy<Func<ProbeConnector, Delegate>> ConnectCallbackFactory =
            new Lazy<Func<ProbeConnector, Delegate>>(CompileConnectCallbackFactory, LazyThreadSafetyMode.ExecutionAndPublication);

        private static HttpMessageHandler CreateSocketsHandler(ProbeTrace trace, ICredentials credentials)
        {
            var handler = (HttpMessageHandler)Activator.CreateInstance(SocketsHandlerType!)!;
            AllowAutoRedirectProperty!.SetValue(handler, false);
            UseCookiesProperty!.SetValue(handler, false);
            AutomaticDecompressionProperty!.SetValue(handler, DecompressionMethods.None);
            UseProxyProperty!.SetValue(handler, trace.Proxy != null);
            if (trace.Proxy != null) ProxyProperty!.SetValue(handler, new FixedProxy(trace.Proxy, credentials));

            var sslOptions = SslOptionsProperty!.GetValue(handler)!;
            var targetHost = trace.Target.IdnHost;
            RemoteCertificateValidationCallback validate = (sender, certificate, chain, errors) =>
                // With TLS to the proxy the same options validate the proxy's certificate: only the server's is recorded.
                trace.Proxy?.Scheme == Uri.UriSchemeHttps && sender is SslStream ssl &&
                TargetHostNameProperty?.GetValue(ssl) is string host && !string.Equals(host, targetHost, StringComparison.OrdinalIgnoreCase)
                    ? errors == SslPolicyErrors.None
                    : trace.ValidateCertificate(certificate, chain, errors);
            RemoteCertificateValidationCallbackProperty!.SetValue(sslOptions, validate);

            var connector = new ProbeConnector(trace, opaqueToProxy: trace.Proxy?.Scheme == Uri.UriSchemeHttps);
            ConnectCallbackProperty!.SetValue(handler, ConnectCallbackFactory.Value(connector));
            return handler;
        }

        /// <summary>
        /// connector =&gt; a Func&lt;SocketsHttpConnectionContext, CancellationToken, ValueTask&lt;Stream&gt;&gt; calling it, built
        /// at run time: the context type does not exist in netstandard2.0. The ValueTask is the runtime's own type.
        /// </summary>
        private static Func<ProbeConnector, Delegate> CompileConnectCallbackFactory()
        {
            var delegateType = ConnectCallbackProperty!.PropertyType;
            var invoke = delegateType.GetMethod("Invoke")!;
            var connector = Expression.Parameter(typeof(ProbeConnector), "connector");
            var context = Expression.Parameter(invoke.GetParameters()[0].ParameterType, "context");
            var token = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
            var connect = Expression.Call(connector,
                typeof(ProbeConnector).GetMethod(nameof(ProbeConnector.ConnectAsync))!,
                Expression.Property(context, "DnsEndPoint"), token);
            var wrap = Expression.New(invoke.ReturnType.GetConstructor(new[] { typeof(Task<Stream>) })!, connect);
            var callback = Expression.Lambda(delegateType, wrap, context, token);
            return Expression.Lambda<Func<ProbeConnector, Delegate>>(Expression.Convert(callback, typeof(Delegate)), connector).Compile();
        }
    }
}
