using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactEmploi.Support
{
    /// <summary>When a mail to URSSAF's support is the right next step, and when the fix is on this side.</summary>
    public static class SupportRequestPolicy
    {
        public const string LocalSide = "Local";
        public const string RemoteSide = "Remote";
        public const string UnknownSide = "Unknown";

        // Failures whose cause is on the PC or its network (DNS, proxy, a clock or an HTTPS-inspecting product that
        // breaks the certificate): URSSAF's support cannot fix them.
        private static readonly HashSet<string> LocalFailures = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            nameof(ProbeFailure.NameResolution),
            nameof(ProbeFailure.Proxy),
            nameof(ProbeFailure.ProxyAuthenticationRequired),
            nameof(ProbeFailure.Certificate),
            "ProxySetting",
            "NetworkUnreachable",
        };

        // The probe's verdict on whose action is needed, in builds where IeaServerTestResult has it.
        private static readonly System.Reflection.PropertyInfo? SideProperty = typeof(IeaServerTestResult).GetProperty("Side");

        /// <summary>
        /// True when the servers are unreachable (case 2) and every unreachable one failed for a local reason: no mail
        /// is prepared, the status's next step is the local fix.
        /// </summary>
        public static bool IsLocalFault(IeaConnectionStatus status)
        {
            if (status is null) throw new ArgumentNullException(nameof(status));
            var failing = status.ServerTests.Where(t => !t.Reachable).ToArray();
            return status.Case == 2 && failing.Length > 0 && failing.All(t => SideOf(t) == LocalSide);
        }

        /// <summary>What to fix on this side: the message of each failed test (each names its next step), once.</summary>
        public static string LocalFix(IeaConnectionStatus status)
        {
            if (status is null) throw new ArgumentNullException(nameof(status));
            return string.Join(" ", status.ServerTests.Where(t => !t.Reachable).Select(t => t.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct());
        }

        /// <summary>Whose action a failed test needs: Local, Remote or Unknown.</summary>
        public static string SideOf(IeaServerTestResult test)
        {
            if (test is null) throw new ArgumentNullException(nameof(test));
            // The probe's own verdict when this build has it (a Side property); else the failure word decides.
            var side = SideProperty?.GetValue(test)?.ToString();
            if (!string.IsNullOrEmpty(side)) return side!;
            return LocalFailures.Contains(test.Failure.ToString()) ? LocalSide : UnknownSide;
        }
    }
}
