using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Authentication;
using Polly.Timeout;

namespace ImpactEmploi.Probing
{
    /// <summary>What one attempt (or the whole probe) ended with, as the classifier sees it.</summary>
    internal readonly struct ProbeObservation
    {
        public ProbeObservation(Exception? exception, int? statusCode, bool viaProxy, SslPolicyErrors? certificateErrors)
        {
            Exception = exception;
            StatusCode = statusCode;
            ViaProxy = viaProxy;
            CertificateErrors = certificateErrors;
        }

        /// <summary>The exception the request ended with; null when an HTTP answer came.</summary>
        public Exception? Exception { get; }

        /// <summary>The HTTP answer's status, when one came.</summary>
        public int? StatusCode { get; }

        /// <summary>Whether the request went to a proxy (then "refused", "unresolved" are about the proxy).</summary>
        public bool ViaProxy { get; }

        /// <summary>What the certificate validation found, when a TLS handshake got that far.</summary>
        public SslPolicyErrors? CertificateErrors { get; }
    }

    /// <summary>The verdict: the failure word, the message key (resources, with "Action" appended: the next thing to check), whether to retry.</summary>
    internal readonly struct ProbeClassification : IEquatable<ProbeClassification>
    {
        public ProbeClassification(ProbeFailure failure, string messageKey, bool transient, int? statusCode = null)
        {
            Failure = failure;
            MessageKey = messageKey;
            Transient = transient;
            StatusCode = statusCode;
        }

        public ProbeFailure Failure { get; }
        public string MessageKey { get; }
        public bool Transient { get; }

        /// <summary>The HTTP status that decided it (an answer, or a proxy's answer to CONNECT).</summary>
        public int? StatusCode { get; }

        public bool Reachable => Failure == ProbeFailure.None;

        public bool Equals(ProbeClassification other) =>
            Failure == other.Failure && MessageKey == other.MessageKey && Transient == other.Transient && StatusCode == other.StatusCode;

        public override bool Equals(object? obj) => obj is ProbeClassification other && Equals(other);

        public override int GetHashCode() => (Failure, MessageKey, Transient, StatusCode).GetHashCode();

        public override string ToString() => $"{Failure} {MessageKey}{(Transient ? " (transient)" : "")}";

        public static bool operator ==(ProbeClassification left, ProbeClassification right) => left.Equals(right);

        public static bool operator !=(ProbeClassification left, ProbeClassification right) => !left.Equals(right);
    }

    /// <summary>
    /// Turns an HTTP status or an exception chain into a <see cref="ProbeFailure"/>, a message key and
    /// "worth retrying". Pure: no I/O, no clock; the table tests pin it down.
    /// </summary>
    internal static class ProbeClassifier
    {
        public const string Reachable = "ProbeReachable";
        public const string NameResolution = "ProbeNameResolution";
        public const string ConnectionRefused = "ProbeConnectionRefused";
        public const string ConnectionReset = "ProbeConnectionReset";
        public const string NetworkUnreachable = "ProbeNetworkUnreachable";
        public const string Timeout = "ProbeTimeout";
        public const string Tls = "ProbeTls";
        public const string CertificateUntrusted = "ProbeCertificateUntrusted";
        public const string CertificateName = "ProbeCertificateName";
        public const string CertificateExpired = "ProbeCertificateExpired";
        public const string ProxyAuthenticationRequired = "ProbeProxyAuthenticationRequired";
        public const string ProxyUnreachable = "ProbeProxyUnreachable";
        public const string ProxyRefusedTunnel = "ProbeProxyRefusedTunnel";
        public const string ServerError = "ProbeServerError";
        public const string Unknown = "ProbeUnknown";

        public static ProbeClassification Classify(ProbeObservation observation)
        {
            if (observation.Exception is null)
                return ClassifyStatus(observation.StatusCode ?? 0);

            var viaProxy = observation.ViaProxy;
            Exception? e = observation.Exception;
            for (; e != null; e = e.InnerException)
            {
                switch (e)
                {
                    case TimeoutRejectedException:
                        return new ProbeClassification(ProbeFailure.Timeout, Timeout, transient: true);

                    case HttpRequestException http when StatusCodeOf(http) is int proxyStatus:
                        // Only a proxy's answer to CONNECT arrives as an exception carrying a status (.NET 5+).
                        // 401 too: some proxies (tinyproxy) answer wrong credentials with 401 instead of another 407.
                        return proxyStatus == 407 || proxyStatus == 401
                            ? new ProbeClassification(ProbeFailure.ProxyAuthenticationRequired, ProxyAuthenticationRequired, false, proxyStatus)
                            : new ProbeClassification(ProbeFailure.Proxy, ProxyRefusedTunnel, false, proxyStatus);

                    case AuthenticationException auth:
                        return ClassifyTls(auth, observation.CertificateErrors);

                    case SocketException socket:
                        return ClassifySocket(socket.SocketErrorCode, viaProxy);

                    case WebException web when web.Status != WebExceptionStatus.UnknownError:
                        var fromWeb = ClassifyWebException(web, viaProxy, observation.CertificateErrors);
                        if (fromWeb.HasValue) return fromWeb.Value;
                        break;
                }
            }

            // No decisive exception in the chain: look at broader kinds, outermost first.
            for (e = observation.Exception; e != null; e = e.InnerException)
            {
                if (e is IOException)
                    return new ProbeClassification(ProbeFailure.Unknown, ConnectionReset, transient: true);
                if (e is OperationCanceledException)
                    return new ProbeClassification(ProbeFailure.Timeout, Timeout, transient: true);
            }
            return new ProbeClassification(ProbeFailure.Unknown, Unknown, transient: false);
        }

        public static ProbeClassification ClassifyStatus(int status)
        {
            if (status == 407)
                return new ProbeClassification(ProbeFailure.ProxyAuthenticationRequired, ProxyAuthenticationRequired, false, status);
            if (status >= 500)
                return new ProbeClassification(ProbeFailure.ServerError, ServerError, transient: true, status);
            if (status >= 100)
            {
                // Any answer proves access; 408 and 429 may still get a better answer on a retry.
                return new ProbeClassification(ProbeFailure.None, Reachable, transient: status == 408 || status == 429, status);
            }
            return new ProbeClassification(ProbeFailure.Unknown, Unknown, transient: false, status);
        }

        /// <summary>An untrusted certificate whose date is past is, for the technician, an expired one.</summary>
        public static ProbeClassification RefineCertificate(ProbeClassification verdict, DateTimeOffset? notAfter, DateTimeOffset now) =>
            verdict.Failure == ProbeFailure.Certificate && verdict.MessageKey == CertificateUntrusted && notAfter < now
                ? new ProbeClassification(ProbeFailure.Certificate, CertificateExpired, false)
                : verdict;

        private static ProbeClassification ClassifyTls(AuthenticationException auth, SslPolicyErrors? errors)
        {
            if (errors.HasValue && errors.Value != SslPolicyErrors.None)
                return CertificateVerdict(errors.Value);
            // No callback result (e.g. a runtime without it): the runtime's message is the only clue.
            if (auth.Message.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0)
                return new ProbeClassification(ProbeFailure.Certificate, CertificateUntrusted, false);
            return new ProbeClassification(ProbeFailure.Tls, Tls, false);
        }

        /// <summary>Name mismatch first (the clearest), else "not trusted" (also covers expiry: the caller tells it apart by the date).</summary>
        internal static ProbeClassification CertificateVerdict(SslPolicyErrors errors) =>
            (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0
                ? new ProbeClassification(ProbeFailure.Certificate, CertificateName, false)
                : new ProbeClassification(ProbeFailure.Certificate, CertificateUntrusted, false);

        private static ProbeClassification ClassifySocket(SocketError error, bool viaProxy)
        {
            switch (error)
            {
                case SocketError.HostNotFound:
                case SocketError.TryAgain:
                case SocketError.NoData:
                case SocketError.NoRecovery:
                    return viaProxy
                        ? new ProbeClassification(ProbeFailure.Proxy, ProxyUnreachable, false)
                        : new ProbeClassification(ProbeFailure.NameResolution, NameResolution, false);
                case SocketError.ConnectionRefused:
                    return viaProxy
                        ? new ProbeClassification(ProbeFailure.Proxy, ProxyUnreachable, false)
                        : new ProbeClassification(ProbeFailure.ConnectionRefused, ConnectionRefused, false);
                case SocketError.TimedOut:
                    return new ProbeClassification(ProbeFailure.Timeout, Timeout, transient: true);
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown:
                    return new ProbeClassification(ProbeFailure.Unknown, ConnectionReset, transient: true);
                case SocketError.NetworkUnreachable:
                case SocketError.HostUnreachable:
                case SocketError.NetworkDown:
                    return viaProxy
                        ? new ProbeClassification(ProbeFailure.Proxy, ProxyUnreachable, false)
                        : new ProbeClassification(ProbeFailure.Unknown, NetworkUnreachable, false);
                default:
                    return new ProbeClassification(ProbeFailure.Unknown, Unknown, false);
            }
        }

        /// <summary>.NET Framework's HttpClientHandler reports through WebException.Status.</summary>
        private static ProbeClassification? ClassifyWebException(WebException web, bool viaProxy, SslPolicyErrors? errors)
        {
            switch (web.Status)
            {
                case WebExceptionStatus.NameResolutionFailure:
                    return ClassifySocket(SocketError.HostNotFound, viaProxy);
                case WebExceptionStatus.ProxyNameResolutionFailure:
                    return new ProbeClassification(ProbeFailure.Proxy, ProxyUnreachable, false);
                case WebExceptionStatus.ConnectFailure:
                    return ClassifySocket(SocketError.ConnectionRefused, viaProxy);
                case WebExceptionStatus.Timeout:
                    return new ProbeClassification(ProbeFailure.Timeout, Timeout, transient: true);
                case WebExceptionStatus.TrustFailure:
                    return errors.HasValue && errors.Value != SslPolicyErrors.None
                        ? CertificateVerdict(errors.Value)
                        : new ProbeClassification(ProbeFailure.Certificate, CertificateUntrusted, false);
                case WebExceptionStatus.SecureChannelFailure:
                    return new ProbeClassification(ProbeFailure.Tls, Tls, false);
                case WebExceptionStatus.ConnectionClosed:
                case WebExceptionStatus.KeepAliveFailure:
                case WebExceptionStatus.ReceiveFailure:
                case WebExceptionStatus.SendFailure:
                    return new ProbeClassification(ProbeFailure.Unknown, ConnectionReset, transient: true);
                case WebExceptionStatus.ProtocolError when web.Response is HttpWebResponse response:
                    return ClassifyStatus((int)response.StatusCode);
                default:
                    return null;
            }
        }

        private static readonly PropertyInfo? HttpRequestExceptionStatusCode =
            typeof(HttpRequestException).GetProperty("StatusCode", BindingFlags.Public | BindingFlags.Instance);

        /// <summary>HttpRequestException.StatusCode exists from .NET 5 on; netstandard2.0 reaches it by reflection.</summary>
        private static int? StatusCodeOf(HttpRequestException e) =>
            HttpRequestExceptionStatusCode?.GetValue(e) is HttpStatusCode code ? (int)code : null;
    }
}
