using System;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Layouts;
using ImpactEmploi.Support;
using ImpactEmploi.Tests.Diagnosis;
using Xunit;

namespace ImpactEmploi.Tests.Support
{
    public class SupportRequestPolicyTests
    {
        private static IeaConnectionStatus Disconnected(params ProbeFailure[] failures) =>
            Disconnected(f => f == ProbeFailure.Timeout || f == ProbeFailure.ServerError || f == ProbeFailure.Unknown ? FaultSide.Remote : FaultSide.Local, failures);

        private static IeaConnectionStatus Disconnected(Func<ProbeFailure, FaultSide> side, params ProbeFailure[] failures)
        {
            var tests = new IeaServerTestResult[failures.Length + 1];
            tests[0] = DiagnoserTests.Result(ServerRole.Authentication, "https://impact-emploi.urssaf.fr/", true);
            for (int i = 0; i < failures.Length; i++)
            {
                tests[i + 1] = DiagnoserTests.Result(ServerRole.Update, "https://impact-emploi.urssaf.fr/updates", false, failures[i]);
                tests[i + 1].Message = "Fix " + failures[i] + ".";
                tests[i + 1].SideValue = side(failures[i]);
            }

            return Diagnoser.Diagnose(DiagnoserTests.Config(false, false), AuthenticationResult.ConnectionFailed, tests, "PC", SupportRequestBuilderTests.Now);
        }

        [Theory]
        [InlineData(ProbeFailure.NameResolution)]
        [InlineData(ProbeFailure.Proxy)]
        [InlineData(ProbeFailure.ProxyAuthenticationRequired)]
        [InlineData(ProbeFailure.Certificate)]
        public void A_failure_on_this_side_is_a_local_fault(ProbeFailure failure)
        {
            var status = Disconnected(failure);

            Assert.Equal(0, status.Case);
            Assert.Equal(ConnectionState.Disconnected, status.StateValue);
            Assert.True(SupportRequestPolicy.IsLocalFault(status));
            Assert.Equal("Fix " + failure + ".", SupportRequestPolicy.LocalFix(status));
            Assert.Equal("Test-IeaServers", status.NextCommand);
        }

        [Theory]
        [InlineData(ProbeFailure.Timeout)]
        [InlineData(ProbeFailure.ServerError)]
        [InlineData(ProbeFailure.Unknown)]
        public void A_failure_that_may_be_URSSAF_s_is_not(ProbeFailure failure)
        {
            var status = Disconnected(failure);

            Assert.Equal(2, status.Case);
            Assert.False(SupportRequestPolicy.IsLocalFault(status));
        }

        [Fact]
        public void A_local_failure_beside_a_remote_one_comes_first()
        {
            var status = Disconnected(ProbeFailure.NameResolution, ProbeFailure.ServerError);

            Assert.Equal(0, status.Case);
            Assert.True(SupportRequestPolicy.IsLocalFault(status));
            Assert.Equal("Fix NameResolution.", SupportRequestPolicy.LocalFix(status));
        }

        [Fact]
        public void The_side_decides_not_the_failure_word()
        {
            var status = Disconnected(_ => FaultSide.Remote, ProbeFailure.Certificate);

            Assert.Equal(2, status.Case);
            Assert.False(SupportRequestPolicy.IsLocalFault(status));
        }

        [Fact]
        public void Only_unreachable_servers_count()
        {
            var connected = Diagnoser.Diagnose(DiagnoserTests.Config(false, false), AuthenticationResult.OK,
                DiagnoserTests.Results(DiagnoserTests.Tests.AllReachable), "PC", SupportRequestBuilderTests.Now);

            Assert.False(SupportRequestPolicy.IsLocalFault(connected));
            Assert.Throws<ArgumentNullException>(() => SupportRequestPolicy.IsLocalFault(null!));
        }
    }
}
