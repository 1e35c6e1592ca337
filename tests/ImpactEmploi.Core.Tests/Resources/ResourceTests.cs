using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace ImpactEmploi.Tests.Resources
{
    /// <summary>
    /// Every message exists in English and French with the same placeholders, and every key the code names
    /// exists (a missing key would show the key itself). Keys built at run time ("ConnectionState" + state) are
    /// covered by the tests of the code that builds them.
    /// </summary>
    public class ResourceTests
    {
        private static readonly string Root = FindRoot();
        private static readonly Regex Placeholder = new Regex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}(?!\})", RegexOptions.Compiled);

        [Fact]
        public void English_and_French_have_the_same_keys()
        {
            var english = Read("Messages.resx");
            var french = Read("Messages.fr.resx");
            Assert.Empty(english.Keys.Except(french.Keys));
            Assert.Empty(french.Keys.Except(english.Keys));
            Assert.True(english.Count > 100, "The resources look truncated.");
        }

        [Fact]
        public void Each_key_has_the_same_placeholders_in_both_languages()
        {
            var english = Read("Messages.resx");
            var french = Read("Messages.fr.resx");
            var different = english.Keys.Intersect(french.Keys)
                .Where(key => !Placeholders(english[key]).SetEquals(Placeholders(french[key])))
                .ToList();
            Assert.Empty(different);
        }

        [Fact]
        public void No_text_is_left_empty_or_untranslated_by_accident()
        {
            var english = Read("Messages.resx");
            var french = Read("Messages.fr.resx");
            Assert.Empty(english.Where(pair => string.IsNullOrWhiteSpace(pair.Value)).Select(pair => pair.Key));
            Assert.Empty(french.Where(pair => string.IsNullOrWhiteSpace(pair.Value)).Select(pair => pair.Key));
        }

        [Fact]
        public void Every_key_the_code_names_exists()
        {
            var keys = Read("Messages.resx").Keys.ToHashSet(StringComparer.Ordinal);
            var named = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
                .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"\b(?:Text|Res)\.(?:Get|Format)\(""([A-Za-z0-9]+)""\s*[,)]").Select(m => m.Groups[1].Value))
                .Distinct()
                .ToList();
            Assert.True(named.Count > 50, "The scan found too few keys: the pattern no longer matches the code.");
            var missing = named.Where(key => !keys.Contains(key)).ToList();
            Assert.Empty(missing);
        }

        private static HashSet<string> Placeholders(string text) =>
            Placeholder.Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        private static Dictionary<string, string> Read(string file) =>
            XDocument.Load(Path.Combine(Root, "src", "ImpactEmploi.Core", "Resources", file)).Root!
                .Elements("data")
                .ToDictionary(e => (string)e.Attribute("name")!, e => (string?)e.Element("value") ?? "", StringComparer.Ordinal);

        private static string FindRoot()
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "ImpactEmploi.PS.sln")))
            {
                dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Repository root not found.");
            }

            return dir;
        }
    }
}
