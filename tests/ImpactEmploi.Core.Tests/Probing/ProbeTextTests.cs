using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using ImpactEmploi.Probing;
using ImpactEmploi.Resources;
using Xunit;

namespace ImpactEmploi.Tests.Probing
{
    public class ProbeTextTests
    {
        private static string[] ClassifierKeys() =>
            typeof(ProbeClassifier).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToArray();

        private static ResourceSet Set(string culture) =>
            Text.ResourceManager.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("no resources for " + culture);

        private static string Placeholders(string text) =>
            string.Join(",", Regex.Matches(text, @"\{(\d+)[^}]*\}").Select(m => m.Groups[1].Value).Distinct().OrderBy(x => x, StringComparer.Ordinal));

        [Fact]
        public void Every_message_and_next_step_exists_in_English_and_French_with_the_same_placeholders()
        {
            var en = Set("");
            var fr = Set("fr");
            var keys = ClassifierKeys()
                .Where(k => k != ProbeClassifier.Timeout)
                .Concat(Enum.GetValues<ProbePhase>().Where(p => p != ProbePhase.Settings).Select(p => ProbeClassifier.Timeout + p))
                .SelectMany(k => k == ProbeClassifier.Reachable || k == ProbeClassifier.ReachableRedirect ? new[] { k } : new[] { k, k + "Action" })
                .Append("ProbeCertificateExpiresSoon")
                .ToArray();
            Assert.True(keys.Length > 20);
            foreach (var key in keys)
            {
                var english = en.GetString(key);
                var french = fr.GetString(key);
                Assert.False(string.IsNullOrWhiteSpace(english), "English missing: " + key);
                Assert.False(string.IsNullOrWhiteSpace(french), "French missing: " + key);
                Assert.NotEqual(english, french);
                Assert.Equal(Placeholders(english!), Placeholders(french!));
                Assert.DoesNotContain('\n', english);
            }
        }

        [Fact]
        public void A_failure_message_is_one_line_with_the_next_step_and_never_the_proxy_password()
        {
            var settings = new ProbeSettings
            {
                ConnectionType = ConnectionType.Proxy, ProxyHost = "proxy.example.test", ProxyPort = 3128,
                ProxyCredential = new NetworkCredential("alice", "Sup3rSecret!"),
            };
            var verdict = ProbeClassifier.Classify(new ProbeObservation(null, 407, viaProxy: true, null) { ProxyCredentialGiven = true });
            var message = ProbeMessages.Describe(verdict, new ProbeMessageFacts(new Uri("https://impact-emploi.urssaf.fr/"), settings)
            {
                Proxy = settings.ProxyUri, StatusCode = 407, Attempts = 1, Detail = "boom",
            });
            Assert.Contains("proxy.example.test:3128", message, StringComparison.Ordinal);
            Assert.Contains("407", message, StringComparison.Ordinal);
            Assert.DoesNotContain("Sup3rSecret", message, StringComparison.Ordinal);
            Assert.DoesNotContain("alice", message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', message);
            Assert.True(message.Length > Text.Get(verdict.MessageKey).Length, "the next step is appended");
        }

        [Fact]
        public void Messages_follow_the_UI_culture()
        {
            var verdict = ProbeClassifier.Classify(new ProbeObservation(null, 503, viaProxy: false, null));
            var uri = new Uri("https://impact-emploi.urssaf.fr/updates");
            var saved = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
                var facts = new ProbeMessageFacts(uri, new ProbeSettings()) { StatusCode = 503, Attempts = 3, Detail = "runtime words" };
                var fr = ProbeMessages.Describe(verdict, facts);
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
                var en = ProbeMessages.Describe(verdict, facts);
                Assert.Contains("Détail technique : runtime words", fr, StringComparison.Ordinal);
                Assert.Contains("Technical detail: runtime words", en, StringComparison.Ordinal);
                Assert.Contains("erreur du serveur", fr, StringComparison.Ordinal);
                Assert.Contains("server error", en, StringComparison.Ordinal);
                Assert.Contains("impact-emploi.urssaf.fr", en, StringComparison.Ordinal);
                Assert.Contains("3", en, StringComparison.Ordinal);
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }

        [Theory]
        [InlineData(10, true)]
        [InlineData(30, true)]
        [InlineData(31, false)]
        [InlineData(365, false)]
        [InlineData(-1, false)]
        public void Warns_when_the_certificate_expires_within_30_days(int days, bool warned)
        {
            var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
            var result = new IeaServerTestResult { Uri = "https://impact-emploi.urssaf.fr/", Reachable = true, CertificateExpires = now.AddDays(days) };
            var warnings = ProbeWarnings.For(result, now);
            Assert.Equal(warned, warnings.Count == 1);
            if (warned) Assert.Contains("impact-emploi.urssaf.fr", warnings[0], StringComparison.Ordinal);
            Assert.Empty(ProbeWarnings.For(new IeaServerTestResult { Uri = "https://x.test/" }, now));
        }
    }
}
