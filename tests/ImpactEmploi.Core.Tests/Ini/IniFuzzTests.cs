using System;
using System.Linq;
using ImpactEmploi.Ini;
using Xunit;
using static ImpactEmploi.Tests.Ini.IniTestSupport;

namespace ImpactEmploi.Tests.Ini
{
    /// <summary>Random and damaged bytes: Parse returns a faithful document or throws ConfigUnreadable, nothing else.</summary>
    public class IniFuzzTests
    {
        private static readonly byte[][] Prefixes =
        {
            Array.Empty<byte>(), BomOf(Utf8Bom), BomOf(Utf16LeBom), BomOf(Utf16BeBom), new byte[] { 0xFF, 0xFE, 0, 0 },
        };

        [Fact]
        public void Any_bytes_give_a_faithful_document_or_ConfigUnreadable()
        {
            var gen = new IniGenerator(20260319);
            Random random = gen.Random;
            int accepted = 0;
            int rejected = 0;
            for (int n = 0; n < 12000; n++)
            {
                byte[] input;
                switch (n % 4)
                {
                    case 0: // random bytes, sometimes after a byte order mark
                        input = gen.Pick(Prefixes).Concat(RandomBytes(random, random.Next(0, 200))).ToArray();
                        break;
                    case 1: // a valid file cut anywhere (odd UTF-16 lengths, half a UTF-8 sequence)
                        byte[] whole = gen.Next().Bytes;
                        input = whole.Take(random.Next(whole.Length + 1)).ToArray();
                        break;
                    case 2: // a valid file with bits flipped
                        input = gen.Next().Bytes;
                        for (int flips = random.Next(1, 4); flips > 0 && input.Length > 0; flips--)
                        {
                            input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                        }

                        break;
                    default: // a valid file with bytes inserted or removed
                        var bytes = gen.Next().Bytes.ToList();
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

                        input = bytes.ToArray();
                        break;
                }

                IniDocument doc;
                try
                {
                    doc = IniDocument.Parse(input, "fuzz.ini");
                }
                catch (IeaException ex) when (ex.ErrorId == ErrorIds.ConfigUnreadable)
                {
                    rejected++;
                    continue;
                }

                accepted++;
                Assert.True(input.AsSpan().SequenceEqual(doc.ToBytes()), Hex(input));

                // Whatever was accepted can be read and changed, and the change reads back.
                foreach (string section in doc.SectionNames)
                {
                    doc.GetValue(section, "Mode");
                }

                string target = doc.SectionNames.Count > 0 ? doc.SectionNames[random.Next(doc.SectionNames.Count)] : "Connexion";
                try
                {
                    doc.SetValue(target, "Mode", "Securise");
                }
                catch (ArgumentException)
                {
                    continue; // a section name that cannot be written as a header, e.g. one holding ']'
                }

                Assert.Equal("Securise", IniDocument.Parse(doc.ToBytes(), "fuzz.ini").GetValue(target, "Mode"));
            }

            // Both outcomes must be common, or the inputs test nothing.
            Assert.True(accepted > 2000, $"accepted {accepted}");
            Assert.True(rejected > 2000, $"rejected {rejected}");
        }

        private static byte[] RandomBytes(Random random, int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}
