using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Authentication;

namespace ImpactEmploi.Probing
{
    /// <summary>What one attempt ended with, as the classifier sees it.</summary>
    internal sealed class ProbeObservation
    {
        public ProbeObservation(Exception? exception, int? statusCode, bool viaProxy, SslPolicyErrors? certificateErrors)
        {
            Exception = exception;
            StatusCode = statusCode;
            ViaProxy = viaProxy;
            CertificateErrors = certificateErrors;
            Phase = viaProxy ? ProbePhase.ProxyConnect : ProbePhase.Dns;
        }

        /// <summary>The exception the request ended with; null when an HTTP answer came.</summary>
        public Exception? Exception { get; }

        /// <summary>The HTTP answer's status, when one came.</summary>
        public int? StatusCode { get; }

        /// <summary>Whether the request went to a proxy.</summary>
        public bool ViaProxy { get; }

        /// <summary>What the certificate validation found, when a TLS handshake got that far.</summary>
        public SslPolicyErrors? CertificateErrors { get; }

        /// <summary>The step the attempt had reached.</summary>
        public ProbePhase Phase { get; set; }

        /// <summary>The time budget ran out (not the user's Ctrl+C).</summary>
        public bool TimedOut { get; set; }

        public bool PlainHttpOnTls { get; set; }

        /// <summary>The address is http://: no TLS, and through a proxy no tunnel (the proxy itself fetches the page).</summary>
        public bool PlainHttp { get; set; }

        public bool CutAfterClientHello { get; set; }

        /// <summary>The proxy's own answer to CONNECT.</summary>
        public ProxyAnswer? TunnelAnswer { get; set; }

        /// <summary>An answer to an http:// address that the proxy made itself (X-Squid-Error, Proxy-Status, a proxy's Server header).</summary>
        public bool AnswerFromProxy { get; set; }

        /// <summary>A proxy account was given (-ProxyCredential).</summary>
        public bool ProxyCredentialGiven { get; set; }

        public CertificateFacts? Certificate { get; set; }

        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    }

    /// <summary>The verdict: the failure word, the message key (resources, with "Action" appended: the next step), whose side, whether a retry may help.</summary>
    internal readonly struct ProbeClassification : IEquatable<ProbeClassification>
    {
        public ProbeClassification(ProbeFailure failure, string messageKey, bool transient, int? statusCode = null, FaultSide side = FaultSide.Unknown)
        {
            Failure = failure;
            MessageKey = messageKey;
            Transient = transient;
            StatusCode = statusCode;
            Side = failure == ProbeFailure.None ? FaultSide.None : side;
        }

        public ProbeFailure Failure { get; }
        public string MessageKey { get; }

        /// <summary>A retry may change the outcome: an origin 5xx or a reset in mid-answer.</summary>
        public bool Transient { get; }

        /// <summary>The HTTP status that decided it (an answer, or a proxy's answer).</summary>
        public int? StatusCode { get; }

        public FaultSide Side { get; }

        public bool Reachable => Failure == ProbeFailure.None;

        public bool Equals(ProbeClassification other) =>
            Failure == other.Failure && MessageKey == other.MessageKey && Transient == other.Transient && StatusCode == other.StatusCode && Side == other.Side;

        public override bool Equals(object? obj) => obj is ProbeClassification other && Equals(other);

        public override int GetHashCode() => (Failure, MessageKey, Transient, StatusCode, Side).GetHashCode();

        public override string ToString() => $"{Failure} {MessageKey} {Side}{(Transient ? " (transient)" : "")}";

        public static bool operator ==(ProbeClassification left, ProbeClassification right) => left.Equals(right);

        public static bool operator !=(ProbeClassification left, ProbeClassification right) => !left.Equals(right);
    }

    /// <summary>
    /// Turns what an attempt saw (phase, proxy answer, certificate, HTTP status, exception chain) into a
    /// <see cref="ProbeFailure"/>, a message key, a <see cref="FaultSide"/> and "worth retrying". Pure: no I/O, no clock.
    /// </summary>
    internal static class ProbeClassifier
    {
        public const string Reachable = "ProbeReachable";
        public const string ReachableRedirect = "ProbeReachableRedirect";
        public const string NameResolution = "ProbeNameResolution";
        public const string ConnectionRefused = "ProbeConnectionRefused";
        public const string ConnectionReset = "ProbeConnectionReset";
        public const string ConnectionResetAfterClientHello = "ProbeConnectionResetAfterClientHello";
        public const string NetworkUnreachable = "ProbeNetworkUnreachable";
        public const string Timeout = "ProbeTimeout";
        public const string TimeoutPlain = "ProbeTimeoutResponsePlain";
        public const string TimeoutPlainViaProxy = "ProbeTimeoutResponseViaProxy";
        public const string Tls = "ProbeTls";
        public const string PlainHttpOnTlsPort = "ProbePlainHttpOnTlsPort";
        public const string CertificateUntrusted = "ProbeCertificateUntrusted";
        public const string CertificateName = "ProbeCertificateName";
        public const string CertificateExpired = "ProbeCertificateExpired";
        public const string CertificateNotYetValid = "ProbeCertificateNotYetValid";
        public const string ProxyAuthenticationRequired = "ProbeProxyAuthenticationRequired";
        public const string ProxyAuthenticationRejected = "ProbeProxyAuthenticationRejected";
        public const string ProxyAuthenticationUnexpected = "ProbeProxyAuthenticationUnexpected";
        public const string ProxyUnreachable = "ProbeProxyUnreachable";
        public const string ProxyRefusedTunnel = "ProbeProxyRefusedTunnel";
        public const string ProxyCannotReach = "ProbeProxyCannotReach";
        public const string ProxySetting = "ProbeProxySetting";
        public const string NotTested = "ProbeNotTested";
        public const string ServerError = "ProbeServerError";
        public const string NetworkAuthentication = "ProbeNetworkAuthentication";
        public const string Unknown = "ProbeUnknown";

        public static ProbeClassification Classify(ProbeObservation observation)
        {
            if (observation.Exception is null)
                return ClassifyAnswer(observation);
            if (observation.TimedOut)
                return TimeoutAt(observation);
            if (observation.PlainHttpOnTls)
                return new ProbeClassification(ProbeFailure.PlainHttpOnTlsPort, PlainHttpOnTlsPort, false, side: FaultSide.Local);
            if (observation.TunnelAnswer is ProxyAnswer tunnel && (tunnel.Status < 200 || tunnel.Status > 299))
                return ClassifyProxyStatus(tunnel.Status, observation);
            if (observation.CutAfterClientHello && observation.Certificate is null)
                return new ProbeClassification(ProbeFailure.ConnectionReset, ConnectionResetAfterClientHello, false, side: FaultSide.Local);

            Exception? e = observation.Exception;
            for (; e != null; e = e.InnerException)
            {
                switch (e)
                {
                    case Polly.Timeout.TimeoutRejectedException:
                        return TimeoutAt(observation);

                    case HttpRequestException http when StatusCodeOf(http) is int proxyStatus:
                        // A proxy's answer to CONNECT the stream did not see (the staged probe): .NET 5+ carries its status.
                        return ClassifyProxyStatus(proxyStatus, observation);

                    case AuthenticationException auth:
                        return ClassifyTls(auth, observation);

                    case SocketException socket:
                        return ClassifySocket(socket.SocketErrorCode, observation);

                    case WebException web when web.Status != WebExceptionStatus.UnknownError:
                        var fromWeb = ClassifyWebException(web, observation);
                        if (fromWeb.HasValue) return fromWeb.Value;
                        break;
                }
            }

            // No decisive exception in the chain: look at broader kinds, outermost first.
            for (e = observation.Exception; e != null; e = e.InnerException)
            {
                if (e is IOException)
                    return Reset(observation);
                if (e is OperationCanceledException)
                    return TimeoutAt(observation);
            }
            return new ProbeClassification(ProbeFailure.Unknown, Unknown, transient: false);
        }

        /// <summary>An HTTP answer came: the server's own, or (for http:// through a proxy) possibly the proxy's.</summary>
        private static ProbeClassification ClassifyAnswer(ProbeObservation observation)
        {
            var status = observation.StatusCode ?? 0;
            if (status == 407 || (observation.AnswerFromProxy && status >= 400))
                return ClassifyProxyStatus(status, observation);
            if (status == 511)
                return new ProbeClassification(ProbeFailure.Proxy, NetworkAuthentication, false, status, FaultSide.Local);
            if (status >= 500)
                return new ProbeClassification(ProbeFailure.ServerError, ServerError, transient: true, status, FaultSide.Remote);
            if (status >= 300 && status < 400)
                return new ProbeClassification(ProbeFailure.None, ReachableRedirect, false, status);
            if (status >= 100)
                return new ProbeClassification(ProbeFailure.None, Reachable, false, status);
            return new ProbeClassification(ProbeFailure.Unknown, Unknown, transient: false, status);
        }

        public static ProbeAnswer AnswerOf(int? status, bool fromServer)
        {
            if (!fromServer || status is null) return ProbeAnswer.None;
            if (status >= 500) return ProbeAnswer.ServerError;
            if (status >= 400) return ProbeAnswer.ClientError;
            if (status >= 300) return ProbeAnswer.Redirect;
            return ProbeAnswer.Expected;
        }

        /// <summary>A proxy's own answer: authentication, refusal (its policy), or it could not reach the server (5xx).</summary>
        private static ProbeClassification ClassifyProxyStatus(int status, ProbeObservation observation)
        {
            if (status == 407 || status == 401)
            {
                // 401 too: some proxies (tinyproxy) answer wrong credentials with 401 instead of another 407.
                var key = !observation.ViaProxy ? ProxyAuthenticationUnexpected
                    : observation.ProxyCredentialGiven ? ProxyAuthenticationRejected
                    : ProxyAuthenticationRequired;
                return new ProbeClassification(ProbeFailure.ProxyAuthenticationRequired, key, false, status, FaultSide.Local);
            }
            if (status >= 500)
                return new ProbeClassification(ProbeFailure.Proxy, ProxyCannotReach, false, status, FaultSide.Unknown);
            return new ProbeClassification(ProbeFailure.Proxy, ProxyRefusedTunnel, false, status, FaultSide.Local);
        }

        /// <summary>The budget ran out: what it means depends on the step that was waiting.</summary>
        public static ProbeClassification TimeoutAt(ProbeObservation observation)
        {
            var phase = observation.Phase;
            var viaProxy = observation.ViaProxy;
            var side = phase switch
            {
                ProbePhase.Dns => FaultSide.Local,
                ProbePhase.ProxyConnect => FaultSide.Local,
                ProbePhase.ProxyTunnel => FaultSide.Local,
                ProbePhase.Response => viaProxy ? FaultSide.Unknown : FaultSide.Remote,
                _ => FaultSide.Unknown,
            };
            var key = Timeout + phase;
            // An http:// address has no secure connection; through a proxy, the proxy took the request and owes the answer.
            if (phase == ProbePhase.Response && observation.PlainHttp) key = viaProxy ? TimeoutPlainViaProxy : TimeoutPlain;
            return new ProbeClassification(ProbeFailure.Timeout, key, false, side: side);
        }

        private static ProbeClassification Reset(ProbeObservation observation) =>
            observation.Phase >= ProbePhase.Response
                ? new ProbeClassification(ProbeFailure.ConnectionReset, ConnectionReset, transient: true, side: FaultSide.Unknown)
                : observation.Phase == ProbePhase.Tls
                    ? new ProbeClassification(ProbeFailure.ConnectionReset, ConnectionResetAfterClientHello, false, side: FaultSide.Local)
                    : new ProbeClassification(ProbeFailure.ConnectionReset, ConnectionReset, false, side: observation.ViaProxy ? FaultSide.Local : FaultSide.Unknown);

        private static ProbeClassification ClassifyTls(AuthenticationException auth, ProbeObservation observation)
        {
            if (observation.Certificate is CertificateFacts facts && facts.Errors != SslPolicyErrors.None)
                return CertificateVerdict(facts, observation.Now);
            if (observation.CertificateErrors is SslPolicyErrors errors && errors != SslPolicyErrors.None)
                return CertificateVerdict(errors);
            // No callback result (e.g. a runtime without it): the runtime's message is the only clue.
            if (auth.Message.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0)
                return new ProbeClassification(ProbeFailure.Certificate, CertificateUntrusted, false, side: FaultSide.Local);
            return new ProbeClassification(ProbeFailure.Tls, Tls, false, side: FaultSide.Unknown);
        }

        /// <summary>Name mismatch first (the clearest), else "not trusted".</summary>
        internal static ProbeClassification CertificateVerdict(SslPolicyErrors errors) =>
            (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0
                ? new ProbeClassification(ProbeFailure.Certificate, CertificateName, false, side: FaultSide.Unknown)
                : new ProbeClassification(ProbeFailure.Certificate, CertificateUntrusted, false, side: FaultSide.Local);

        /// <summary>With the certificate at hand: a wrong name, a date the PC's clock puts in the future or the past, an issuer this PC does not trust.</summary>
        internal static ProbeClassification CertificateVerdict(CertificateFacts facts, DateTimeOffset now)
        {
            if ((facts.Errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                return CertificateVerdict(facts.Errors);
            if (facts.NotBefore > now)
                return new ProbeClassification(ProbeFailure.Certificate, CertificateNotYetValid, false, side: FaultSide.Local);
            if (facts.NotAfter < now)
                return new ProbeClassification(ProbeFailure.Certificate, CertificateExpired, false, side: FaultSide.Remote);
            return CertificateVerdict(facts.Errors);
        }

        private static ProbeClassification ClassifySocket(SocketError error, ProbeObservation observation)
        {
            // Only while connecting to the proxy is a refusal or an unknown name about the proxy.
            var atProxy = observation.ViaProxy && observation.Phase <= ProbePhase.ProxyConnect;
            switch (error)
            {
                case SocketError.HostNotFound:
                case SocketError.TryAgain:
                case SocketError.NoData:
                case SocketError.NoRecovery:
                    return atProxy
                        ? new ProbeClassification(ProbeFailure.Proxy, ProxyUnreachable, false, side: FaultSide.Local)
                        : new ProbeClassification(ProbeFailure.NameResolution, NameResolution, false, side: FaultSide.Local);
                case SocketError.ConnectionRefused:
                    return atProxy
                        ? new ProbeClassification(ProbeFailure.Proxy, ProxyUnreachable, false, side: FaultSide.Local)
                        : new ProbeClassification(ProbeFailure.ConnectionRefused, ConnectionRefused, false, side: FaultSide.Unknown);
                case SocketError.TimedOut:
                    return TimeoutAt(observation);
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown:
                    return Reset(observation);
                case SocketError.NetworkUnreachable:
                case SocketError.HostUnreachable:
                case SocketError.NetworkDown:
                    return atProxy
                        ? new ProbeClassification(ProbeFailure.Proxy, ProxyUnreachable, false, side: FaultSide.Local)
                        : new ProbeClassification(ProbeFailure.NetworkUnreachable, NetworkUnreachable, false, side: FaultSide.Local);
                default:
                    return new ProbeClassification(ProbeFailure.Unknown, Unknown, false);
            }
        }

        /// <summary>.NET Framework's HttpClientHandler reports through WebException.Status.</summary>
        private static ProbeClassification? ClassifyWebException(WebException web, ProbeObservation observation)
        {
            switch (web.Status)
            {
                case WebExceptionStatus.NameResolutionFailure:
                    return ClassifySocket(SocketError.HostNotFound, observation);
                case WebExceptionStatus.ProxyNameResolutionFailure:
                    return new ProbeClassification(ProbeFailure.Proxy, ProxyUnreachable, false, side: FaultSide.Local);
                case WebExceptionStatus.ConnectFailure:
                    return ClassifySocket(SocketError.ConnectionRefused, observation);
                case WebExceptionStatus.Timeout:
                    return TimeoutAt(observation);
                case WebExceptionStatus.TrustFailure:
                    return observation.Certificate is CertificateFacts facts && facts.Errors != SslPolicyErrors.None
                        ? CertificateVerdict(facts, observation.Now)
                        : observation.CertificateErrors is SslPolicyErrors errors && errors != SslPolicyErrors.None
                            ? CertificateVerdict(errors)
                            : new ProbeClassification(ProbeFailure.Certificate, CertificateUntrusted, false, side: FaultSide.Local);
                case WebExceptionStatus.SecureChannelFailure:
                    return new ProbeClassification(ProbeFailure.Tls, Tls, false, side: FaultSide.Unknown);
                case WebExceptionStatus.ConnectionClosed:
                case WebExceptionStatus.KeepAliveFailure:
                case WebExceptionStatus.ReceiveFailure:
                case WebExceptionStatus.SendFailure:
                    return Reset(observation);
                case WebExceptionStatus.ProtocolError when web.Response is HttpWebResponse response:
                    return ClassifyProxyStatus((int)response.StatusCode, observation);
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
