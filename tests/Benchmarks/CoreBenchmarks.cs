using System;
using System.Collections;
using BenchmarkDotNet.Attributes;
using ImpactEmploi.Configuration;
using ImpactEmploi.Diagnosis;
using ImpactEmploi.Ini;
using ImpactEmploi.Layouts;

namespace ImpactEmploi.Benchmarks
{
    /// <summary>
    /// What every command does per installation: parse the settings file, read the connection settings through the
    /// layout, diagnose; what a writer adds: compare with the fiche (a no-op when already right), set a value, write.
    /// </summary>
    [MemoryDiagnoser]
    public class CoreBenchmarks
    {
        private const string Folder = "/iea";
        private const string ConfigPath = "/iea/ImpactEmploi.ini";
        private readonly DateTimeOffset _now = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
        private IeaLayout _layout = null!;
        private byte[] _legacyBytes = null!;
        private IniDocument _legacy = null!;
        private IniDocument _compliant = null!;
        private IniDocument _scratch = null!;
        private IeaServerConfig _legacyConfig = null!;
        private DesiredSettings _recommended = null!;
        private bool _flip;

        [GlobalSetup]
        public void Setup()
        {
            _layout = LayoutParser.FromData(DefaultLayout(), "Default.psd1");
            _legacyBytes = _layout.DefaultEncoding.GetBytes(Ini(
                "http://impact-emploi.urssaf.fr", "http://impact-emploi.urssaf.fr/updates", "Normal"));
            _legacy = IniDocument.Parse(_legacyBytes, ConfigPath, _layout.DefaultEncoding);
            _compliant = IniDocument.Parse(_layout.DefaultEncoding.GetBytes(Ini(
                "https://impact-emploi.urssaf.fr", "https://impact-emploi.urssaf.fr/updates", "Securise")), ConfigPath, _layout.DefaultEncoding);
            _scratch = IniDocument.Parse(_legacyBytes, ConfigPath, _layout.DefaultEncoding);
            _legacyConfig = ServerConfigReader.Read(_legacy, Folder, ConfigPath, _layout);
            _recommended = DesiredSettings.Recommended(_layout.Recommended);
            if (ConfigEditor.Apply(IniDocument.Parse(_compliant.ToBytes(), ConfigPath, _layout.DefaultEncoding), _layout, _recommended).Count != 0)
            {
                throw new InvalidOperationException("The compliant file is not compliant: the no-op benchmark would measure a change.");
            }
        }

        /// <summary>IniDocument.Parse of a typical settings file (18 lines, Windows-1252, CRLF).</summary>
        [Benchmark]
        public IniDocument IniParse() => IniDocument.Parse(_legacyBytes, ConfigPath, _layout.DefaultEncoding);

        /// <summary>Parse, then ToBytes (what a write does around its changes).</summary>
        [Benchmark]
        public byte[] IniParseToBytes() => IniDocument.Parse(_legacyBytes, ConfigPath, _layout.DefaultEncoding).ToBytes();

        /// <summary>IniDocument.SetValue of an existing key to a different value (alternating, so every call changes it).</summary>
        [Benchmark]
        public bool IniSetValue()
        {
            _flip = !_flip;
            return _scratch.SetValue("Connexion", "Mode", _flip ? "Securise" : "Normal");
        }

        /// <summary>ServerConfigReader.Read from a parsed document (settings that differ from the fiche: 4 deviations).</summary>
        [Benchmark]
        public IeaServerConfig ReadServerConfig() => ServerConfigReader.Read(_legacy, Folder, ConfigPath, _layout);

        /// <summary>Diagnoser.Diagnose offline (no server tests), settings outdated.</summary>
        [Benchmark]
        public IeaConnectionStatus Diagnose() => Diagnoser.Diagnose(_legacyConfig, AuthenticationResult.OK, null, "PC-01", _now);

        /// <summary>ConfigEditor.Apply of the fiche to a file already right: what a no-op Set-IeaServerConfig -Recommended computes.</summary>
        [Benchmark]
        public int ApplyRecommendedNoOp() => ConfigEditor.Apply(_compliant, _layout, _recommended).Count;

        private static string Ini(string authentication, string update, string mode) =>
            "; Impact emploi association - paramètres\r\n[Application]\r\nVersion=3.00.72\r\n[Connexion]\r\nType=Direct\r\nProxyAdresse=\r\n" +
            "ProxyPort=0\r\nProxySecurise=0\r\nMode=" + mode + "\r\nServeurAuthentification=" + authentication + "\r\nServeurMiseAJour=" + update + "\r\n" +
            "AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/\r\n[Assistance]\r\nActif=0\r\nMotDePasseDuJour=\r\n" +
            "[Etat]\r\nDerniereAuthentification=2019-03-19T09:30:00\r\nResultat=OK\r\n";

        /// <summary>module/Layouts/Default.psd1 as PowerShell's data parser hands it to Core.</summary>
        private static Hashtable DefaultLayout() => new Hashtable
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
