using System;
using System.Collections.Generic;
using System.Linq;
using ImpactEmploi.Ini;
using Xunit;
using static ImpactEmploi.Tests.Ini.IniTestSupport;

namespace ImpactEmploi.Tests.Ini
{
    /// <summary>Properties over seeded random documents: round trip, one changed line per SetValue, adds keep every old line.</summary>
    public class IniPropertyTests
    {
        private const int Cases = 4000;

        public static TheoryData<int> Seeds() => new TheoryData<int> { 1, 2, 3, 4 };

        [Theory]
        [MemberData(nameof(Seeds))]
        public void Every_generated_document_keeps_its_bytes_through_get_set_and_add(int seed)
        {
            var gen = new IniGenerator(seed);
            int changed = 0;
            int added = 0;
            for (int n = 0; n < Cases / 4; n++)
            {
                GeneratedIni ini = gen.Next();
                string context = $"seed {seed} case {n} {ini.Encoding}: {Hex(ini.Bytes)}";
                IniDocument Parse(byte[] bytes) => IniDocument.Parse(bytes, "gen.ini", DefaultFor(ini.Encoding));

                if (ini.Bytes.Length == 0)
                {
                    Unreadable(() => Parse(ini.Bytes));
                    continue;
                }

                IniDocument doc = Parse(ini.Bytes);
                Assert.True(ini.Bytes.AsSpan().SequenceEqual(doc.ToBytes()), context);
                List<string> before = Lines(ini.Encoding, ini.Bytes);
                Dictionary<(string, string), string?> values = ini.Keys.Distinct().ToDictionary(k => k, k => doc.GetValue(k.Section, k.Key));

                // The same value: no change at all.
                var present = values.Where(v => v.Value != null).Select(v => v.Key).ToList();
                if (present.Count > 0)
                {
                    var (section, key) = gen.Pick(present.ToArray());
                    Assert.False(doc.SetValue(section, key, values[(section, key)]!), context);
                    Assert.True(ini.Bytes.AsSpan().SequenceEqual(doc.ToBytes()), context);

                    // A new value: exactly one line differs, and only that value reads differently.
                    string value = gen.Word(ini.Encoding != Win1252, 15).Replace("\"", "", StringComparison.Ordinal);
                    if (value == values[(section, key)])
                    {
                        value += "x";
                    }

                    Assert.True(doc.SetValue(section, key, value), context);
                    changed++;
                    Assert.Equal(value, doc.GetValue(section, key));
                    List<string> after = Lines(ini.Encoding, doc.ToBytes());
                    Assert.Equal(before.Count, after.Count);
                    Assert.Equal(1, before.Zip(after).Count(p => p.First != p.Second));
                    IniDocument reread = Parse(doc.ToBytes());
                    foreach (var pair in values.Keys)
                    {
                        string? expected = string.Equals(pair.Item1, section, StringComparison.OrdinalIgnoreCase)
                            && string.Equals(pair.Item2, key, StringComparison.OrdinalIgnoreCase) ? value : values[pair];
                        Assert.Equal(expected, reread.GetValue(pair.Item1, pair.Item2));
                    }

                    before = after;
                }

                // A missing key, in an existing or a new section: readable, and the old lines are all there in order.
                string newSection = gen.Pick(new[] { "", "Connexion", "ETAT", "Nouvelle Section é", "Z" });
                string newKey = "Ajouté" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                string newValue = gen.Word(ini.Encoding != Win1252, 15).Replace("\"", "", StringComparison.Ordinal);
                byte[] beforeAdd = doc.ToBytes();
                Assert.True(doc.SetValue(newSection, newKey, newValue), context);
                added++;
                Assert.Equal(newValue, doc.GetValue(newSection, newKey));
                Assert.Equal(newValue, Parse(doc.ToBytes()).GetValue(newSection, newKey));
                List<string> grown = Lines(ini.Encoding, doc.ToBytes());
                Assert.InRange(grown.Count - before.Count, 1, 2);
                AssertSubsequence(before, grown, context);
                Assert.Equal(beforeAdd.Take(BomOf(ini.Encoding).Length), doc.ToBytes().Take(BomOf(ini.Encoding).Length));
            }

            // The generator must actually exercise both paths.
            Assert.True(changed > Cases / 8, $"only {changed} values changed");
            Assert.True(added > Cases / 5, $"only {added} keys added");
        }

        /// <summary>Every old line appears in order; only a last line that had no ending may have gained one.</summary>
        private static void AssertSubsequence(List<string> before, List<string> after, string context)
        {
            int j = 0;
            foreach (string line in before)
            {
                bool unterminated = !line.EndsWith('\n');
                while (j < after.Count && !(after[j] == line || (unterminated && after[j].TrimEnd('\r', '\n') == line)))
                {
                    j++;
                }

                Assert.True(j < after.Count, $"line '{line}' lost: {context}");
                j++;
            }
        }
    }
}
