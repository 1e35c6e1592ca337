using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ImpactEmploi.Layouts;
using ImpactEmploi.Resources;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// Decides whether a named value looks like one of the fiche's settings, from its value (an address on urssaf.fr,
    /// a port, a connection word) and from the words of its name (the key: strong) and of what holds it (section,
    /// parent elements, registry key, file name: weak). French and English words, with or without accents.
    /// </summary>
    internal static class SettingClassifier
    {
        private static readonly Regex VersionPattern = new Regex(@"^\d+(\.\d+){1,3}$", RegexOptions.CultureInvariant);
        private static readonly Regex HostPattern = new Regex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly string[] ServiceDomains = { "urssaf.fr", "net-entreprises.fr" };
        private static readonly string[] UpdateWords = { "miseajour", "majserveur", "serveurmaj", "urlmaj", "maj", "update", "upd", "telecharg", "download" };
        private static readonly string[] AuthenticationWords = { "auth", "login", "identif", "connexion", "connection", "connect" };
        private static readonly string[] NetEntreprisesWords = { "netentreprise", "netent" };
        private static readonly string[] ConnectionContext = { "connexion", "connection", "connect", "reseau", "network", "serveur", "server", "proxy", "acces", "access", "internet" };
        private static readonly string[] ForeignContext = { "assembly", "framework", "runtime", "schema", "dependen", "java", "jre", "jdk", "dotnet", "sdk", "supported", "binding", "codebase", "xmlns" };
        private static readonly string[] ProxyHostWords = { "adresse", "address", "addr", "host", "hote", "serveur", "server", "url", "nom", "name", "ip" };
        private static readonly string[] SecureWords = { "securise", "secure", "secur", "ssl", "https", "tls" };
        private static readonly string[] ActiveWords = { "actif", "active", "activ", "enabled", "enable", "mode", "etat", "state", "statut", "status" };
        private static readonly string[] PasswordWords = { "motdepasse", "password", "passwd", "pwd", "mdp" };
        private static readonly string[] DayWords = { "jour", "day", "daily", "assistance" };

        private static readonly char[] HostEnd = { ':', '/' };
        private static readonly string[] ResultWords = { "resultat", "result", "statut", "status", "etat", "state" };
        private static readonly string[] FailureWords = { "echecconnexion", "autorisationrefusee", "licencenonreconnue", "connectionfailed", "authorizationdenied", "licensenotrecognized" };
        private static readonly string[] ApplicationWords = { "application", "appli", "logiciel", "programme", "program", "impact", "iea", "emploi" };

        public static SettingGuess? Classify(string name, string context, string value)
        {
            var key = Normalize(name);
            var around = Normalize(context);
            var trimmed = (value ?? "").Trim();
            var word = Normalize(trimmed);
            if (key.Length == 0)
            {
                return null;
            }

            return Address(name, context, key, around, trimmed)
                ?? Proxy(name, context, key, around, trimmed)
                ?? ConnectionTypeWord(name, context, key, around, word, trimmed)
                ?? ConnectionModeWord(name, context, key, around, word, trimmed)
                ?? Assistance(name, context, key, around, trimmed)
                ?? Password(name, context, key, around)
                ?? LastResult(name, context, key, around, word, trimmed)
                ?? LastAuthentication(name, context, key, trimmed)
                ?? VersionNumber(name, context, key, around, trimmed);
        }

        /// <summary>Lower case, accents removed, letters and digits only: "ServeurMiseÀJour" and "serveur.mise_a_jour" meet.</summary>
        public static string Normalize(string text)
        {
            var decomposed = (text ?? "").Normalize(NormalizationForm.FormD);
            var result = new StringBuilder(decomposed.Length);
            foreach (var c in decomposed)
            {
                if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    result.Append(char.ToLowerInvariant(c));
                }
            }

            return result.ToString();
        }

        /// <summary>The host of an absolute http(s) address or of a bare host name with an optional port and path; null otherwise.</summary>
        public static string? HostOf(string value)
        {
            if (value.Length == 0 || value.Contains("@"))
            {
                return null;
            }

            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri.Host;
            }

            var end = value.IndexOfAny(HostEnd);
            var host = end < 0 ? value : value.Substring(0, end);
            return host.Contains(".") && HostPattern.IsMatch(host) ? host : null;
        }

        private static SettingGuess? Address(string name, string context, string key, string around, string value)
        {
            var host = HostOf(value);
            var domain = host == null ? null : ServiceDomains.FirstOrDefault(d => host.Equals(d, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
            if (domain == null)
            {
                // A server the name announces, pointing elsewhere (a custom server) or not set yet.
                var named = NamedServer(key);
                var isAddress = value.Length == 0 || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                return named != null && isAddress && !Has(key, "proxy")
                    ? new SettingGuess(named.Value, value.Length == 0 ? CandidateConfidence.Low : CandidateConfidence.Medium, Text.Format("FindReasonNameOnly", name))
                    : null;
            }

            var because = Text.Format("FindReasonHost", domain);
            if (domain == "net-entreprises.fr")
            {
                return new SettingGuess(Setting.NetEntreprisesServer, HasAny(key, NetEntreprisesWords) || HasAny(key, AuthenticationWords) ? CandidateConfidence.High : CandidateConfidence.Medium,
                    because);
            }

            if (HasAny(key, NetEntreprisesWords))
            {
                return new SettingGuess(Setting.NetEntreprisesServer, CandidateConfidence.Medium, because + "; " + Text.Format("FindReasonName", name));
            }

            if (HasAny(key, UpdateWords))
            {
                return new SettingGuess(Setting.UpdateServer, CandidateConfidence.High, because + "; " + Text.Format("FindReasonName", name));
            }

            var path = Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri.AbsolutePath : value;
            if (Normalize(path).Contains("update") || Normalize(path).Contains("maj"))
            {
                return new SettingGuess(Setting.UpdateServer, CandidateConfidence.Medium, because + "; " + Text.Get("FindReasonUpdatePath"));
            }

            var sure = HasAny(key, AuthenticationWords) || Has(key, "serveur") || Has(key, "server") || Has(key, "url");
            return new SettingGuess(Setting.AuthenticationServer, sure ? CandidateConfidence.High : CandidateConfidence.Medium,
                sure ? because + "; " + Text.Format("FindReasonName", name) : because);
        }

        private static Setting? NamedServer(string key)
        {
            var isServer = Has(key, "serveur") || Has(key, "server") || Has(key, "url") || Has(key, "adresse") || Has(key, "address");
            if (HasAny(key, NetEntreprisesWords))
            {
                return Setting.NetEntreprisesServer;
            }

            if (!isServer)
            {
                return null;
            }

            return HasAny(key, UpdateWords) ? Setting.UpdateServer
                : HasAny(key, AuthenticationWords) ? Setting.AuthenticationServer
                : (Setting?)null;
        }

        private static SettingGuess? Proxy(string name, string context, string key, string around, string value)
        {
            var inKey = Has(key, "proxy");
            if (!inKey && !Has(around, "proxy"))
            {
                return null;
            }

            var strength = inKey ? CandidateConfidence.High : CandidateConfidence.Medium;
            var because = Text.Format("FindReasonName", inKey ? name : context);
            if (Has(key, "port"))
            {
                return value.Length == 0 || IsPort(value)
                    ? new SettingGuess(Setting.ProxyPort, strength, because + "; " + Text.Get("FindReasonPort"))
                    : null;
            }

            if (HasAny(key, SecureWords))
            {
                return value.Length == 0 || IsBoolean(value)
                    ? new SettingGuess(Setting.ProxySecure, strength, because + "; " + Text.Get("FindReasonBoolean"))
                    : null;
            }

            if (HasAny(key, ProxyHostWords) && !IsBoolean(value) && ConnectionTypeOf(Normalize(value)) == null)
            {
                return new SettingGuess(Setting.ProxyHost, strength, because);
            }

            var colon = value.LastIndexOf(':');
            if (inKey && key == "proxy" && colon > 0 && IsPort(value.Substring(colon + 1)) && HostOf(value.Substring(0, colon)) != null)
            {
                return new SettingGuess(Setting.ProxyHost, CandidateConfidence.Low, because + "; " + Text.Get("FindReasonHostAndPort"));
            }

            return null;
        }

        private static SettingGuess? ConnectionTypeWord(string name, string context, string key, string around, string word, string value)
        {
            if (ConnectionTypeOf(word) == null)
            {
                return null;
            }

            var because = Text.Format("FindReasonWord", value);
            if (Has(key, "type") || ((Has(key, "connexion") || Has(key, "connection")) && !Has(key, "mode")))
            {
                return new SettingGuess(Setting.ConnectionType, CandidateConfidence.High, because + "; " + Text.Format("FindReasonName", name));
            }

            if (Has(key, "proxy") || Has(key, "acces") || Has(key, "access") || Has(key, "mode"))
            {
                return new SettingGuess(Setting.ConnectionType, CandidateConfidence.Medium, because + "; " + Text.Format("FindReasonName", name));
            }

            // "Proxy" or "Direct" alone under an unrelated name says little.
            return HasAny(around, ConnectionContext) && word != "ie"
                ? new SettingGuess(Setting.ConnectionType, CandidateConfidence.Low, because + "; " + Text.Format("FindReasonContext", context.Trim()))
                : null;
        }

        private static SettingGuess? ConnectionModeWord(string name, string context, string key, string around, string word, string value)
        {
            var mode = ConnectionModeOf(word);
            if (mode == null)
            {
                return null;
            }

            var because = Text.Format("FindReasonWord", value);
            var connectionNamed = HasAny(key, ConnectionContext) || HasAny(around, ConnectionContext);
            if (Has(key, "mode") && connectionNamed)
            {
                return new SettingGuess(Setting.ConnectionMode, CandidateConfidence.High, because + "; " + Text.Format("FindReasonName", name));
            }

            if (Has(key, "mode"))
            {
                return new SettingGuess(Setting.ConnectionMode, CandidateConfidence.Medium, because + "; " + Text.Format("FindReasonName", name));
            }

            // "Normal" is too common a word to mean anything without "mode" in its name.
            if (mode == ConnectionMode.Normal)
            {
                return null;
            }

            return connectionNamed || Has(key, "securite") || Has(key, "niveau") || Has(key, "level")
                ? new SettingGuess(Setting.ConnectionMode, CandidateConfidence.Medium, because + "; " + Text.Format("FindReasonName", name))
                : new SettingGuess(Setting.ConnectionMode, CandidateConfidence.Low, because);
        }

        private static SettingGuess? Assistance(string name, string context, string key, string around, string value)
        {
            if (!IsBoolean(value))
            {
                return null;
            }

            if (Has(key, "assistance"))
            {
                return new SettingGuess(Setting.AssistanceMode, CandidateConfidence.High, Text.Format("FindReasonName", name) + "; " + Text.Get("FindReasonBoolean"));
            }

            if (Has(around, "assistance") && HasAny(key, ActiveWords))
            {
                return new SettingGuess(Setting.AssistanceMode, CandidateConfidence.High, Text.Format("FindReasonContext", context.Trim()) + "; " + Text.Get("FindReasonBoolean"));
            }

            return Has(key, "horsligne") || Has(key, "offline") || Has(key, "deconnecte")
                ? new SettingGuess(Setting.AssistanceMode, CandidateConfidence.Medium, Text.Format("FindReasonName", name) + "; " + Text.Get("FindReasonBoolean"))
                : null;
        }

        private static SettingGuess? Password(string name, string context, string key, string around) =>
            HasAny(key, PasswordWords) && (HasAny(key, DayWords) || HasAny(around, DayWords))
                ? new SettingGuess(Setting.DailyPassword, CandidateConfidence.Medium, Text.Format("FindReasonName", name))
                : null;

        private static SettingGuess? LastResult(string name, string context, string key, string around, string word, string value)
        {
            var named = HasAny(key, ResultWords);
            var distinct = FailureWords.Contains(word);
            if (distinct)
            {
                return new SettingGuess(Setting.LastAuthenticationResult, named ? CandidateConfidence.High : CandidateConfidence.Medium, Text.Format("FindReasonWord", value));
            }

            var authNamed = HasAny(key, AuthenticationWords) || HasAny(around, AuthenticationWords) || Has(around, "etat") || Has(around, "state");
            return word == "ok" && named && authNamed
                ? new SettingGuess(Setting.LastAuthenticationResult, CandidateConfidence.Medium, Text.Format("FindReasonWord", value) + "; " + Text.Format("FindReasonName", name))
                : null;
        }

        private static SettingGuess? LastAuthentication(string name, string context, string key, string value)
        {
            var named = (Has(key, "derniere") || Has(key, "dernier") || Has(key, "last") || Has(key, "date")) && HasAny(key, AuthenticationWords);
            return named && value.Length >= 8 && IsDate(value)
                ? new SettingGuess(Setting.LastAuthentication, CandidateConfidence.Medium, Text.Format("FindReasonName", name) + "; " + Text.Get("FindReasonDate"))
                : null;
        }

        private static SettingGuess? VersionNumber(string name, string context, string key, string around, string value)
        {
            if (!Has(key, "version") || !VersionPattern.IsMatch(value))
            {
                return null;
            }

            if (HasAny(key, ForeignContext) || HasAny(around, ForeignContext))
            {
                return new SettingGuess(Setting.Version, CandidateConfidence.Low, Text.Get("FindReasonVersion") + "; " + Text.Format("FindReasonForeignContext", context.Trim()));
            }

            var ours = HasAny(key + around, ApplicationWords);
            return new SettingGuess(Setting.Version, ours ? CandidateConfidence.High : CandidateConfidence.Medium,
                Text.Get("FindReasonVersion") + "; " + Text.Format("FindReasonName", name));
        }

        /// <summary>The connection type a word names (IEA's own words and likely spellings).</summary>
        public static ConnectionType? ConnectionTypeOf(string word) => word switch
        {
            "direct" or "directe" or "connexiondirecte" or "directconnection" => ConnectionType.Direct,
            "proxy" or "serveurproxy" or "proxyserver" => ConnectionType.Proxy,
            "navigateur" or "navigator" or "browser" or "ie" or "internetexplorer" or "systeme" or "system" or "systemproxy" or "parametresie" => ConnectionType.SystemProxy,
            _ => null,
        };

        /// <summary>The connection mode a word names.</summary>
        public static ConnectionMode? ConnectionModeOf(string word) => word switch
        {
            "normal" or "normale" => ConnectionMode.Normal,
            "etendu" or "etendue" or "extended" or "extend" => ConnectionMode.Extended,
            "securise" or "securisee" or "secure" or "secured" or "securite" => ConnectionMode.Secure,
            _ => null,
        };

        /// <summary>True or False for the yes/no words settings files use; null otherwise.</summary>
        public static bool? BooleanOf(string value) => Normalize(value) switch
        {
            "1" or "true" or "vrai" or "oui" or "yes" or "on" or "o" or "y" => true,
            "0" or "false" or "faux" or "non" or "no" or "off" or "n" => false,
            _ => null,
        };

        public static bool IsBoolean(string value) => BooleanOf(value) != null;

        public static bool IsPort(string value) =>
            int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535;

        private static bool IsDate(string value) =>
            DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || DateTime.TryParse(value, CultureInfo.GetCultureInfo("fr-FR"), DateTimeStyles.None, out _);

        private static bool Has(string text, string word) => text.IndexOf(word, StringComparison.Ordinal) >= 0;

        private static bool HasAny(string text, string[] words) => words.Any(w => Has(text, w));
    }
}
