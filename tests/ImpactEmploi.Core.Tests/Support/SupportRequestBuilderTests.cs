using System;
using System.Linq;
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

        [Theory]
        [InlineData("en-US")]
        [InlineData("fr-FR")]
        public void The_body_is_French_whatever_the_UI_culture_with_the_contact_details_then_the_diagnosis(string cultureName)
        {
            using var culture = new UICulture(cultureName);
            var body = SupportRequestBuilder.Build(Case2(), "3.00.72", Contact, "0.1.0", Now).Body;

            foreach (var expected in new[]
            {
                "Bonjour,", "Organisme : Association Les Amis de l'Été", "Contact : Hélène Dupré", "Téléphone : 01 23 45 67 89",
                "Courriel : tresorier@amis-ete.example", "ImpactEmploi.PS 0.1.0", "2019-03-19 10:30 +01:00", "Poste : PC-ACCUEIL",
                @"C:\ImpactEmploi", "Version d'IEA : 3.00.72", "État : serveurs injoignables, cas 2 de la fiche",
                "Serveur de mise à jour https://impact-emploi.urssaf.fr/updates : INJOIGNABLE : le serveur n'a pas répondu à temps",
                "Serveur d'authentification https://impact-emploi.urssaf.fr/ : joignable",
                "Dernière authentification enregistrée par IEA : échec, serveur non joint",
            })
            {
                Assert.Contains(expected, body, StringComparison.Ordinal);
            }
            Assert.True(body.IndexOf("Hélène", StringComparison.Ordinal) < body.IndexOf("INJOIGNABLE", StringComparison.Ordinal));
            Assert.DoesNotContain("3.00.XX", body, StringComparison.Ordinal);
            // No English word outside the quoted technical detail: states, failures, roles and results are in French.
            var outsideDetail = string.Join("\n", body.Split('\n').Where(line => !line.TrimStart().StartsWith("Détail technique", StringComparison.Ordinal)));
            foreach (var english in new[] { "Disconnected", "Timeout", "ConnectionFailed", "Authentication ", "Update ", "reachable", "case", "State" })
            {
                Assert.DoesNotContain(english, outsideDetail, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void The_body_ends_with_a_polite_closing_signed_with_the_contact_s_name_and_organisation()
        {
            using var culture = new UICulture("en-US");
            var body = SupportRequestBuilder.Build(Case2(), "3.00.72", Contact, "0.1.0", Now).Body;

            Assert.EndsWith("Nous vous remercions par avance de votre aide.\r\n\r\nCordialement,\r\nHélène Dupré\r\nAssociation Les Amis de l'Été\r\n", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Merci.", body, StringComparison.Ordinal);
        }

        [Fact]
        public void A_failing_server_s_technical_message_is_labelled_as_such()
        {
            using var culture = new UICulture("en-US");
            var body = SupportRequestBuilder.Build(Case2(), "3.00.72", Contact, "0.1.0", Now).Body;

            Assert.Contains("      Détail technique : https://impact-emploi.urssaf.fr/updates did not answer in time", body, StringComparison.Ordinal);
        }

        [Fact]
        public void An_unknown_version_is_said_in_the_body_and_missing_contact_details_are_marked()
        {
            using var culture = new UICulture("en-US");
            var request = SupportRequestBuilder.Build(Case2(null), null, new ContactDetails(), "0.1.0", Now);

            Assert.Equal("Serveur de connexion 3.00.XX", request.Subject);
            Assert.Contains("Version d'IEA : inconnue", request.Body, StringComparison.Ordinal);
            Assert.Contains("3.00.XX", request.Body, StringComparison.Ordinal);
            Assert.Contains("Organisme : (non renseigné)", request.Body, StringComparison.Ordinal);
            Assert.Contains("Courriel : (non renseigné)", request.Body, StringComparison.Ordinal);
            Assert.EndsWith("Cordialement,\r\n", request.Body, StringComparison.Ordinal);
        }

        [Fact]
        public void No_contact_detail_at_all_is_told_apart_from_some()
        {
            Assert.True(SupportRequestBuilder.HasNoContact(null));
            Assert.True(SupportRequestBuilder.HasNoContact(new ContactDetails { Organisation = " " }));
            Assert.False(SupportRequestBuilder.HasNoContact(new ContactDetails { Phone = "01 02 03 04 05" }));
        }

        [Fact]
        public void Every_failure_word_has_a_French_reason()
        {
            foreach (var failure in Enum.GetValues<ProbeFailure>())
            {
                var reason = SupportRequestBuilder.FailureInFrench(failure);
                Assert.False(string.IsNullOrWhiteSpace(reason));
                Assert.DoesNotContain(failure.ToString(), reason, StringComparison.Ordinal);
                Assert.NotEqual(SupportRequestBuilder.FailureInFrench((ProbeFailure)999), reason);
            }
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
            var contact = new ContactDetails { Organisation = "Amis\r\nÉtat : connecté" };
            var body = SupportRequestBuilder.Build(Case2(), "3.00.72", contact, "0.1.0", Now).Body;

            Assert.Contains("Organisme : Amis  État : connecté", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\nÉtat : connecté", body, StringComparison.Ordinal);
        }

        [Fact]
        public void Untested_servers_are_said_so()
        {
            using var culture = new UICulture("en-US");
            var status = Diagnoser.Diagnose(DiagnoserTests.Config(false, false), AuthenticationResult.OK, null, "PC", Now);

            var body = SupportRequestBuilder.Build(status, "3.00.72", Contact, "0.1.0", Now).Body;

            Assert.Contains("Serveurs non testés.", body, StringComparison.Ordinal);
            Assert.Contains("État : serveurs non testés", body, StringComparison.Ordinal);
            Assert.DoesNotContain("cas 0", body, StringComparison.Ordinal);
        }
    }
}
