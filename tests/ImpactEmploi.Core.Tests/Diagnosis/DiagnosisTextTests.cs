using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Resources;
using System.Text.RegularExpressions;
using ImpactEmploi.Resources;
using Xunit;

namespace ImpactEmploi.Tests.Diagnosis
{
    public class DiagnosisTextTests
    {
        private static readonly string[] Prefixes = { "Diagnosis", "ConnectionState", "Support" };

        private static ResourceSet Set(string culture) =>
            Text.ResourceManager.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("no resources for " + culture);

        private static string[] Keys(ResourceSet set) =>
            set.Cast<DictionaryEntry>().Select(e => (string)e.Key)
                .Where(k => Prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
                .OrderBy(k => k, StringComparer.Ordinal).ToArray();

        private static string Placeholders(string text) =>
            string.Join(",", Regex.Matches(text, @"\{(\d+)[^}]*\}").Select(m => m.Groups[1].Value).Distinct().OrderBy(x => x, StringComparer.Ordinal));

        [Fact]
        public void Every_state_has_a_description_and_every_next_step_key_the_diagnoser_builds_exists()
        {
            var en = Set("");
            foreach (var state in Enum.GetValues<ConnectionState>())
                Assert.NotNull(en.GetString("ConnectionState" + state));
            Assert.NotNull(en.GetString("DiagnosisNext" + ConnectionState.AuthorizationDenied));
            Assert.NotNull(en.GetString("DiagnosisNext" + ConnectionState.LicenseNotRecognized));
        }
    }
}
