using System;
using System.Collections.Generic;
using System.Globalization;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Probing
{
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
