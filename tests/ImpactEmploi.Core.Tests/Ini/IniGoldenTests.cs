using System.Linq;
using ImpactEmploi.Ini;
using Xunit;
using static ImpactEmploi.Tests.Ini.IniTestSupport;

namespace ImpactEmploi.Tests.Ini
{
    /// <summary>The default layout (module/Layouts/Default.psd1), repaired as the fiche says, in every encoding and line ending.</summary>
    public class IniGoldenTests
    {
        private static readonly string[] Before =
        {
            "; Paramètres de connexion d'Impact emploi association",
            "[Application]",
            "Version=3.00.72",
            "Utilisateur=Hélène Lefèvre",
            "[Connexion]",
            "Type=Direct                 ; Direct | Proxy | Navigateur",
            "ProxyAdresse=",
            "ProxyPort=0",
            "ProxySecurise=0             ; 0 | 1",
            "Mode=Normal                 ; Normal | Etendu | Sécurisé",
            "ServeurAuthentification=http://impact-emploi.urssaf.fr",
            "ServeurMiseAJour=http://impact-emploi.urssaf.fr/updates",
            "AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/",
            "",
            "[Assistance]",
            "Actif=0                     ; 0 | 1",
            "MotDePasseDuJour=           ; mot de passe du jour, vérifié par IEA",
            "[Etat]                      ; écrit par le programme de connexion",
            "DerniereAuthentification=2019-03-19T09:30:00",
            "Resultat=OK                 ; OK | EchecConnexion | AutorisationRefusee | LicenceNonReconnue",
        };

        private static readonly string[] After =
        {
            "; Paramètres de connexion d'Impact emploi association",
            "[Application]",
            "Version=3.00.72",
            "Utilisateur=Hélène Lefèvre",
            "[Connexion]",
            "Type=Direct                 ; Direct | Proxy | Navigateur",
            "ProxyAdresse=",
            "ProxyPort=0",
            "ProxySecurise=0             ; 0 | 1",
            "Mode=Securise                 ; Normal | Etendu | Sécurisé",
            "ServeurAuthentification=https://impact-emploi.urssaf.fr",
            "ServeurMiseAJour=https://impact-emploi.urssaf.fr/updates",
            "AuthentificationNetEntreprises=https://services.net-entreprises.fr/authentifier/1.0/",
            "",
            "[Assistance]",
            "Actif=0                     ; 0 | 1",
            "MotDePasseDuJour=           ; mot de passe du jour, vérifié par IEA",
            "[Etat]                      ; écrit par le programme de connexion",
            "DerniereAuthentification=2019-03-19T09:30:00",
            "Resultat=OK                 ; OK | EchecConnexion | AutorisationRefusee | LicenceNonReconnue",
        };

        public static TheoryData<string, string> Cases()
        {
            var data = new TheoryData<string, string>();
            foreach (string encoding in FileEncodings)
            {
                data.Add(encoding, "\r\n");
                data.Add(encoding, "\n");
                data.Add(encoding, "\r"); // CR-only line ends (old Mac files) are lines too
            }

            return data;
        }

        private static byte[] File(string encoding, string newLine, string[] lines) =>
            Encode(encoding, string.Join(newLine, lines) + newLine);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Repair_changes_exactly_the_three_values(string encoding, string newLine)
        {
            byte[] input = File(encoding, newLine, Before);
            IniDocument doc = IniDocument.Parse(input, "ImpactEmploi.ini");

            Assert.Equal(input, doc.ToBytes());
            Assert.Equal(BomOf(encoding).Length > 0, doc.HasBom);
            Assert.Equal(newLine, doc.NewLine);
            Assert.Equal(new[] { "Application", "Connexion", "Assistance", "Etat" }, doc.SectionNames);
            Assert.Equal("Hélène Lefèvre", doc.GetValue("application", "UTILISATEUR"));
            Assert.Equal("Normal", doc.GetValue("Connexion", "Mode"));
            Assert.Equal("", doc.GetValue("Assistance", "MotDePasseDuJour"));

            Assert.True(doc.SetValue("Connexion", "Mode", "Securise"));
            Assert.True(doc.SetValue("Connexion", "ServeurAuthentification", "https://impact-emploi.urssaf.fr"));
            Assert.True(doc.SetValue("Connexion", "ServeurMiseAJour", "https://impact-emploi.urssaf.fr/updates"));

            Assert.Equal(Hex(File(encoding, newLine, After)), Hex(doc.ToBytes()));
            Assert.Equal("Securise", doc.GetValue("Connexion", "Mode"));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Accents_are_written_in_the_files_encoding(string encoding, string newLine)
        {
            IniDocument doc = IniDocument.Parse(File(encoding, newLine, Before), "ImpactEmploi.ini");
            Assert.True(doc.SetValue("Application", "Utilisateur", "Hélène"));
            byte[] output = doc.ToBytes();

            // "=Hélène" then the line ending, spelled out byte by byte.
            byte[] expected = encoding switch
            {
                Win1252 => new byte[] { 0x3D, 0x48, 0xE9, 0x6C, 0xE8, 0x6E, 0x65 },
                Utf8Bom => new byte[] { 0x3D, 0x48, 0xC3, 0xA9, 0x6C, 0xC3, 0xA8, 0x6E, 0x65 },
                Utf16LeBom => new byte[] { 0x3D, 0, 0x48, 0, 0xE9, 0, 0x6C, 0, 0xE8, 0, 0x6E, 0, 0x65, 0 },
                _ => new byte[] { 0, 0x3D, 0, 0x48, 0, 0xE9, 0, 0x6C, 0, 0xE8, 0, 0x6E, 0, 0x65 },
            };
            byte[] ending = Encode(encoding, newLine).Skip(BomOf(encoding).Length).ToArray();
            Assert.True(Contains(output, expected.Concat(ending).ToArray()), Hex(output));
            Assert.Equal(BomOf(encoding), output.Take(BomOf(encoding).Length).ToArray());
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Missing_key_goes_after_the_sections_last_key_and_missing_section_at_the_end(string encoding, string newLine)
        {
            IniDocument doc = IniDocument.Parse(File(encoding, newLine, Before), "ImpactEmploi.ini");

            Assert.True(doc.SetValue("connexion", "Délai", "30"));
            Assert.True(doc.SetValue("Journal", "Niveau", "Détaillé"));

            var expected = Before.ToList();
            expected.Insert(13, "Délai=30");
            expected.Add("[Journal]");
            expected.Add("Niveau=Détaillé");
            Assert.Equal(Hex(File(encoding, newLine, expected.ToArray())), Hex(doc.ToBytes()));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Settings_already_right_leave_the_bytes_alone(string encoding, string newLine)
        {
            byte[] input = File(encoding, newLine, After);
            IniDocument doc = IniDocument.Parse(input, "ImpactEmploi.ini");

            Assert.False(doc.SetValue("Connexion", "Mode", "Securise"));
            Assert.False(doc.SetValue("CONNEXION", "serveurauthentification", "https://impact-emploi.urssaf.fr"));
            Assert.False(doc.SetValue("Connexion", "ServeurMiseAJour", "https://impact-emploi.urssaf.fr/updates"));
            Assert.Equal(input, doc.ToBytes());
        }
    }
}
