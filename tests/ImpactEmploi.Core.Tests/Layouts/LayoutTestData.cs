using System.Collections;
using ImpactEmploi.Layouts;

namespace ImpactEmploi.Tests.Layouts
{
    /// <summary>The default layout as the .psd1 parser hands it to Core: nested hashtables, strings and arrays.</summary>
    internal static class LayoutTestData
    {
        public static Hashtable Default() => new Hashtable
        {
            ["Name"] = "Default",
            ["FileName"] = "ImpactEmploi.ini",
            ["Encoding"] = "windows-1252",
            ["Settings"] = new Hashtable
            {
                ["Version"] = Location("Application", "Version"),
                ["ConnectionType"] = Location("Connexion", "Type", new Hashtable { ["Direct"] = "Direct", ["Proxy"] = "Proxy", ["SystemProxy"] = "Navigateur" }),
                ["ProxyHost"] = Location("Connexion", "ProxyAdresse"),
                ["ProxyPort"] = Location("Connexion", "ProxyPort"),
                ["ProxySecure"] = Location("Connexion", "ProxySecurise", new Hashtable { ["True"] = "1", ["False"] = "0" }),
                ["ConnectionMode"] = Location("Connexion", "Mode", new Hashtable { ["Normal"] = "Normal", ["Extended"] = "Etendu", ["Secure"] = new object[] { "Securise", "Sécurisé" } }),
                ["AuthenticationServer"] = Location("Connexion", "ServeurAuthentification"),
                ["UpdateServer"] = Location("Connexion", "ServeurMiseAJour"),
                ["NetEntreprisesServer"] = Location("Connexion", "AuthentificationNetEntreprises"),
                ["AssistanceMode"] = Location("Assistance", "Actif", new Hashtable { ["True"] = "1", ["False"] = "0" }),
                ["DailyPassword"] = Location("Assistance", "MotDePasseDuJour"),
                ["LastAuthentication"] = Location("Etat", "DerniereAuthentification"),
                ["LastAuthenticationResult"] = Location("Etat", "Resultat", new Hashtable
                {
                    ["OK"] = "OK", ["ConnectionFailed"] = "EchecConnexion", ["AuthorizationDenied"] = "AutorisationRefusee", ["LicenseNotRecognized"] = "LicenceNonReconnue",
                }),
            },
            ["Processes"] = new Hashtable { ["Application"] = "ImpactEmploi.exe", ["ConnectionProgram"] = "ServeurConnexion.exe" },
            ["OfficialHosts"] = new object[] { "impact-emploi.urssaf.fr", "services.net-entreprises.fr" },
            ["Recommended"] = new Hashtable
            {
                ["ConnectionMode"] = "Secure",
                ["AuthenticationServer"] = "https://impact-emploi.urssaf.fr",
                ["UpdateServer"] = "https://impact-emploi.urssaf.fr/updates",
                ["NetEntreprisesServer"] = "https://services.net-entreprises.fr/authentifier/1.0/",
            },
        };

        public static IeaLayout DefaultLayout() => LayoutParser.FromData(Default(), "test.psd1");

        private static Hashtable Location(string section, string key, Hashtable? values = null)
        {
            var location = new Hashtable { ["Section"] = section, ["Key"] = key };
            if (values != null)
            {
                location["Values"] = values;
            }

            return location;
        }
    }
}
