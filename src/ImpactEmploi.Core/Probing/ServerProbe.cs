using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Probing.SystemProxy;

namespace ImpactEmploi.Probing
{
    /// <summary>
    /// Tests access to servers as "Tester l'accès aux serveurs" does, and says which step failed and whose action is
    /// needed. All targets are probed concurrently; each one within one time budget (retries included). Only what a
    /// retry can change is retried, once: an origin 5xx or a reset in mid-answer. Never throws for settings or the
    /// network: every outcome is a result.
    /// </summary>
    public sealed class ServerProbe
    {
        private readonly TimeProvider _time;

        public ServerProbe() : this(TimeProvider.System)
        {
        }

        /// <summary>With another clock (it decides "expired", "not yet valid" and "expires soon").</summary>
        internal ServerProbe(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

        /// <summary>Probes every target; the results come back in the targets' order. Throws OperationCanceledException when <paramref name="cancellationToken"/> fires.</summary>
        public Task<IReadOnlyList<IeaServerTestResult>> ProbeAsync(
            IReadOnlyList<ProbeTarget> targets, ProbeSettings settings, CancellationToken cancellationToken = default) =>
            ProbeAsync(targets, settings, null, cancellationToken);

        /// <summary>As <see cref="ProbeAsync(IReadOnlyList{ProbeTarget}, ProbeSettings, CancellationToken)"/>; <paramref name="onResult"/> gets each result (with its target's index) as soon as it is known, on any thread.</summary>
        public async Task<IReadOnlyList<IeaServerTestResult>> ProbeAsync(
            IReadOnlyList<ProbeTarget> targets, ProbeSettings settings, Action<int, IeaServerTestResult>? onResult, CancellationToken cancellationToken = default)
        {
            if (targets is null) throw new ArgumentNullException(nameof(targets));
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            settings.Validate();
            if (targets.Count == 0) return Array.Empty<IeaServerTestResult>();
            cancellationToken.ThrowIfCancellationRequested();

            var tasks = targets.Select(async (target, index) =>
            {
                var result = await ProbeOneSafelyAsync(target, settings, cancellationToken).ConfigureAwait(false);
                onResult?.Invoke(index, result);
                return result;
            }).ToArray();
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        private async Task<IeaServerTestResult> ProbeOneSafelyAsync(ProbeTarget target, ProbeSettings settings, CancellationToken cancellationToken)
        {
            await Task.Yield(); // start every target before any of them does I/O
            var watch = Stopwatch.StartNew();
            try
            {
                return await ProbeOneAsync(target, settings, watch, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // a bug or an odd runtime must still give a result, and let the other servers be tested
            catch (Exception e)
#pragma warning restore CA1031
            {
                var verdict = new ProbeClassification(ProbeFailure.Unknown, ProbeClassifier.Unknown, false);
                return new IeaServerTestResult
                {
                    RoleValue = target.Role,
                    Uri = target.Uri.ToString(),
                    FailureValue = verdict.Failure,
                    SideValue = verdict.Side,
                    PhaseValue = ProbePhase.Settings,
                    Message = ProbeMessages.Describe(verdict, new ProbeMessageFacts(target.Uri, settings) { Detail = ProbeMessages.Innermost(e) }),
                    ElapsedMs = watch.ElapsedMilliseconds,
                };
            }
        }

        private async Task<IeaServerTestResult> ProbeOneAsync(ProbeTarget target, ProbeSettings settings, Stopwatch watch, CancellationToken cancellationToken)
        {
            var uri = target.Uri;
            var facts = new ProbeMessageFacts(uri, settings);

            // Which way to go: decided before any traffic, and never an exception.
            Uri? proxy = null;
            switch (settings.ConnectionType)
            {
                case ConnectionType.Proxy:
                    if (!ProxyAddress.TryParse(settings.ProxyHost, settings.ProxyPort, settings.ProxySecure, out proxy))
                        return Decided(target, watch, new ProbeClassification(ProbeFailure.ProxySetting, ProbeClassifier.ProxySetting, false, side: FaultSide.Local), facts);
                    break;
                case ConnectionType.SystemProxy:
                    var decision = Resolve(settings.SystemProxyResolver, uri);
                    facts.ProxySource = decision.Source;
                    if (decision.Kind == SystemProxyKind.Unknown)
                    {
                        facts.Reason = decision.Reason;
                        return Decided(target, watch, new ProbeClassification(ProbeFailure.NotTested, ProbeClassifier.NotTested, false, side: FaultSide.Unknown), facts);
                    }
                    proxy = decision.Proxy;
                    break;
            }

            var proxySecureNotHonoured = false;
            if (proxy?.Scheme == Uri.UriSchemeHttps && !ProbeHttp.SupportsSecureProxy(settings))
            {
                proxySecureNotHonoured = true;
                proxy = new UriBuilder(proxy) { Scheme = Uri.UriSchemeHttp }.Uri;
            }
            facts.Proxy = proxy;
            facts.ProxySecureNotHonoured = proxySecureNotHonoured;

            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(settings.Budget);
            var maxAttempts = 1 + Math.Min(settings.RetryCount, 1);
            var attempts = 0;
            AttemptOutcome outcome;
            while (true)
            {
                attempts++;
                outcome = await AttemptAsync(uri, proxy, settings, budget.Token, cancellationToken).ConfigureAwait(false);
                if (attempts >= maxAttempts || !outcome.Verdict.Transient) break;
                var pause = outcome.RetryAfter ?? settings.RetryDelay;
                // Retry-After honoured only when the pause and a new attempt still fit the budget.
                if (pause + TimeSpan.FromMilliseconds(500) > settings.Budget - watch.Elapsed) break;
                try
                {
                    await Task.Delay(pause, budget.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
            watch.Stop();

            var trace = outcome.Trace;
            var verdict = outcome.Verdict;
            var certificate = trace.Certificate;
            facts.StatusCode = verdict.StatusCode;
            facts.Attempts = attempts;
            facts.Certificate = certificate;
            facts.RemoteAddress = trace.RemoteAddress;
            facts.Location = outcome.Location;
            facts.Detail = outcome.Detail;
            var answer = ProbeClassifier.AnswerOf(outcome.StatusCode, fromServer: outcome.Exception is null && !outcome.AnswerFromProxy);
            return new IeaServerTestResult
            {
                RoleValue = target.Role,
                Uri = uri.ToString(),
                Reachable = verdict.Reachable,
                StatusCode = verdict.StatusCode ?? outcome.StatusCode,
                FailureValue = verdict.Failure,
                PhaseValue = trace.Phase,
                SideValue = verdict.Side,
                AnswerValue = answer,
                Location = outcome.Location,
                Message = ProbeMessages.Describe(verdict, facts),
                ElapsedMs = watch.ElapsedMilliseconds,
                Attempts = attempts,
                ViaProxy = proxy != null,
                ProxyUsed = proxy?.Authority,
                RemoteAddress = trace.RemoteAddress,
                CertificateExpires = certificate?.NotAfter,
                CertificateNotBefore = certificate?.NotBefore,
                CertificateIssuer = certificate?.Issuer,
                CertificateSubject = certificate?.Subject,
                CertificateChainStatus = certificate?.ChainStatusText,
            };
        }

        private static SystemProxyDecision Resolve(ISystemProxyResolver resolver, Uri uri)
        {
            try
            {
                return resolver.Resolve(uri);
            }
#pragma warning disable CA1031 // a resolver that fails leaves the proxy unknown: a result, not an exception
            catch (Exception e)
#pragma warning restore CA1031
            {
                return SystemProxyDecision.Unknown(resolver.GetType().Name, ProbeMessages.Innermost(e));
            }
        }

        /// <summary>A result decided before any network traffic (settings, unknown system proxy).</summary>
        private static IeaServerTestResult Decided(ProbeTarget target, Stopwatch watch, ProbeClassification verdict, ProbeMessageFacts facts) =>
            new IeaServerTestResult
            {
                RoleValue = target.Role,
                Uri = target.Uri.ToString(),
                FailureValue = verdict.Failure,
                PhaseValue = ProbePhase.Settings,
                SideValue = verdict.Side,
                Message = ProbeMessages.Describe(verdict, facts),
                ElapsedMs = watch.ElapsedMilliseconds,
            };

        private async Task<AttemptOutcome> AttemptAsync(Uri uri, Uri? proxy, ProbeSettings settings, CancellationToken budget, CancellationToken user)
        {
            var trace = new ProbeTrace(uri, proxy);
            var staged = settings.ForceStagedProbe || !ProbeHttp.HasConnectCallback;
            try
            {
                // A client per attempt: a retry must open a new connection, not reuse the first one's.
                using var client = ProbeHttp.CreateClient(trace, settings);
                if (staged) await ProbeHttp.StageAsync(trace, budget).ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                // Headers only: some servers refuse HEAD, and the body is not needed.
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget).ConfigureAwait(false);
                trace.Reached(ProbePhase.Response);
                var status = (int)response.StatusCode;
                var fromProxy = proxy != null && uri.Scheme == Uri.UriSchemeHttp && IsProxysOwnAnswer(response);
                var observation = Observe(trace, null, status, settings, budget);
                observation.AnswerFromProxy = fromProxy;
                return new AttemptOutcome(trace, ProbeClassifier.Classify(observation), status, null)
                {
                    AnswerFromProxy = fromProxy,
                    Location = response.Headers.Location is Uri location
                        ? (location.IsAbsoluteUri ? location : new Uri(uri, location)).ToString()
                        : null,
                    RetryAfter = RetryAfterOf(response.Headers.RetryAfter),
                    Detail = fromProxy ? ProxyDetail(response) : null,
                };
            }
            catch (OperationCanceledException) when (user.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // every failure becomes a classified result, never an exception
            catch (Exception e)
#pragma warning restore CA1031
            {
                var observation = Observe(trace, e, null, settings, budget);
                var detail = trace.TunnelAnswer is ProxyAnswer tunnel && tunnel.Status != 200 ? tunnel.Detail : ProbeMessages.Innermost(e);
                return new AttemptOutcome(trace, ProbeClassifier.Classify(observation), trace.TunnelAnswer?.Status, e) { Detail = detail };
            }
        }

        private ProbeObservation Observe(ProbeTrace trace, Exception? exception, int? status, ProbeSettings settings, CancellationToken budget) =>
            new ProbeObservation(exception, status, trace.ViaProxy, trace.Certificate?.Errors)
            {
                Phase = trace.Phase,
                TimedOut = exception != null && budget.IsCancellationRequested,
                PlainHttpOnTls = trace.PlainHttpOnTls,
                PlainHttp = !trace.IsTls,
                CutAfterClientHello = trace.CutAfterClientHello,
                TunnelAnswer = trace.TunnelAnswer,
                ProxyCredentialGiven = settings.ProxyCredential != null,
                Certificate = trace.Certificate,
                Now = _time.GetUtcNow(),
            };

        /// <summary>For an http:// address through a proxy: an answer the proxy made itself, not the server's.</summary>
        private static bool IsProxysOwnAnswer(HttpResponseMessage response)
        {
            if (response.Headers.Contains("X-Squid-Error")) return true;
            if (response.Headers.TryGetValues("Proxy-Status", out var proxyStatus) &&
                proxyStatus.Any(v => v.IndexOf("error=", StringComparison.OrdinalIgnoreCase) >= 0))
                return true;
            return (int)response.StatusCode >= 400 && response.Headers.Server.Any(p =>
                p.Product?.Name is string name &&
                (name.Equals("tinyproxy", StringComparison.OrdinalIgnoreCase) || name.Equals("squid", StringComparison.OrdinalIgnoreCase)));
        }

        private static string ProxyDetail(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in new[] { "X-Squid-Error", "Proxy-Status" })
            {
                if (response.Headers.TryGetValues(name, out var values)) headers[name] = string.Join(", ", values);
            }
            return new ProxyAnswer((int)response.StatusCode, response.ReasonPhrase ?? "", headers).Detail;
        }

        private TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter)
        {
            if (retryAfter?.Delta is TimeSpan delta) return delta;
            if (retryAfter?.Date is DateTimeOffset date)
            {
                var wait = date - _time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        /// <summary>What one attempt ended with.</summary>
        private sealed class AttemptOutcome
        {
            public AttemptOutcome(ProbeTrace trace, ProbeClassification verdict, int? statusCode, Exception? exception)
            {
                Trace = trace;
                Verdict = verdict;
                StatusCode = statusCode;
                Exception = exception;
            }

            public ProbeTrace Trace { get; }
            public ProbeClassification Verdict { get; }
            public int? StatusCode { get; }
            public Exception? Exception { get; }
            public bool AnswerFromProxy { get; set; }
            public string? Location { get; set; }
            public TimeSpan? RetryAfter { get; set; }
            public string? Detail { get; set; }
        }
    }
}
