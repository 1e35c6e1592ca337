using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ImpactEmploi.Resources;
using Xunit;

namespace ImpactEmploi.Tests.Ini
{
    public class IniMessagesTests
    {
        public static TheoryData<string> Keys() => new TheoryData<string>
        {
            "ConfigUnreadable", "ConfigUnreadableAction", "ConfigAccessDenied", "ConfigAccessDeniedAction",
            "IniReasonEmpty", "IniReasonFolder", "IniReasonMissing", "IniReasonTooLarge", "IniReasonOddUtf16",
            "IniReasonUndecodable", "IniReasonControlCharacter", "IniUnsupportedEncoding", "IniNotWritable",
            "IniReasonLineBreak", "IniReasonNotEncodable", "IniReasonNotReadBack",
        };

        [Theory]
        [MemberData(nameof(Keys))]
        public void Every_message_the_Ini_code_uses_exists_in_English_and_French_with_the_same_placeholders(string key)
        {
            string? en = Text.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, true, false)?.GetString(key);
            string? fr = Text.ResourceManager.GetResourceSet(CultureInfo.GetCultureInfo("fr"), true, false)?.GetString(key);
            Assert.False(string.IsNullOrWhiteSpace(en), key);
            Assert.False(string.IsNullOrWhiteSpace(fr), key);
            Assert.NotEqual(en, fr);
            Assert.Equal(Placeholders(en!), Placeholders(fr!));
        }

        private static string[] Placeholders(string text) =>
            Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().OrderBy(p => p, System.StringComparer.Ordinal).ToArray();
    }
}
