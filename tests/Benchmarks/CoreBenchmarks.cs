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
            _layout = LayoutParser.FromData(ImpactEmploi.Tests.Layouts.LayoutTestData.Default(), "Default.psd1");
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
    }
}
