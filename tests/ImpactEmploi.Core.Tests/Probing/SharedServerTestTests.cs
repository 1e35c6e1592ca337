using System;
using ImpactEmploi.Probing;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    /// <summary>When two installations may share one server test (Get-IeaConnectionStatus), and what each gets of it.</summary>
    public class SharedServerTestTests
    {
        private static IeaServerConfig Config(string path) => new IeaServerConfig
        {
            Path = path,
            ConnectionTypeValue = ConnectionType.Proxy,
            ProxyHost = "proxy.local",
            ProxyPort = 3128,
            AuthenticationServer = "https://impact-emploi.urssaf.fr",
            UpdateServer = "https://impact-emploi.urssaf.fr/updates",
            NetEntreprisesServer = "https://services.net-entreprises.fr/authentifier/1.0/",
        };

        [Fact]
        public void Installations_with_the_same_settings_and_addresses_share_a_test_wherever_they_live()
        {
            Assert.Equal(ServerTestRun.TestKeyOf(Config("/a")), ServerTestRun.TestKeyOf(Config("/b")));
        }

        [Theory]
        [InlineData("type")]
        [InlineData("host")]
        [InlineData("port")]
        [InlineData("secure")]
        [InlineData("authentication")]
        [InlineData("update")]
        [InlineData("netentreprises")]
        public void Any_setting_or_address_that_differs_gives_a_test_of_its_own(string what)
        {
            var other = Config("/b");
            switch (what)
            {
                case "type": other.ConnectionTypeValue = ConnectionType.Direct; break;
                case "host": other.ProxyHost = "proxy2.local"; break;
                case "port": other.ProxyPort = 8080; break;
                case "secure": other.ProxySecure = true; break;
                case "authentication": other.AuthenticationServer = "http://impact-emploi.urssaf.fr"; break;
                case "update": other.UpdateServer = "https://impact-emploi.urssaf.fr/updates/"; break;
                default: other.NetEntreprisesServer = null; break;
            }

            Assert.NotEqual(ServerTestRun.TestKeyOf(Config("/a")), ServerTestRun.TestKeyOf(other));
        }

        [Fact]
        public void Addresses_holding_a_line_break_never_make_two_different_installations_share_a_test()
        {
            // XML, JSON and registry values may hold a line break: where one field ends must stay known.
            var first = Config("/a");
            first.AuthenticationServer = "https://impact-emploi.urssaf.fr\nhttps://relais.local";
            first.UpdateServer = "https://impact-emploi.urssaf.fr/updates";
            var second = Config("/b");
            second.AuthenticationServer = "https://impact-emploi.urssaf.fr";
            second.UpdateServer = "https://relais.local\nhttps://impact-emploi.urssaf.fr/updates";

            Assert.NotEqual(ServerTestRun.TestKeyOf(first), ServerTestRun.TestKeyOf(second));
        }

        [Fact]
        public void A_shared_result_is_copied_with_the_other_installations_path_and_the_original_is_left_alone()
        {
            var original = new IeaServerTestResult { Path = "/a", ComputerName = "PC", Uri = "https://impact-emploi.urssaf.fr/", FailureValue = ProbeFailure.Timeout, Message = "m" };

            var copy = original.ForInstallation("/b");

            Assert.NotSame(original, copy);
            Assert.Equal("/b", copy.Path);
            Assert.Equal("/a", original.Path);
            Assert.Equal(("PC", "https://impact-emploi.urssaf.fr/", "Timeout", "m"), (copy.ComputerName, copy.Uri, copy.Failure, copy.Message));
        }
    }
}
