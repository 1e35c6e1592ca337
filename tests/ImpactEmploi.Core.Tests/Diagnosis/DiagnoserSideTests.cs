using System;
using System.Linq;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Diagnosis
{
    /// <summary>Case 2 (a mail to URSSAF) only for a fault on URSSAF's side or of unknown side; a local fault gets the local fix.</summary>
    public class DiagnoserSideTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 19, 10, 0, 0, TimeSpan.FromHours(1));

        private static IeaServerTestResult Failing(ServerRole role, ProbeFailure failure, FaultSide side, string message) => new IeaServerTestResult
        {
            RoleValue = role, Uri = "https://impact-emploi.urssaf.fr/", Reachable = false, FailureValue = failure, SideValue = side, Message = message,
        };

        private static IeaServerTestResult Reachable(ServerRole role) => new IeaServerTestResult
        {
            RoleValue = role, Uri = "https://impact-emploi.urssaf.fr/", Reachable = true, SideValue = FaultSide.None, AnswerValue = ProbeAnswer.Expected, Message = "answered",
        };

        private static IeaConnectionStatus Diagnose(params IeaServerTestResult[] tests) =>
            Diagnoser.Diagnose(DiagnoserTests.Config(false, false), AuthenticationResult.ConnectionFailed, tests, "PC", Now);

        [Theory]
        [InlineData(FaultSide.Remote)]
        [InlineData(FaultSide.Unknown)]
        public void A_remote_or_unknown_fault_is_case_2(FaultSide side)
        {
            var status = Diagnose(Reachable(ServerRole.Authentication), Failing(ServerRole.Update, ProbeFailure.ServerError, side, "HTTP 503"));
            Assert.Equal(ConnectionState.Disconnected, status.StateValue);
            Assert.Equal(2, status.Case);
            Assert.Equal(TrayIcon.BlueBallRedHeart, status.IconValue);
        }

        [Fact]
        public void A_local_fault_is_not_case_2_and_its_next_step_is_the_local_fix()
        {
            using var culture = new UICulture("en-US");
            var status = Diagnose(
                Failing(ServerRole.Authentication, ProbeFailure.Certificate, FaultSide.Local, "HTTPS is inspected by Acme Box CA: install its root certificate."),
                Failing(ServerRole.Update, ProbeFailure.Timeout, FaultSide.Unknown, "did not accept the connection"));
            Assert.Equal(ConnectionState.Disconnected, status.StateValue);
            Assert.Equal(0, status.Case);
            Assert.False(status.Compliant);
            Assert.Contains("Not case 2", status.NextStep, StringComparison.Ordinal);
            Assert.Contains("Authentication: HTTPS is inspected by Acme Box CA", status.NextStep, StringComparison.Ordinal);
            Assert.DoesNotContain("New-IeaSupportRequest", status.NextStep, StringComparison.Ordinal);
        }

        [Fact]
        public void A_local_fault_reads_in_French_too()
        {
            using var culture = new UICulture("fr-FR");
            var status = Diagnose(Failing(ServerRole.Authentication, ProbeFailure.ProxySetting, FaultSide.Local, "Set-IeaServerConfig -ConnectionType Proxy"));
            Assert.Contains("Pas le cas 2", status.NextStep, StringComparison.Ordinal);
        }

        [Fact]
        public void Servers_all_not_tested_is_state_NotTested_never_case_2()
        {
            using var culture = new UICulture("en-US");
            var notTested = Enumerable.Range(0, 3)
                .Select(i => Failing((ServerRole)i, ProbeFailure.NotTested, FaultSide.Unknown, "was not tested: no user is logged on."))
                .ToArray();
            var status = Diagnose(notTested);
            Assert.Equal(ConnectionState.NotTested, status.StateValue);
            Assert.Equal(0, status.Case);
            Assert.Contains("no user is logged on", status.NextStep, StringComparison.Ordinal);
        }
    }
}
