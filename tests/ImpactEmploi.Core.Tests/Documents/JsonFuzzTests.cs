using System;
using System.Linq;
using System.Text;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>Generated and damaged JSON files: Parse returns a faithful document or throws ConfigUnreadable, nothing else.</summary>
    public class JsonFuzzTests
    {
        private static readonly JsonPath[] Paths = new[] { "a", "b", "a.a", "a.b", "b[0]", "b[1].a", "c", "d.e.f" }.Select(p => JsonPath.Parse(p)!).ToArray();
        private static readonly string[] Strings = { "x", "\u00e9", "\u20ac", "\\n", "\\\"", "\\u00e9", "\\ud83d\\ude00", "\\/", " ", "\U0001F600" };

        [Fact]
        public void Any_bytes_give_a_faithful_document_or_ConfigUnreadable()
        {
            var random = new Random(20260319);
            int accepted = 0;
            int added = 0;
            for (int n = 0; n < 12000; n++)
            {
                byte[] input = PropertiesFuzzTests.Damage(random, Generate(random), n % 4);
                JsonSettingsDocument document;
                try
                {
                    document = JsonSettingsDocument.Parse(input, "fuzz.json");
                }
                catch (IeaException ex) when (ex.ErrorId == ErrorIds.ConfigUnreadable)
                {
                    continue;
                }

                accepted++;
                Assert.True(input.AsSpan().SequenceEqual(document.ToBytes()), Convert.ToHexString(input));

                var before = Paths.Select(p => document.GetValue(p)).ToArray();
                int chosen = random.Next(Paths.Length);
                bool existed = document.Contains(Paths[chosen]);
                string value = random.Next(3) == 0 ? random.Next(-5, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : random.Next(4) == 0 ? "true"
                    : string.Concat(Enumerable.Range(0, random.Next(5)).Select(_ => "a \"\\\u00e9\u20ac\n\u0001/"[random.Next(9)]));
                try
                {
                    document.SetValue(Paths[chosen], value, (JsonKind)random.Next(3));
                }
                catch (Exception ex) when (ex is ArgumentException || (ex is IeaException iea && iea.ErrorId == ErrorIds.InvalidSettingValue))
                {
                    Assert.True(input.AsSpan().SequenceEqual(document.ToBytes()));
                    continue;
                }

                var again = JsonSettingsDocument.Parse(document.ToBytes(), "fuzz.json");
                Assert.Equal(value, again.GetValue(Paths[chosen]));
                added += existed ? 0 : 1;
                for (int i = 0; i < Paths.Length; i++)
                {
                    if (i != chosen)
                    {
                        Assert.True(before[i] == again.GetValue(Paths[i]), Convert.ToHexString(input) + " " + Paths[chosen] + " changed " + Paths[i]);
                    }
                }
            }

            Assert.True(accepted > 2500, "accepted " + accepted);
            Assert.True(added > 100, "added " + added);
        }

        private static byte[] Generate(Random random)
        {
            var json = new StringBuilder();
            Value(random, json, 0);
            var encoding = random.Next(4) == 0 ? new UnicodeEncoding(random.Next(2) == 0, true) : (Encoding)new UTF8Encoding(random.Next(4) == 0);
            var bytes = encoding.GetBytes(json.ToString());
            return encoding.GetPreamble().Concat(bytes).ToArray();
        }

        private static void Value(Random random, StringBuilder json, int depth)
        {
            string blank = new[] { "", " ", "\r\n  ", "\n\t", " /* c */ ", "// c\n" }[random.Next(6)];
            json.Append(blank);
            switch (depth < 3 ? random.Next(8) : random.Next(2, 8))
            {
                case 0:
                    json.Append('{');
                    var names = new[] { "a", "b", "c", "a" };
                    for (int i = random.Next(4); i > 0; i--)
                    {
                        json.Append('"').Append(names[random.Next(names.Length)]).Append("\":");
                        Value(random, json, depth + 1);
                        if (i > 1) json.Append(',');
                    }

                    json.Append(blank).Append('}');
                    break;
                case 1:
                    json.Append('[');
                    for (int i = random.Next(4); i > 0; i--)
                    {
                        Value(random, json, depth + 1);
                        if (i > 1) json.Append(',');
                    }

                    json.Append(']');
                    break;
                case 2:
                case 3:
                    json.Append('"').Append(string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => Strings[random.Next(Strings.Length)]))).Append('"');
                    break;
                case 4:
                    json.Append(new[] { "0", "-1", "3.14", "1e9", "-0.5E-3", "42" }[random.Next(6)]);
                    break;
                default:
                    json.Append(new[] { "true", "false", "null" }[random.Next(3)]);
                    break;
            }

            json.Append(blank);
        }
    }
}
