using System;
using System.Collections.Generic;
using System.Linq;

namespace ImpactEmploi.Support
{
    /// <summary>When a mail to URSSAF's support is the right next step, and when the fix is on this side.</summary>
    public static class SupportRequestPolicy
    {
        /// <summary>
        /// True when a server failed for a reason on this PC's side (<see cref="IeaServerTestResult.Side"/> Local: DNS,
        /// proxy, firewall, TLS inspection, clock): no mail is prepared, the next step is the local fix. The Diagnoser
        /// applies the same rule (such a status is Disconnected with case 0).
        /// </summary>
        public static bool IsLocalFault(IeaConnectionStatus status) => LocalFailures(status).Any();

        /// <summary>What to fix on this side: the message of each local failure (each names its next step), once.</summary>
        public static string LocalFix(IeaConnectionStatus status) =>
            string.Join(" ", LocalFailures(status).Select(t => t.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct());

        private static IEnumerable<IeaServerTestResult> LocalFailures(IeaConnectionStatus status)
        {
            if (status is null) throw new ArgumentNullException(nameof(status));
            return status.ServerTests.Where(t => !t.Reachable && t.FailureValue != ProbeFailure.NotTested && t.SideValue == FaultSide.Local);
        }
    }
}
