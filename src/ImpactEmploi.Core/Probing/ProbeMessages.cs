using System;
using System.Collections.Generic;
using System.Globalization;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Probing
{
    /// <summary>What a probe message may quote; every field that a message uses is known when that message is chosen.</summary>
    internal sealed class ProbeMessageFacts
    {
        public ProbeMessageFacts(Uri target, ProbeSettings settings)
        {
            Target = target;
            Budget = settings.Budget;
        }

        public Uri Target { get; }
        public TimeSpan Budget { get; }
        public Uri? Proxy { get; set; }
        public string? ProxySource { get; set; }
        public bool ProxySecureNotHonoured { get; set; }
        public int? StatusCode { get; set; }
        public int Attempts { get; set; }
        public CertificateFacts? Certificate { get; set; }
        public string? RemoteAddress { get; set; }
        public string? Location { get; set; }

        /// <summary>Why the system proxy cannot be known (NotTested).</summary>
        public string? Reason { get; set; }

        /// <summary>The runtime's or the proxy's own words, shown labelled as technical detail.</summary>
        public string? Detail { get; set; }
    }

    /// <summary>
    /// The one-line messages: what happened, then whose action and the next step, then flags and the technical detail
    /// (Messages.resx / Messages.fr.resx). Arguments: {0} host:port, {1} HTTP status, {2} proxy host:port, {3} budget in
    /// seconds, {4} certificate NotAfter, {5} attempts, {6} address connected to (else host:port), {7} certificate issuer,
    /// {8} certificate NotBefore, {9} redirect target, {10} why the system proxy is unknown, {11} chain status, {12} host.
    /// </summary>
    internal static class ProbeMessages
    {
        public static string Describe(ProbeClassification verdict, ProbeMessageFacts facts)
        {
            var certificate = facts.Certificate;
            var args = new object?[]
            {
                facts.Target.Authority,
                facts.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                facts.Proxy?.Authority ?? Text.Get("ProbeNoProxy"),
                facts.Budget.TotalSeconds.ToString("0.###", CultureInfo.CurrentCulture),
                certificate?.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                facts.Attempts,
                facts.RemoteAddress ?? facts.Target.Authority,
                certificate?.IssuerName ?? Text.Get("ProbeUnknownIssuer"),
                certificate?.NotBefore.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-",
                facts.Location ?? "-",
                string.IsNullOrWhiteSpace(facts.Reason) ? Text.Get("ProbeNoReason") : facts.Reason,
                certificate?.ChainStatusText ?? "-",
                facts.Target.Host,
            };
            var parts = new List<string> { Text.Format(verdict.MessageKey, args) };
            if (!verdict.Reachable)
                parts.Add(Text.Format(verdict.MessageKey + "Action", args));
            else
                parts.AddRange(Flags(facts, args));
            if (facts.ProxySecureNotHonoured)
                parts.Add(Text.Format("ProbeProxySecureNotHonoured", args));
            if (!verdict.Reachable && !string.IsNullOrWhiteSpace(facts.Detail))
                parts.Add(Text.Format("ProbeTechnicalDetail", facts.Detail));
            return string.Join(" ", parts);
        }

        /// <summary>An answer that proves access but deserves a look: a redirect away, a refusal, a wrong path, a captive portal.</summary>
        private static IEnumerable<string> Flags(ProbeMessageFacts facts, object?[] args)
        {
            if (facts.Location != null && Uri.TryCreate(facts.Location, UriKind.Absolute, out var location))
            {
                if (facts.Target.Scheme == Uri.UriSchemeHttps && location.Scheme == Uri.UriSchemeHttp)
                    yield return Text.Format("ProbeFlagRedirectInsecure", args);
                if (!string.Equals(location.Host, facts.Target.Host, StringComparison.OrdinalIgnoreCase))
                    yield return Text.Format("ProbeFlagRedirectOtherHost", args);
            }
            switch (facts.StatusCode)
            {
                case 403:
                case 451:
                    yield return Text.Format("ProbeFlagForbidden", args);
                    break;
                case 404:
                    yield return Text.Format("ProbeFlagNotFound", args);
                    break;
            }
        }

        public static string Innermost(Exception? e)
        {
            if (e is null) return "";
            while (e.InnerException != null) e = e.InnerException;
            return e.Message.Replace('\r', ' ').Replace('\n', ' ').Trim();
        }
    }
}
