using System;
using System.Collections.Generic;
using System.Text;

namespace ImpactEmploi.Tests.Ini
{
    /// <summary>A generated INI file, and the (section, key) pairs of its key lines as written.</summary>
    internal sealed class GeneratedIni
    {
        public GeneratedIni(string encoding, byte[] bytes, List<(string Section, string Key)> keys)
        {
            Encoding = encoding;
            Bytes = bytes;
            Keys = keys;
        }

        public string Encoding { get; }
        public byte[] Bytes { get; }
        public List<(string Section, string Key)> Keys { get; }
    }

    /// <summary>Seeded random INI files: sections, keys, values with accents, comments, blanks, junk, mixed line endings.</summary>
    internal sealed class IniGenerator
    {
        private static readonly string[] Sections = { "Application", "Connexion", "Assistance", "Etat", "Sécurité", "Divers" };
        private static readonly string[] Keys = { "Version", "Mode", "Type", "ServeurMiseAJour", "Actif", "Clé", "Résultat", "Port" };
        private static readonly string[] Blanks = { "", "", "", " ", "\t", "  ", " \t " };
        private const string Latin = "abcdeXYZ0129 éèàçÉ€:/._-;[]\"=";

        private readonly Random random;

        public IniGenerator(int seed) => random = new Random(seed);

        public Random Random => random;

        public GeneratedIni Next()
        {
            string encoding = Pick(new[]
            {
                IniTestSupport.Win1252, IniTestSupport.Utf8Bom, IniTestSupport.Utf16LeBom, IniTestSupport.Utf16BeBom, IniTestSupport.Utf8NoBom,
            });
            bool unicode = encoding != IniTestSupport.Win1252;
            var keys = new List<(string, string)>();
            var text = new StringBuilder();
            string section = "";
            double crlfShare = random.NextDouble();
            int count = random.Next(1, 25);
            for (int i = 0; i < count; i++)
            {
                switch (random.Next(10))
                {
                    case 0:
                        text.Append(Pick(Blanks));
                        break;
                    case 1:
                        text.Append(Pick(Blanks)).Append(Pick(new[] { ";", "#" })).Append(Word(unicode, 20));
                        break;
                    case 2:
                    case 3:
                        section = Cased(Pick(Sections));
                        text.Append(Pick(Blanks)).Append('[').Append(Pick(Blanks)).Append(section).Append(Pick(Blanks)).Append(']')
                            .Append(Pick(Blanks));
                        if (random.Next(3) == 0)
                        {
                            text.Append("; ").Append(Word(unicode, 10));
                        }

                        break;
                    case 4:
                        text.Append(Pick(new[] { "junk", "texte égaré", "Stray" })).Append(Word(unicode, 10).Replace("=", "", StringComparison.Ordinal));
                        break;
                    default:
                        string key = Cased(Pick(Keys));
                        keys.Add((section, key));
                        text.Append(Pick(Blanks)).Append(key).Append(Pick(Blanks)).Append('=').Append(Pick(Blanks));
                        text.Append(random.Next(5) == 0 ? "\"" + Word(unicode, 12) + "\"" : Word(unicode, 12));
                        if (random.Next(3) == 0)
                        {
                            text.Append(Pick(new[] { " ", "\t", "    " })).Append(';').Append(Word(unicode, 10));
                        }

                        break;
                }

                if (i < count - 1 || random.Next(4) != 0)
                {
                    text.Append(random.NextDouble() < crlfShare ? "\r\n" : "\n");
                }
            }

            return new GeneratedIni(encoding, IniTestSupport.Encode(encoding, text.ToString()), keys);
        }

        /// <summary>Random text from the characters the file's encoding can hold (no control characters).</summary>
        public string Word(bool unicode, int maxLength)
        {
            var sb = new StringBuilder();
            int length = random.Next(maxLength + 1);
            for (int i = 0; i < length; i++)
            {
                if (unicode && random.Next(8) == 0)
                {
                    // Whole text elements, so a surrogate pair is never split.
                    sb.Append(Pick(new[] { "ł", "Ω", "中", "😀" }));
                }
                else
                {
                    sb.Append(Latin[random.Next(Latin.Length)]);
                }
            }

            return sb.ToString();
        }

        public T Pick<T>(T[] items) => items[random.Next(items.Length)];

        private string Cased(string name) => random.Next(4) switch
        {
            0 => name.ToUpperInvariant(),
            1 => name.ToLowerInvariant(),
            _ => name,
        };
    }
}
