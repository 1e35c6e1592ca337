using System;
using System.Collections.Generic;
using System.Linq;
using ImpactEmploi.Discovery;
using ImpactEmploi.Layouts;
using ImpactEmploi.Tests.Configuration;
using ImpactEmploi.Tests.Installations;
using ImpactEmploi.Tests.Layouts;
using ImpactEmploi.Tests.Resources;
using ImpactEmploi.Tests.Storage;
using Xunit;

namespace ImpactEmploi.Tests.Discovery
{
    public class LayoutDrafterTests
    {
        private static readonly DateTime When = new DateTime(2026, 12, 1, 15, 0, 0);

        [Fact]
        public void Drafts_an_XML_layout_from_the_file_with_most_settings_and_takes_the_rest_from_the_registry()
        {
            using var installation = new SyntheticInstallation();
            installation.Write(@"conf\ImpactEmploi.config",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<p:iea xmlns:p=\"urn:iea\"><p:connexion mode=\"SECURISE\" type=\"DIRECT\">" +
                "<p:auth>https://impact-emploi.urssaf.fr</p:auth><p:maj>https://impact-emploi.urssaf.fr/updates</p:maj></p:connexion></p:iea>\r\n");
            installation.Write("readme.ini", "[Aide]\r\nSite=https://impact-emploi.urssaf.fr\r\n");
            var registry = new FakeRegistry()
                .Set(@"HKLM:\SOFTWARE\URSSAF\IEA", RegistryKeyView.Registry32, "AssistanceActive", "0", "DWord")
                .Set(@"HKLM:\SOFTWARE\URSSAF\IEA", RegistryKeyView.Registry32, "ServeurAuthentification", "https://ancien.urssaf.fr")
                .Set(@"HKU:\.DEFAULT\Software\URSSAF\IEA", RegistryKeyView.Default, "ProxyPort", "8080", "DWord");
            var candidates = new SettingScanner(null, registry).Scan(installation.Folder);
            // A layout cannot name HKU:\.DEFAULT (only a user's SID): its value is listed, never chosen.
            Assert.Contains(candidates, c => c.SettingValue == Setting.ProxyPort && c.ConfidenceValue > CandidateConfidence.Low && c.RegistryKey!.Contains(".DEFAULT"));

            var draft = LayoutDrafter.Draft(installation.Folder, candidates, LayoutTestData.DefaultLayout(), When);

            Assert.Equal(SettingFormat.Xml, draft.FormatValue);
            Assert.Equal(System.IO.Path.Combine("conf", "ImpactEmploi.config"), draft.FileName);
            Assert.Contains("    Format   = 'Xml'\r\n", draft.Text, StringComparison.Ordinal);
            // Only an INI layout names an encoding; the XML store reads the declaration's.
            Assert.DoesNotContain("Encoding =", draft.Text, StringComparison.Ordinal);
            Assert.Contains("    XmlNamespaces = @{ ns1 = 'urn:iea' }\r\n", draft.Text, StringComparison.Ordinal);
            Assert.Contains("AuthenticationServer = @{ XPath = '/ns1:iea/ns1:connexion/ns1:auth' }", draft.Text, StringComparison.Ordinal);
            Assert.Contains("UpdateServer = @{ XPath = '/ns1:iea/ns1:connexion/ns1:maj' }", draft.Text, StringComparison.Ordinal);
            // The word found comes first, in its case; the others follow that case, the default words stay accepted.
            Assert.Contains("ConnectionMode = @{ XPath = '/ns1:iea/ns1:connexion/@mode'; Values = @{ Normal = 'NORMAL', 'Normal'; Extended = 'ETENDU', 'Etendu'; Secure = 'SECURISE', 'SÉCURISÉ', 'Securise', 'Sécurisé' } }",
                draft.Text, StringComparison.Ordinal);
            Assert.Contains("ConnectionType = @{ XPath = '/ns1:iea/ns1:connexion/@type'; Values = @{ Direct = 'DIRECT', 'Direct'; ", draft.Text, StringComparison.Ordinal);
            // Only the registry holds assistance mode: a registry setting, with its view and kind.
            Assert.Contains(@"AssistanceMode = @{ Store = 'Registry'; RegistryKey = 'HKLM:\SOFTWARE\URSSAF\IEA'; ValueName = 'AssistanceActive'; View = 'Registry32'; ValueKind = 'DWord'; Values = @{ True = '1'; False = '0' } }",
                draft.Text, StringComparison.Ordinal);
            // The file wins over the registry for a setting both hold; the registry's value is listed as an alternative.
            Assert.Contains(@"also: HKLM:\SOFTWARE\URSSAF\IEA ServeurAuthentification (Registry32) = https://ancien.urssaf.fr", draft.Text, StringComparison.Ordinal);
            // Not found: placed under the root element with the base layout's key, and marked.
            Assert.Contains("ProxyPort = @{ XPath = '/ns1:iea/ProxyPort' }", draft.Text, StringComparison.Ordinal);
            Assert.Contains("ProxyPort", draft.NotFound);
            Assert.Equal(13, draft.Found.Length + draft.NotFound.Length);
            Assert.Equal(draft.NotFound.Length, CountOf(draft.Text, "# NOT FOUND by Find-IeaSetting"));
        }

        [Fact]
        public void Quotes_values_so_that_the_layout_stays_constant_data()
        {
            var candidates = new List<IeaSettingCandidate>
            {
                new IeaSettingCandidate
                {
                    Path = "/x", Location = "/x/o'brien.ini", RelativePath = "o'brien.ini", FormatValue = SettingFormat.Ini, Section = "L'accès", Key = "Mode",
                    Entry = "[L'accès] Mode", Value = "Normal\r\n@{ evil }", SettingValue = Setting.ConnectionMode, ConfidenceValue = CandidateConfidence.High, Reason = "r",
                    Encoding = "windows-1252",
                },
            };

            var draft = LayoutDrafter.Draft("/x", candidates, LayoutTestData.DefaultLayout(), When);

            Assert.Contains("FileName = 'o''brien.ini'", draft.Text, StringComparison.Ordinal);
            Assert.Contains("ConnectionMode = @{ Section = 'L''accès'; Key = 'Mode'", draft.Text, StringComparison.Ordinal);
            // A value with a line break stays inside its comment line.
            Assert.Contains("# Found (High): Normal  @{ evil } - r\r\n", draft.Text, StringComparison.Ordinal);
        }

        private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
    }
}
