using ImpactEmploi.Discovery;
using ImpactEmploi.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Discovery
{
    public class SettingClassifierTests
    {
        [Theory]
        [InlineData("ServeurAuthentification", "Connexion", "https://impact-emploi.urssaf.fr", Setting.AuthenticationServer, CandidateConfidence.High)]
        [InlineData("Adresse1", "Divers", "impact-emploi.urssaf.fr", Setting.AuthenticationServer, CandidateConfidence.Medium)]
        [InlineData("Adresse2", "Divers", "https://impact-emploi.urssaf.fr/updates/", Setting.UpdateServer, CandidateConfidence.Medium)]
        [InlineData("URL_MISE_A_JOUR", "", "https://impact-emploi.urssaf.fr", Setting.UpdateServer, CandidateConfidence.High)]
        [InlineData("Adresse3", "", "https://services.net-entreprises.fr/authentifier/1.0/", Setting.NetEntreprisesServer, CandidateConfidence.Medium)]
        [InlineData("ServeurAuthentification", "Connexion", "https://serveur-interne.asso.local", Setting.AuthenticationServer, CandidateConfidence.Medium)]
        [InlineData("proxy_host", "", "10.1.2.3", Setting.ProxyHost, CandidateConfidence.High)]
        [InlineData("Port", "Proxy", "3128", Setting.ProxyPort, CandidateConfidence.Medium)]
        [InlineData("Proxy", "", "proxy.asso.fr:8080", Setting.ProxyHost, CandidateConfidence.Low)]
        [InlineData("TypeConnexion", "", "DIRECT", Setting.ConnectionType, CandidateConfidence.High)]
        [InlineData("Mode", "Connexion", "Sécurisée", Setting.ConnectionMode, CandidateConfidence.High)]
        [InlineData("Securite", "", "SECURISE", Setting.ConnectionMode, CandidateConfidence.Medium)]
        [InlineData("Actif", "Assistance", "Oui", Setting.AssistanceMode, CandidateConfidence.High)]
        [InlineData("MotDePasseDuJour", "Assistance", "x", Setting.DailyPassword, CandidateConfidence.Medium)]
        [InlineData("DerniereConnexion", "Etat", "19/03/2019 09:30", Setting.LastAuthentication, CandidateConfidence.Medium)]
        [InlineData("Statut", "Etat", "LicenceNonReconnue", Setting.LastAuthenticationResult, CandidateConfidence.High)]
        [InlineData("Version", "Application", "3.00.72", Setting.Version, CandidateConfidence.High)]
        public void Recognises_a_setting_from_its_name_and_value(string name, string context, string value, Setting setting, CandidateConfidence confidence)
        {
            var guess = SettingClassifier.Classify(name, context, value);
            Assert.NotNull(guess);
            Assert.Equal((setting, confidence), (guess!.Setting, guess.Confidence));
            Assert.False(string.IsNullOrWhiteSpace(guess.Reason));
        }

        [Theory]
        [InlineData("WindowState", "Affichage", "Normal")]
        [InlineData("Contact", "Support", "impact-emploi-association@urssaf.fr")]
        [InlineData("Homepage", "", "https://www.example.org")]
        [InlineData("version", "assemblyIdentity", "v4.0.30319")]
        [InlineData("Enabled", "Logging", "1")]
        [InlineData("Name", "", "IEA")]
        public void Leaves_values_that_are_not_settings(string name, string context, string value) =>
            Assert.Null(SettingClassifier.Classify(name, context, value));
    }
}
