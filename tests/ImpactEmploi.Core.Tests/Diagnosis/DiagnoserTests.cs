using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Diagnosis
{
    public class DiagnoserTests
    {
        public enum Tests { None, AllReachable, OneUnreachable }

        private static readonly DateTimeOffset Now = new DateTimeOffset(2019, 3, 19, 10, 0, 0, TimeSpan.FromHours(1));
        private static readonly Regex Command = new Regex(@"\b(?:Get|Set|Test|Repair|Restart|New|Enable|Disable)-Iea\w+");

        internal static IeaServerConfig Config(bool assistance, bool outdated, string? version = "3.00.72") => new IeaServerConfig
        {
            Path = @"C:\ImpactEmploi",
            ConfigPath = @"C:\ImpactEmploi\ImpactEmploi.ini",
            ConnectionModeValue = outdated ? ConnectionMode.Normal : ConnectionMode.Secure,
            AuthenticationServer = "https://impact-emploi.urssaf.fr",
            AssistanceMode = assistance,
            Version = version,
            Deviations = outdated ? new[] { "Connection mode: Normal (the fiche: Secure)" } : Array.Empty<string>(),
        };

        internal static IeaServerTestResult[]? Results(Tests tests) => tests switch
        {
            Tests.None => null,
            Tests.AllReachable => new[]
            {
                Result(ServerRole.Authentication, "https://impact-emploi.urssaf.fr/", true),
                Result(ServerRole.Update, "https://impact-emploi.urssaf.fr/updates", true),
                Result(ServerRole.NetEntreprises, "https://services.net-entreprises.fr/authentifier/1.0/", true),
            },
            _ => new[]
            {
                Result(ServerRole.Authentication, "https://impact-emploi.urssaf.fr/", true),
                Result(ServerRole.Update, "https://impact-emploi.urssaf.fr/updates", false, ProbeFailure.Timeout),
                Result(ServerRole.NetEntreprises, "https://services.net-entreprises.fr/authentifier/1.0/", true),
            },
        };

        internal static IeaServerTestResult Result(ServerRole role, string uri, bool reachable, ProbeFailure failure = ProbeFailure.None) =>
            new IeaServerTestResult
            {
                RoleValue = role, Uri = uri, Reachable = reachable, FailureValue = failure, StatusCode = reachable ? 200 : null,
                Message = reachable ? "answered" : uri + " did not answer in time (10 s per attempt, 3 attempt(s)).",
            };

        public static IEnumerable<object[]> EveryCombination() =>
            from assistance in new[] { false, true }
            from outdated in new[] { false, true }
            from tests in Enum.GetValues<Tests>()
            from last in Enum.GetValues<AuthenticationResult>()
            select new object[] { assistance, outdated, tests, last };

        /// <summary>The issue's table, written out independently of the code under test.</summary>
        private static (ConnectionState State, TrayIcon Icon, int Case, bool Compliant, string[] Commands) Expected(
            bool assistance, bool outdated, Tests tests, AuthenticationResult last)
        {
            string[] support = { "New-IeaSupportRequest", "Enable-IeaAssistanceMode" };
            if (assistance)
                return (ConnectionState.AssistanceMode, TrayIcon.RedScarab, 0, false, new[] { "Disable-IeaAssistanceMode", "Repair-IeaConnection" });
            if (outdated)
                return (ConnectionState.ConfigurationOutdated, TrayIcon.BlueBallRedHeart, 0, false,
                    new[] { "Repair-IeaConnection", "Set-IeaServerConfig", "Test-IeaServers" });
            if (tests == Tests.OneUnreachable)
                return (ConnectionState.Disconnected, TrayIcon.BlueBallRedHeart, 2, false,
                    new[] { "Restart-IeaAuthentication", "Test-IeaServers" }.Concat(support).ToArray());
            if (last == AuthenticationResult.AuthorizationDenied)
                return (ConnectionState.AuthorizationDenied, TrayIcon.BlueBallRedHeart, 3, false, support);
            if (last == AuthenticationResult.LicenseNotRecognized)
                return (ConnectionState.LicenseNotRecognized, TrayIcon.BlueBallRedHeart, 3, false, support);
            if (tests == Tests.AllReachable)
                return (ConnectionState.Connected, TrayIcon.BlueBall, 1, true,
                    last == AuthenticationResult.ConnectionFailed ? new[] { "Restart-IeaAuthentication" } : Array.Empty<string>());
            bool ok = last == AuthenticationResult.OK;
            return (ConnectionState.NotTested, ok ? TrayIcon.BlueBall : TrayIcon.BlueBallRedHeart, 0, ok,
                new[] { "Test-IeaServers", "Get-IeaConnectionStatus" });
        }

        [Theory]
        [MemberData(nameof(EveryCombination))]
        public void Every_combination_gives_the_fiche_s_state_icon_case_and_command(bool assistance, bool outdated, Tests tests,
            AuthenticationResult last)
        {
            using var culture = new UICulture("en-US");
            var expected = Expected(assistance, outdated, tests, last);

            var status = Diagnoser.Diagnose(Config(assistance, outdated), last, Results(tests), "PC-ACCUEIL", Now);

            Assert.Equal(expected.State, status.StateValue);
            Assert.Equal(expected.Icon, status.IconValue);
            Assert.Equal(expected.Case, status.Case);
            Assert.Equal((FicheCase)expected.Case, status.FicheCaseValue);
            Assert.Equal(expected.Compliant, status.Compliant);
            var named = Command.Matches(status.NextStep).Select(m => m.Value).Distinct().OrderBy(c => c, StringComparer.Ordinal);
            Assert.Equal(expected.Commands.OrderBy(c => c, StringComparer.Ordinal), named);
            Assert.DoesNotContain("{", status.NextStep, StringComparison.Ordinal);
        }

        /// <summary>The combinations above reach every state, icon and case the diagnosis can give, so none goes untested.</summary>
        [Fact]
        public void The_combinations_reach_every_state_icon_and_case()
        {
            var statuses = EveryCombination()
                .Select(c => Diagnoser.Diagnose(Config((bool)c[0], (bool)c[1]), (AuthenticationResult)c[3], Results((Tests)c[2]), "PC-ACCUEIL", Now))
                .ToArray();

            Assert.Equal(Enum.GetValues<ConnectionState>().OrderBy(v => v), statuses.Select(s => s.StateValue).Distinct().OrderBy(v => v));
            Assert.Equal(Enum.GetValues<TrayIcon>().OrderBy(v => v), statuses.Select(s => s.IconValue).Distinct().OrderBy(v => v));
            Assert.Equal(Enum.GetValues<FicheCase>().OrderBy(v => v), statuses.Select(s => s.FicheCaseValue).Distinct().OrderBy(v => v));
        }

        [Fact]
        public void Case_2_names_the_failing_server_its_failure_and_the_support_subject()
        {
            using var culture = new UICulture("en-US");
            var status = Diagnoser.Diagnose(Config(false, false), AuthenticationResult.ConnectionFailed,
                Results(Tests.OneUnreachable), "PC-ACCUEIL", Now);

            Assert.Contains("Update https://impact-emploi.urssaf.fr/updates (Timeout)", status.NextStep, StringComparison.Ordinal);
            Assert.DoesNotContain("net-entreprises", status.NextStep, StringComparison.Ordinal);
            Assert.Contains("Relancer l'authentification auprès du serveur", status.NextStep, StringComparison.Ordinal);
            Assert.Contains("impact-emploi-association@urssaf.fr", status.NextStep, StringComparison.Ordinal);
            Assert.Contains("Serveur de connexion 3.00.72", status.NextStep, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("3.00.72", "Serveur de connexion 3.00.72")]
        [InlineData(null, "Serveur de connexion 3.00.XX")]
        public void Case_3_gives_the_support_subject_with_the_version(string? version, string subject)
        {
            using var culture = new UICulture("en-US");
            var status = Diagnoser.Diagnose(Config(false, false, version), AuthenticationResult.LicenseNotRecognized,
                Results(Tests.AllReachable), "PC-ACCUEIL", Now);

            Assert.Contains(subject, status.NextStep, StringComparison.Ordinal);
            Assert.Contains("licence", status.NextStep, StringComparison.Ordinal);
        }

        [Fact]
        public void Offline_after_a_failed_authentication_says_so()
        {
            using var culture = new UICulture("en-US");
            var failed = Diagnoser.Diagnose(Config(false, false), AuthenticationResult.ConnectionFailed, null, "PC", Now);
            var ok = Diagnoser.Diagnose(Config(false, false), AuthenticationResult.OK, null, "PC", Now);

            Assert.Contains("last authentication failed", failed.NextStep, StringComparison.Ordinal);
            Assert.DoesNotContain("failed", ok.NextStep, StringComparison.Ordinal);
        }

        [Fact]
        public void An_empty_list_of_tests_counts_as_not_tested()
        {
            var status = Diagnoser.Diagnose(Config(false, false), AuthenticationResult.OK, Array.Empty<IeaServerTestResult>(), "PC", Now);

            Assert.Equal(ConnectionState.NotTested, status.StateValue);
            Assert.Equal(0, status.Case);
        }

        [Fact]
        public void The_status_carries_the_inputs_and_does_not_share_the_caller_s_lists()
        {
            var config = Config(false, true);
            var tests = new List<IeaServerTestResult>(Results(Tests.AllReachable)!);

            var status = Diagnoser.Diagnose(config, AuthenticationResult.AuthorizationDenied, tests, "PC-ACCUEIL", Now);
            tests.Clear();
            config.Deviations = Array.Empty<string>();

            Assert.Equal("PC-ACCUEIL", status.ComputerName);
            Assert.Equal(@"C:\ImpactEmploi", status.Path);
            Assert.Equal(@"C:\ImpactEmploi", status.ToString());
            Assert.Equal("3.00.72", status.Version);
            Assert.False(status.AssistanceMode);
            Assert.Equal("AuthorizationDenied", status.LastAuthenticationResult);
            Assert.Equal(Now.LocalDateTime, status.CheckedAt);
            Assert.Equal(3, status.ServerTests.Count);
            Assert.Equal(new[] { "Connection mode: Normal (the fiche: Secure)" }, status.Deviations);
        }

        [Fact]
        public void Not_tested_gives_an_empty_list_of_tests()
        {
            var status = Diagnoser.Diagnose(Config(true, false), AuthenticationResult.Unknown, null, "PC", Now);

            Assert.NotNull(status.ServerTests);
            Assert.Empty(status.ServerTests);
            Assert.True(status.AssistanceMode);
        }

        [Theory]
        [InlineData(true, false, Tests.None, AuthenticationResult.OK, "mot de passe du jour", "Disable-IeaAssistanceMode")]
        [InlineData(false, true, Tests.AllReachable, AuthenticationResult.OK, "diffèrent de ceux de la fiche", "Repair-IeaConnection")]
        [InlineData(false, false, Tests.OneUnreachable, AuthenticationResult.ConnectionFailed, "Cas 2 de la fiche", "Restart-IeaAuthentication")]
        [InlineData(false, false, Tests.AllReachable, AuthenticationResult.AuthorizationDenied, "a refusé l'autorisation", "New-IeaSupportRequest")]
        [InlineData(false, false, Tests.AllReachable, AuthenticationResult.LicenseNotRecognized, "licence de l'installation n'a pas été reconnue", "Enable-IeaAssistanceMode")]
        [InlineData(false, false, Tests.AllReachable, AuthenticationResult.OK, "Cas 1 de la fiche", "")]
        [InlineData(false, false, Tests.AllReachable, AuthenticationResult.ConnectionFailed, "dernière authentification d'IEA a échoué", "Restart-IeaAuthentication")]
        [InlineData(false, false, Tests.None, AuthenticationResult.OK, "n'ont pas été testés", "Test-IeaServers")]
        [InlineData(false, false, Tests.None, AuthenticationResult.ConnectionFailed, "serveur non joint", "Get-IeaConnectionStatus")]
        public void The_next_step_is_in_French_under_fr_FR(bool assistance, bool outdated, Tests tests, AuthenticationResult last,
            string french, string command)
        {
            string english;
            using (new UICulture("en-US"))
                english = Diagnoser.Diagnose(Config(assistance, outdated), last, Results(tests), "PC", Now).NextStep;

            string nextStep;
            using (new UICulture("fr-FR"))
                nextStep = Diagnoser.Diagnose(Config(assistance, outdated), last, Results(tests), "PC", Now).NextStep;

            Assert.Contains(french, nextStep, StringComparison.Ordinal);
            Assert.Contains(command, nextStep, StringComparison.Ordinal);
            Assert.NotEqual(english, nextStep);
            Assert.Equal(Command.Matches(english).Select(m => m.Value), Command.Matches(nextStep).Select(m => m.Value));
        }

        [Fact]
        public void The_culture_is_restored_after_a_French_test()
        {
            var before = System.Globalization.CultureInfo.CurrentUICulture;
            using (new UICulture("fr-FR"))
                Assert.Equal("fr-FR", System.Globalization.CultureInfo.CurrentUICulture.Name);
            Assert.Equal(before, System.Globalization.CultureInfo.CurrentUICulture);
        }

        [Fact]
        public void Null_arguments_are_refused()
        {
            Assert.Throws<ArgumentNullException>(() => Diagnoser.Diagnose(null!, AuthenticationResult.OK, null, "PC", Now));
            Assert.Throws<ArgumentNullException>(() => Diagnoser.Diagnose(Config(false, false), AuthenticationResult.OK, null, null!, Now));
        }
    }
}
