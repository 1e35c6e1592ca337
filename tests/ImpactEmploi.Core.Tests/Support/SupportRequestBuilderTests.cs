using System;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Layouts;
using ImpactEmploi.Support;
using ImpactEmploi.Tests.Diagnosis;
using Xunit;

namespace ImpactEmploi.Tests.Support
{
    public class SupportRequestBuilderTests
    {
        internal static readonly DateTimeOffset Now = new DateTimeOffset(2019, 3, 19, 10, 30, 0, TimeSpan.FromHours(1));

        internal static readonly ContactDetails Contact = new ContactDetails
        {
            Organisation = "Association Les Amis de l'Été",
            ContactName = "Hélène Dupré",
            Phone = "01 23 45 67 89",
            Email = "tresorier@amis-ete.example",
        };

        internal static IeaConnectionStatus Case2(string? version = "3.00.72") =>
            Diagnoser.Diagnose(DiagnoserTests.Config(false, false, version), AuthenticationResult.ConnectionFailed,
                DiagnoserTests.Results(DiagnoserTests.Tests.OneUnreachable), "PC-ACCUEIL", Now);

        [Theory]
        [InlineData("3.00.72", "Serveur de connexion 3.00.72")]
        [InlineData(" 3.00.80 ", "Serveur de connexion 3.00.80")]
        [InlineData(null, "Serveur de connexion 3.00.XX")]
        [InlineData("", "Serveur de connexion 3.00.XX")]
        [InlineData("   ", "Serveur de connexion 3.00.XX")]
        [InlineData("3.00.72\r\nBcc: x@example.test", "Serveur de connexion 3.00.XX")]
        public void The_subject_is_the_fiche_s_with_the_version(string? version, string subject)
        {
            Assert.Equal(subject, SupportRequestBuilder.SubjectFor(version));
            Assert.Equal(subject, SupportRequestBuilder.Build(Case2(null), version, Contact, "0.1.0", Now).Subject);
        }

        [Fact]
        public void The_subject_stays_French_under_an_English_culture_and_falls_back_to_the_status_version()
        {
            using var culture = new UICulture("en-US");
            var request = SupportRequestBuilder.Build(Case2("3.00.72"), null, null, "0.1.0", Now);

            Assert.Equal("Serveur de connexion 3.00.72", request.Subject);
            Assert.Equal("impact-emploi-association@urssaf.fr", request.To);
            Assert.Equal(@"C:\ImpactEmploi", request.Path);
            Assert.Equal(Now, request.CreatedAt);
            Assert.Null(request.OutFile);
        }

        [Fact]
        public void The_body_has_the_contact_details_then_the_diagnosis()
        {
            using var culture = new UICulture("en-US");
            var body = SupportRequestBuilder.Build(Case2(), "3.00.72", Contact, "0.1.0", Now).Body;

            foreach (var expected in new[]
            {
                "Organisation: Association Les Amis de l'Été", "Contact: Hélène Dupré", "Phone: 01 23 45 67 89",
                "E-mail: tresorier@amis-ete.example", "ImpactEmploi.PS 0.1.0", "2019-03-19 10:30 +01:00", "PC-ACCUEIL",
                @"C:\ImpactEmploi", "IEA version: 3.00.72", "State: Disconnected (servers not reachable), case 2 of the fiche",
                "Update https://impact-emploi.urssaf.fr/updates: NOT reachable (Timeout): https://impact-emploi.urssaf.fr/updates did not answer in time",
                "Authentication https://impact-emploi.urssaf.fr/: reachable", "Last authentication result recorded by IEA: ConnectionFailed",
            })
            {
                Assert.Contains(expected, body, StringComparison.Ordinal);
            }
            Assert.True(body.IndexOf("Hélène", StringComparison.Ordinal) < body.IndexOf("NOT reachable", StringComparison.Ordinal));
            Assert.DoesNotContain("3.00.XX", body, StringComparison.Ordinal);
        }

        [Fact]
        public void An_unknown_version_is_said_in_the_body_and_missing_contact_details_are_marked()
        {
            using var culture = new UICulture("en-US");
            var request = SupportRequestBuilder.Build(Case2(null), null, new ContactDetails(), "0.1.0", Now);

            Assert.Equal("Serveur de connexion 3.00.XX", request.Subject);
            Assert.Contains("IEA version: unknown", request.Body, StringComparison.Ordinal);
            Assert.Contains("3.00.XX", request.Body, StringComparison.Ordinal);
            Assert.Contains("Organisation: (not given)", request.Body, StringComparison.Ordinal);
            Assert.Contains("E-mail: (not given)", request.Body, StringComparison.Ordinal);
        }

        [Fact]
        public void The_body_follows_the_UI_culture()
        {
            using var culture = new UICulture("fr-FR");
            var request = SupportRequestBuilder.Build(Case2(), "3.00.72", Contact, "0.1.0", Now);

            Assert.Contains("Bonjour,", request.Body, StringComparison.Ordinal);
            Assert.Contains("Organisme : Association Les Amis de l'Été", request.Body, StringComparison.Ordinal);
            Assert.Contains("cas 2 de la fiche", request.Body, StringComparison.Ordinal);
            Assert.Contains("INJOIGNABLE (Timeout)", request.Body, StringComparison.Ordinal);
            Assert.Equal("Serveur de connexion 3.00.72", request.Subject);
        }

        [Theory]
        [InlineData("en-US")]
        [InlineData("fr-FR")]
        public void The_body_never_speaks_of_a_password_nor_carries_a_credential(string cultureName)
        {
            using var culture = new UICulture(cultureName);
            var status = Diagnoser.Diagnose(DiagnoserTests.Config(true, true), AuthenticationResult.AuthorizationDenied,
                new[]
                {
                    DiagnoserTests.Result(ServerRole.Authentication, "https://alice:S3cret@impact-emploi.urssaf.fr/", false, ProbeFailure.ProxyAuthenticationRequired),
                }, "PC", Now);
            status.Deviations = new[] { "Authentication server: http://bob:Hunter2@old.example/ (the fiche: https://impact-emploi.urssaf.fr)" };

            var body = SupportRequestBuilder.Build(status, "3.00.72", Contact, "0.1.0", Now).Body;

            Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("mot de passe", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("S3cret", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Hunter2", body, StringComparison.Ordinal);
            Assert.DoesNotContain("alice", body, StringComparison.Ordinal);
            Assert.Contains("https://impact-emploi.urssaf.fr/", body, StringComparison.Ordinal);
            Assert.Contains("http://old.example/", body, StringComparison.Ordinal);
        }

        [Fact]
        public void Contact_details_cannot_break_the_body_s_lines()
        {
            using var culture = new UICulture("en-US");
            var contact = new ContactDetails { Organisation = "Amis\r\nState: Connected" };
            var body = SupportRequestBuilder.Build(Case2(), "3.00.72", contact, "0.1.0", Now).Body;

            Assert.Contains("Organisation: Amis  State: Connected", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\nState: Connected", body, StringComparison.Ordinal);
        }

        [Fact]
        public void Untested_servers_are_said_so()
        {
            using var culture = new UICulture("en-US");
            var status = Diagnoser.Diagnose(DiagnoserTests.Config(false, false), AuthenticationResult.OK, null, "PC", Now);

            var body = SupportRequestBuilder.Build(status, "3.00.72", Contact, "0.1.0", Now).Body;

            Assert.Contains("Servers not tested.", body, StringComparison.Ordinal);
            Assert.Contains("State: NotTested (servers not tested)", body, StringComparison.Ordinal);
            Assert.DoesNotContain("case 0", body, StringComparison.Ordinal);
        }
    }
}
