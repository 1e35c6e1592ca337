using System.Collections;
using ImpactEmploi.Layouts;

namespace ImpactEmploi.Tests.Layouts
{
    /// <summary>Hand-written layouts for the XML, .properties and JSON stores: the default layout's words, other locations.</summary>
    internal static class FormatLayoutTestData
    {
        public static readonly string[] Settings =
        {
            "Version", "ConnectionType", "ProxyHost", "ProxyPort", "ProxySecure", "ConnectionMode", "AuthenticationServer",
            "UpdateServer", "NetEntreprisesServer", "AssistanceMode", "DailyPassword", "LastAuthentication", "LastAuthenticationResult",
        };

        /// <summary>The default layout with Format and, per setting, one location field (field = location) instead of Section/Key.</summary>
        public static Hashtable With(string format, string field, params string[] locations)
        {
            var data = LayoutTestData.Default();
            data["Format"] = format;
            data["FileName"] = format switch { "Xml" => "ImpactEmploi.config", "Json" => "ImpactEmploi.json", _ => "ImpactEmploi.properties" };
            data.Remove("Encoding");
            var settings = (Hashtable)data["Settings"]!;
            for (int i = 0; i < Settings.Length; i++)
            {
                var location = (Hashtable)settings[Settings[i]]!;
                location.Remove("Section");
                location.Remove("Key");
                location[field] = locations[i];
            }

            return data;
        }

        public static IeaLayout Properties() => LayoutParser.FromData(With("Properties", "Key",
            "application.version", "connexion.type", "connexion.proxy.adresse", "connexion.proxy.port", "connexion.proxy.securise",
            "connexion.mode", "connexion.serveur.authentification", "connexion.serveur.miseajour", "connexion.serveur.netentreprises",
            "assistance.actif", "assistance.motdepasse", "etat.derniere", "etat.resultat"), "properties.psd1");

        public static IeaLayout Xml()
        {
            string A(string key) => "/configuration/appSettings/add[@key='" + key + "']/@value";
            var data = With("Xml", "XPath",
                "/configuration/iea:application/iea:version", A("Type"), A("ProxyAdresse"), A("ProxyPort"), A("ProxySecurise"), A("Mode"),
                A("ServeurAuthentification"), A("ServeurMiseAJour"), A("AuthentificationNetEntreprises"), A("AssistanceActive"),
                A("MotDePasseDuJour"), "/configuration/iea:application/iea:etat/@derniere", "/configuration/iea:application/iea:etat");
            data["XmlNamespaces"] = new Hashtable { ["iea"] = "urn:urssaf:impact-emploi" };
            return LayoutParser.FromData(data, "xml.psd1");
        }

        public static IeaLayout Json() => LayoutParser.FromData(With("Json", "JsonPath",
            "application.version", "connexion.type", "connexion.proxy.adresse", "connexion.proxy.port", "connexion.proxy.securise",
            "connexion.mode", "connexion.serveurs[0].url", "connexion.serveurs[1].url", "connexion.netEntreprises",
            "assistance.actif", "assistance.motDePasse", "etat.derniere", "etat.resultat"), "json.psd1");
    }
}
