using ImpactEmploi.Installations;
using Xunit;

namespace ImpactEmploi.Tests.Installations
{
    public sealed class SingleUserSessionFactsTests
    {
        [Fact]
        public void Outside_Windows_the_caller_is_a_user_in_their_own_session_whatever_the_operating_systems_session_id()
        {
            // The Linux session id is 0 in a container whose session leader is outside its PID namespace (CI machines).
            var facts = new SingleUserSessionFacts();
            Assert.Equal(1, facts.SessionId);
            Assert.Equal(1, facts.SessionOf(System.Environment.ProcessId));
            Assert.True(ConnectionProgram.MayStartIn(facts));
        }
    }
}
