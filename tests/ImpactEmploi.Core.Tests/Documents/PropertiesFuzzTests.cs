using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>Generated and damaged .properties files: Parse returns a faithful document or throws ConfigUnreadable, nothing else.</summary>
    public class PropertiesFuzzTests
    {
        private static readonly string[] Pieces =
        {
            "a", "b.c", "connexion.mode", " ", "\t", "\f", "=", ":", "\\:", "\\=", "\\ ", "\\\\", "\\u00e9", "\\u20AC", "\\uZZ",
            "\\", "\\\r\n  ", "\\\n", "#", "!", "\u00e9", "\u20ac", "https\\://x", "\r\n", "\n", "\r", "\\t", "\u0001",
        };

        [Fact]
        public void Any_bytes_give_a_faithful_document_or_ConfigUnreadable()
        {
            var random = new Random(20260319);
            int accepted = 0;
            for (int n = 0; n < 12000; n++)
            {
                byte[] input = Damage(random, Generate(random), n % 4);
                PropertiesDocument document;
                try
                {
                    document = PropertiesDocument.Parse(input, "fuzz.properties");
                }
                catch (IeaException ex) when (ex.ErrorId == ErrorIds.ConfigUnreadable)
                {
                    continue;
                }

                accepted++;
                Assert.True(input.AsSpan().SequenceEqual(document.ToBytes()), Convert.ToHexString(input));

                // Whatever was accepted can be changed, the change reads back, and the other keys keep their values.
                var keys = document.Keys.ToList();
                var before = keys.ToDictionary(k => k, k => document.GetValue(k));
                string key = keys.Count > 0 && random.Next(3) > 0 ? keys[random.Next(keys.Count)] : "new.key";
                string value = new string(Enumerable.Range(0, random.Next(6)).Select(_ => "a \\:=#!\u00e9\u20ac\t\n"[random.Next(11)]).ToArray());
                try
                {
                    document.SetValue(key, value);
                }
                catch (ArgumentException)
                {
                    Assert.True(input.AsSpan().SequenceEqual(document.ToBytes()));
                    continue;
                }

                var again = PropertiesDocument.Parse(document.ToBytes(), "fuzz.properties");
                Assert.Equal(value, again.GetValue(key));
                foreach (var pair in before.Where(p => p.Key != key))
                {
                    Assert.True(pair.Value == again.GetValue(pair.Key), Convert.ToHexString(input) + " set " + key + " to " + Convert.ToHexString(Encoding.UTF8.GetBytes(value)) + ": " + pair.Key + " lost");
                }
            }

            Assert.True(accepted > 3000, "accepted " + accepted);
        }

        private static byte[] Generate(Random random)
        {
            var text = new StringBuilder();
            for (int i = random.Next(1, 40); i > 0; i--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            Encoding encoding = random.Next(2) == 0 ? Encoding.Latin1 : new UTF8Encoding(false);
            var bytes = encoding.GetBytes(text.ToString());
            return random.Next(6) == 0 ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray() : bytes;
        }

        internal static byte[] Damage(Random random, byte[] input, int kind)
        {
            switch (kind)
            {
                case 0:
                    return input;
                case 1:
                    return input.Take(random.Next(input.Length + 1)).ToArray();
                case 2:
                    var flipped = input.ToArray();
                    for (int flips = random.Next(1, 4); flips > 0 && flipped.Length > 0; flips--)
                    {
                        flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    return flipped;
                default:
                    var bytes = new List<byte>(input);
                    for (int edits = random.Next(1, 4); edits > 0; edits--)
                    {
                        if (bytes.Count > 0 && random.Next(2) == 0)
                        {
                            bytes.RemoveAt(random.Next(bytes.Count));
                        }
                        else
                        {
                            bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                        }
                    }

                    return bytes.ToArray();
            }
        }
    }
}
