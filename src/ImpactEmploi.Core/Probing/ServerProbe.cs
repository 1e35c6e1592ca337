using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Resources;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ImpactEmploi.Probing
{
    /// <summary>
    /// Tests access to servers as "Tester l'accès aux serveurs" does, and says why one is unreachable.
    /// All targets are probed concurrently; each one behind an overall timeout, around a retry of transient
    /// failures (exponential backoff with jitter), around a per-attempt timeout.
    /// </summary>
    public sealed class ServerProbe
    {
        private readonly TimeProvider _time;

        public ServerProbe() : this(TimeProvider.System)
        {
        }

        /// <summary>With another clock (it decides "expired" and "expires soon").</summary>
        internal ServerProbe(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

        /// <summary>Probes every target; the results come back in the targets' order. Throws OperationCanceledException when <paramref name="cancellationToken"/> fires.</summary>
        public async Task<IReadOnlyList<IeaServerTestResult>> ProbeAsync(
            IReadOnlyList<ProbeTarget> targets, ProbeSettings settings, CancellationToken cancellationToken = default)
        {
            if (targets is null) throw new ArgumentNullException(nameof(targets));
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            settings.Validate();
            if (targets.Count == 0) return Array.Empty<IeaServerTestResult>();
            cancellationToken.ThrowIfCancellationRequested();

            var recorder = new CertificateRecorder();
            var tasks = targets.Select(t => ProbeOneAsync(recorder, t, settings, _time, cancellationToken)).ToArray();
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        private static async Task<IeaServerTestResult> ProbeOneAsync(
            CertificateRecorder recorder, ProbeTarget target, ProbeSettings settings, TimeProvider time,
            CancellationToken cancellationToken)
        {
            await Task.Yield(); // start every target before any of them does I/O
            var uri = target.Uri;
            var viaProxy = ProbeHttp.UsesProxy(settings, uri);
            var attempts = 0;

            ProbeObservation Observe(Exception? exception, int? status) =>
                new ProbeObservation(exception, status, viaProxy,
                    recorder.TryGet(uri, out _, out var errors) ? errors : (SslPolicyErrors?)null);

            var builder = new ResiliencePipelineBuilder<int>()
                .AddTimeout(new TimeoutStrategyOptions { Timeout = settings.OverallTimeout });
            if (settings.RetryCount > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<int>
                {
                    MaxRetryAttempts = settings.RetryCount,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryDelay,
                    MaxDelay = settings.MaxRetryDelay,
                    ShouldHandle = args => new ValueTask<bool>(
                        !args.Context.CancellationToken.IsCancellationRequested &&
                        ProbeClassifier.Classify(Observe(args.Outcome.Exception, args.Outcome.Exception is null ? args.Outcome.Result : null)).Transient),
                });
            }
            var pipeline = builder
                .AddTimeout(new TimeoutStrategyOptions { Timeout = settings.AttemptTimeout })
                .Build();

            var watch = Stopwatch.StartNew();
            int? status = null;
            Exception? failure = null;
            try
            {
                status = await pipeline.ExecuteAsync(async token =>
                {
                    Interlocked.Increment(ref attempts);
                    // A client (of this connection type) per attempt: a retry must open a new connection. One shared
                    // client would hand the retry the first attempt's still-pending connect or TLS handshake
                    // (SocketsHttpHandler keeps it alive after the request is cancelled), so a retry would retry nothing.
                    using var client = ProbeHttp.CreateClient(settings, recorder);
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    // Headers only: some servers refuse HEAD, and the body is not needed.
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    return (int)response.StatusCode;
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // every failure becomes a classified result, never an exception
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }
            watch.Stop();

            var verdict = ProbeClassifier.Classify(Observe(failure, status));
            DateTimeOffset? notAfter = recorder.TryGet(uri, out var seen, out _) ? seen : (DateTimeOffset?)null;
            verdict = ProbeClassifier.RefineCertificate(verdict, notAfter, time.GetUtcNow());

            return new IeaServerTestResult
            {
                Role = target.Role,
                Uri = uri.ToString(),
                Reachable = verdict.Reachable,
                StatusCode = verdict.StatusCode,
                Failure = verdict.Failure,
                Message = ProbeMessages.Describe(verdict, uri, settings, notAfter, failure, attempts),
                ElapsedMs = watch.ElapsedMilliseconds,
                Attempts = attempts,
                ViaProxy = viaProxy,
                CertificateExpires = notAfter,
            };
        }
    }

    /// <summary>The one-line messages: what happened, then the next thing to check (Messages.resx / Messages.fr.resx).</summary>
    internal static class ProbeMessages
    {
        /// <summary>
        /// Every probe message gets the same arguments: {0} host:port, {1} HTTP status, {2} proxy host:port,
        /// {3} per-attempt timeout in seconds, {4} certificate expiry date, {5} the runtime's own words, {6} attempts.
        /// </summary>
        public static string Describe(ProbeClassification verdict, Uri uri, ProbeSettings settings,
            DateTimeOffset? notAfter, Exception? failure, int attempts)
        {
            var args = new object?[]
            {
                uri.Authority,
                verdict.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "",
                settings.ProxyUri?.Authority ?? "",
                settings.AttemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.CurrentCulture),
                notAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                Innermost(failure),
                attempts,
            };
            var text = Text.Format(verdict.MessageKey, args);
            return verdict.Reachable ? text : text + " " + Text.Format(verdict.MessageKey + "Action", args);
        }

        private static string Innermost(Exception? e)
        {
            if (e is null) return "";
            while (e.InnerException != null) e = e.InnerException;
            return e.Message.Replace('\r', ' ').Replace('\n', ' ').Trim();
        }
    }

    /// <summary>Warnings that do not make a server unreachable but need acting on soon.</summary>
    public static class ProbeWarnings
    {
        /// <summary>A certificate expiring within this many days gets a warning.</summary>
        public const int CertificateExpiryWarningDays = 30;

        /// <summary>The warnings for one result (empty when none), to write with WriteWarning.</summary>
        public static IReadOnlyList<string> For(IeaServerTestResult result, DateTimeOffset now)
        {
            if (result is null) throw new ArgumentNullException(nameof(result));
            var warnings = new List<string>();
            if (result.CertificateExpires is DateTimeOffset expires && expires > now &&
                expires - now <= TimeSpan.FromDays(CertificateExpiryWarningDays))
            {
                var host = Uri.TryCreate(result.Uri, UriKind.Absolute, out var uri) ? uri.Authority : result.Uri;
                var days = (int)Math.Ceiling((expires - now).TotalDays);
                warnings.Add(Text.Format("ProbeCertificateExpiresSoon", host,
                    expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days));
            }
            return warnings;
        }
    }
}
