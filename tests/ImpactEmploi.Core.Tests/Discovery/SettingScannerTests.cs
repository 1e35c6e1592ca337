using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using ImpactEmploi.Discovery;
using ImpactEmploi.Layouts;
using Xunit;

namespace ImpactEmploi.Tests.Discovery
{
    /// <summary>
    /// Synthetic installations that keep the settings under names and places the scanner is never told about:
    /// each test checks that every setting is found where it really is, in the layout's own terms.
    /// </summary>
    public class SettingScannerTests
    {
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

        [Fact]
        public void Finds_every_setting_of_an_INI_file_in_a_subfolder_whatever_its_sections_and_keys()
        {
            using var installation = new SyntheticInstallation();
            installation.Write(@"Parametres\iea-reseau.cfg",
                "; Paramètres de connexion\r\n[Logiciel]\r\nNumeroVersion=3.00.68\r\n[AccesInternet]\r\nTypeDeConnexion=Navigateur\r\n" +
                "HoteProxy=\r\nPortProxy=0\r\nProxySecurise=Non\r\nModeDeConnexion=Sécurisé\r\nServeurAuth=https://impact-emploi.urssaf.fr\r\n" +
                "AdresseMiseAJour=https://impact-emploi.urssaf.fr/updates\r\nAuthNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/\r\n" +
                "[Depannage]\r\nModeAssistance=0\r\n[Affichage]\r\nEtatFenetre=Normal\r\n", Encoding.GetEncoding(28591));

            var found = Scan(installation.Folder);

            AssertIni(found, Setting.Version, "Logiciel", "NumeroVersion", "3.00.68");
            AssertIni(found, Setting.ConnectionType, "AccesInternet", "TypeDeConnexion", "Navigateur");
            AssertIni(found, Setting.ProxyHost, "AccesInternet", "HoteProxy", "");
            AssertIni(found, Setting.ProxyPort, "AccesInternet", "PortProxy", "0");
            AssertIni(found, Setting.ProxySecure, "AccesInternet", "ProxySecurise", "Non");
            AssertIni(found, Setting.ConnectionMode, "AccesInternet", "ModeDeConnexion", "Sécurisé");
            AssertIni(found, Setting.AuthenticationServer, "AccesInternet", "ServeurAuth", "https://impact-emploi.urssaf.fr");
            AssertIni(found, Setting.UpdateServer, "AccesInternet", "AdresseMiseAJour", "https://impact-emploi.urssaf.fr/updates");
            AssertIni(found, Setting.NetEntreprisesServer, "AccesInternet", "AuthNetEntreprises", "https://services.net-entreprises.fr/authentifier/1.0/");
            AssertIni(found, Setting.AssistanceMode, "Depannage", "ModeAssistance", "0");
            Assert.All(found, c => Assert.Equal(Path.Combine("Parametres", "iea-reseau.cfg"), c.RelativePath));
            Assert.All(found, c => Assert.Equal("windows-1252", c.Encoding));
            // A window state "Normal" is not a connection mode.
            Assert.DoesNotContain(found, c => c.Key == "EtatFenetre");
        }

        [Fact]
        public void Finds_settings_in_an_XML_config_as_XPaths_that_select_them_namespaces_included()
        {
            using var installation = new SyntheticInstallation();
            var text =
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n  <startup><supportedRuntime version=\"v4.0\" sku=\".NETFramework,Version=v4.7.2\"/></startup>\r\n" +
                "  <appSettings>\r\n    <add key=\"UrlServeurAuthentification\" value=\"http://impact-emploi.urssaf.fr\"/>\r\n" +
                "    <add key=\"UrlServeurMaj\" value=\"http://impact-emploi.urssaf.fr/updates\"/>\r\n    <add key=\"ApplicationVersion\" value=\"3.00.72\"/>\r\n  </appSettings>\r\n" +
                "  <iea:connexion xmlns:iea=\"urn:urssaf:iea\">\r\n    <iea:proxy actif=\"false\"><iea:serveur>10.0.0.8</iea:serveur><iea:port>8080</iea:port></iea:proxy>\r\n" +
                "    <iea:mode>Etendu</iea:mode>\r\n    <iea:netEntreprises url=\"https://services.net-entreprises.fr/authentifier/1.0/\"/>\r\n  </iea:connexion>\r\n" +
                "  <support><assistance enabled=\"true\"/></support>\r\n</configuration>\r\n";
            var path = installation.Write(@"bin\ImpactEmploi.exe.config", "\uFEFF" + text, new UTF8Encoding(false));

            var found = Scan(installation.Folder);

            var document = new XmlDocument();
            document.Load(path);
            void AssertXml(Setting setting, string xpath, string value)
            {
                var candidate = Best(found, setting);
                Assert.Equal(SettingFormat.Xml, candidate.FormatValue);
                Assert.Equal(xpath, candidate.XPath);
                Assert.Equal(value, candidate.Value);
                var names = new XmlNamespaceManager(document.NameTable);
                foreach (System.Collections.DictionaryEntry pair in candidate.XmlNamespaces ?? new System.Collections.Hashtable())
                {
                    names.AddNamespace((string)pair.Key, (string)pair.Value!);
                }

                var nodes = document.SelectNodes(xpath, names)!;
                Assert.Equal(1, nodes.Count);
                Assert.Equal(value, nodes[0]!.Value ?? nodes[0]!.InnerText);
            }

            AssertXml(Setting.AuthenticationServer, "/configuration/appSettings/add[@key='UrlServeurAuthentification']/@value", "http://impact-emploi.urssaf.fr");
            AssertXml(Setting.UpdateServer, "/configuration/appSettings/add[@key='UrlServeurMaj']/@value", "http://impact-emploi.urssaf.fr/updates");
            AssertXml(Setting.Version, "/configuration/appSettings/add[@key='ApplicationVersion']/@value", "3.00.72");
            AssertXml(Setting.ProxyHost, "/configuration/ns1:connexion/ns1:proxy/ns1:serveur", "10.0.0.8");
            AssertXml(Setting.ProxyPort, "/configuration/ns1:connexion/ns1:proxy/ns1:port", "8080");
            AssertXml(Setting.ConnectionMode, "/configuration/ns1:connexion/ns1:mode", "Etendu");
            AssertXml(Setting.NetEntreprisesServer, "/configuration/ns1:connexion/ns1:netEntreprises/@url", "https://services.net-entreprises.fr/authentifier/1.0/");
            AssertXml(Setting.AssistanceMode, "/configuration/support/assistance/@enabled", "true");
            Assert.Equal("urn:urssaf:iea", Best(found, Setting.ProxyHost).XmlNamespaces!["ns1"]);
            Assert.All(found, c => Assert.Equal("utf-8", c.Encoding));
            // The .NET runtime's version is not IEA's.
            Assert.DoesNotContain(found, c => c.SettingValue == Setting.Version && c.ConfidenceValue > CandidateConfidence.Low && c.Value.StartsWith("v4", StringComparison.Ordinal));
        }

        [Fact]
        public void Finds_settings_in_a_Java_properties_file_with_its_escapes_and_continuations()
        {
            using var installation = new SyntheticInstallation();
            installation.Write(@"jre\conf\iea.properties",
                "# Connexion au serveur\n! autre commentaire\nconnexion.serveur.authentification = https\\://impact-emploi.urssaf.fr\n" +
                "connexion.serveur.miseajour=https\\://impact-emploi.urssaf.fr\\\n    /updates\nconnexion.mode : S\\u00e9curis\\u00e9\n" +
                "reseau.proxy.hote  proxy.asso.fr\nreseau.proxy.port=3128\nreseau.type=Proxy\nassistance.actif=false\napplication.version=3.00.72\n",
                Encoding.GetEncoding(28591));

            var found = Scan(installation.Folder);

            void AssertKey(Setting setting, string key, string value)
            {
                var candidate = Best(found, setting);
                Assert.Equal(SettingFormat.Properties, candidate.FormatValue);
                Assert.Equal(key, candidate.Key);
                Assert.Equal(value, candidate.Value);
                Assert.Null(candidate.Section);
            }

            AssertKey(Setting.AuthenticationServer, "connexion.serveur.authentification", "https://impact-emploi.urssaf.fr");
            AssertKey(Setting.UpdateServer, "connexion.serveur.miseajour", "https://impact-emploi.urssaf.fr/updates");
            AssertKey(Setting.ConnectionMode, "connexion.mode", "Sécurisé");
            AssertKey(Setting.ProxyHost, "reseau.proxy.hote", "proxy.asso.fr");
            AssertKey(Setting.ProxyPort, "reseau.proxy.port", "3128");
            AssertKey(Setting.ConnectionType, "reseau.type", "Proxy");
            AssertKey(Setting.AssistanceMode, "assistance.actif", "false");
            AssertKey(Setting.Version, "application.version", "3.00.72");
            Assert.Equal("iso-8859-1", found[0].Encoding);
        }

        [Fact]
        public void Finds_settings_in_a_JSON_file_as_property_paths_with_array_indexes()
        {
            using var installation = new SyntheticInstallation();
            installation.Write("settings.json",
                "{\n  \"app\": { \"name\": \"IEA\", \"version\": \"3.00.72\" },\n  \"connection\": {\n    \"kind\": \"Direct\",\n    \"securityMode\": \"Normal\",\n" +
                "    \"servers\": [\n      { \"role\": \"auth\", \"url\": \"http://impact-emploi.urssaf.fr\" },\n" +
                "      { \"role\": \"updates\", \"url\": \"http://impact-emploi.urssaf.fr/updates\" }\n    ],\n" +
                "    \"netEntreprisesUrl\": \"https:\\/\\/services.net-entreprises.fr\\/authentifier\\/1.0\\/\",\n" +
                "    \"proxy\": { \"host\": null, \"port\": 0, \"useSsl\": false }\n  },\n  \"offlineMode\": true\n}\n");

            var found = Scan(installation.Folder);

            void AssertPath(Setting setting, string jsonPath, string value)
            {
                var candidate = Best(found, setting);
                Assert.Equal(SettingFormat.Json, candidate.FormatValue);
                Assert.Equal(jsonPath, candidate.JsonPath);
                Assert.Equal(value, candidate.Value);
            }

            AssertPath(Setting.Version, "app.version", "3.00.72");
            AssertPath(Setting.ConnectionType, "connection.kind", "Direct");
            AssertPath(Setting.ConnectionMode, "connection.securityMode", "Normal");
            AssertPath(Setting.AuthenticationServer, "connection.servers[0].url", "http://impact-emploi.urssaf.fr");
            AssertPath(Setting.UpdateServer, "connection.servers[1].url", "http://impact-emploi.urssaf.fr/updates");
            AssertPath(Setting.NetEntreprisesServer, "connection.netEntreprisesUrl", "https://services.net-entreprises.fr/authentifier/1.0/");
            AssertPath(Setting.ProxyHost, "connection.proxy.host", "");
            AssertPath(Setting.ProxyPort, "connection.proxy.port", "0");
            AssertPath(Setting.ProxySecure, "connection.proxy.useSsl", "false");
            AssertPath(Setting.AssistanceMode, "offlineMode", "true");
            Assert.All(found, c => Assert.Equal("utf-8", c.Encoding));
        }

        [Fact]
        public void Does_not_follow_links_out_of_the_installation()
        {
            using var installation = new SyntheticInstallation();
            var outside = Path.Combine(installation.Root, "elsewhere");
            Directory.CreateDirectory(outside);
            var outsideFile = Path.Combine(outside, "other.ini");
            File.WriteAllText(outsideFile, "[Connexion]\r\nServeurAuthentification=https://impact-emploi.urssaf.fr\r\n");
            Directory.CreateSymbolicLink(Path.Combine(installation.Folder, "linked-folder"), outside);
            File.CreateSymbolicLink(Path.Combine(installation.Folder, "linked.ini"), outsideFile);
            installation.Write("own.ini", "[Connexion]\r\nServeurMiseAJour=https://impact-emploi.urssaf.fr/updates\r\n");

            var found = Scan(installation.Folder);

            var only = Assert.Single(found);
            Assert.Equal(Path.Combine(installation.Folder, "own.ini"), only.Location);
        }

        [Fact]
        public void Skips_binary_files_by_their_first_bytes_and_files_over_the_size_cap()
        {
            using var installation = new SyntheticInstallation();
            var settings = "[Connexion]\r\nServeurAuthentification=https://impact-emploi.urssaf.fr\r\n";
            installation.Write("small.ini", settings);
            // Binary: a NUL in the first bytes, then lines the lenient .properties reader would otherwise find.
            var binary = new byte[] { 0x4D, 0x5A, 0x00, 0x01 }.Concat(Encoding.ASCII.GetBytes("\nconnexion.serveur.authentification=https://impact-emploi.urssaf.fr\n")).ToArray();
            installation.Write("settings.properties", binary);
            // Too large: the same text padded past the cap.
            installation.Write(@"big\huge.ini", settings + new string(';', 8192) + "\r\n");

            var found = new SettingScanner(new ScanLimits { MaxFileBytes = 4096 }).Scan(installation.Folder);

            var only = Assert.Single(found);
            Assert.Equal(Path.Combine(installation.Folder, "small.ini"), only.Location);
        }

        [Fact]
        public void Reads_only_the_head_of_files_that_are_not_text()
        {
            using var installation = new SyntheticInstallation();
            var random = new Random(15);
            for (var i = 0; i < 40; i++)
            {
                var bytes = new byte[200_000];
                random.NextBytes(bytes);
                bytes[10] = 0;
                installation.Write($@"data\blob{i}.bin2", bytes);
            }

            installation.Write("ImpactEmploi.ini", "[Connexion]\r\nMode=Securise\r\n");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var found = Scan(installation.Folder);
            Assert.True(watch.Elapsed < HangGuard, "hang guard only: the scan must finish at all");

            Assert.Equal(Setting.ConnectionMode, Assert.Single(found).SettingValue);
        }

        [Fact]
        public void A_missing_folder_is_InstallationNotFound()
        {
            var error = Assert.Throws<IeaException>(() => Scan(Path.Combine(Path.GetTempPath(), "iea-none-" + Guid.NewGuid().ToString("N"))));
            Assert.Equal(ErrorIds.InstallationNotFound, error.ErrorId);
        }

        [Fact]
        public void Ignores_the_modules_own_backups()
        {
            using var installation = new SyntheticInstallation();
            installation.Write("ImpactEmploi.ini", "[Connexion]\r\nMode=Securise\r\n");
            installation.Write(@"ImpactEmploi.PS\ImpactEmploi.ini.20260101-120000.bak", "[Connexion]\r\nMode=Normal\r\n");

            Assert.Equal("Securise", Assert.Single(Scan(installation.Folder)).Value);
        }

        internal static List<IeaSettingCandidate> Scan(string folder) => new SettingScanner().Scan(folder);

        internal static IeaSettingCandidate Best(IEnumerable<IeaSettingCandidate> found, Setting setting)
        {
            var candidates = found.Where(c => c.SettingValue == setting).OrderByDescending(c => c.ConfidenceValue).ToList();
            Assert.True(candidates.Count > 0, "no candidate for " + setting + " among: " + string.Join(" | ", found));
            return candidates[0];
        }

        private static void AssertIni(List<IeaSettingCandidate> found, Setting setting, string section, string key, string value)
        {
            var candidate = Best(found, setting);
            Assert.Equal(SettingFormat.Ini, candidate.FormatValue);
            Assert.Equal((section, key, value), (candidate.Section, candidate.Key, candidate.Value));
        }
    }
}
