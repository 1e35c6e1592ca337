using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ImpactEmploi.Documents;
using Xunit;

namespace ImpactEmploi.Tests.Documents
{
    /// <summary>Generated and damaged XML files: Parse returns a faithful document or throws ConfigUnreadable, nothing else.</summary>
    public class XmlFuzzTests
    {
        private static readonly Dictionary<string, string> Namespaces = new Dictionary<string, string> { ["n"] = "urn:n" };
        private static readonly XmlPath[] Paths =
            new[] { "/r/a/@v", "/r/a", "/r/b[@k='1']/@v", "/r/n:c", "/r/b/b", "/r/a/text()", "/r/e/n:f[@k='2']/@v", "/r/d/g" }.Select(p => XmlPath.Parse(p, Namespaces)!).ToArray();

        private static readonly string[] Texts = { "x", " ", "\r\n", "\n", "&amp;", "&lt;", "&#233;", "&#x20AC;", "\u00e9", "\u20ac", "'", "\"", "\t" };
        private static readonly string[] Broken = { "&bogus;", "<", "]]>", "&", "<!DOCTYPE r>" };

        [Fact]
        public void Any_bytes_give_a_faithful_document_or_ConfigUnreadable()
        {
            var random = new Random(20260319);
            int accepted = 0;
            int added = 0;
            for (int n = 0; n < 12000; n++)
            {
                byte[] input = PropertiesFuzzTests.Damage(random, Generate(random), n % 4);
                XmlSettingsDocument document;
                try
                {
                    document = XmlSettingsDocument.Parse(input, "fuzz.config");
                }
                catch (IeaException ex) when (ex.ErrorId == ErrorIds.ConfigUnreadable)
                {
                    continue;
                }

                accepted++;
                Assert.True(input.AsSpan().SequenceEqual(document.ToBytes()), Convert.ToHexString(input));

                var before = Paths.Select(p => document.GetValue(p)).ToArray();
                int chosen = random.Next(Paths.Length);
                string value = string.Concat(Enumerable.Range(0, random.Next(5)).Select(_ => "a &<>'\"\u00e9\u20ac\u4e2d\r\n\t]]>"[random.Next(16)]));
                try
                {
                    document.SetValue(Paths[chosen], value);
                }
                catch (Exception ex) when (ex is ArgumentException || (ex is IeaException iea && iea.ErrorId == ErrorIds.InvalidSettingValue))
                {
                    Assert.True(input.AsSpan().SequenceEqual(document.ToBytes()));
                    continue;
                }

                var again = XmlSettingsDocument.Parse(document.ToBytes(), "fuzz.config");
                Assert.Equal(value, again.GetValue(Paths[chosen]));
                added += before[chosen] == null ? 1 : 0;
                for (int i = 0; i < Paths.Length; i++)
                {
                    if (i != chosen && Paths[i].Steps.Count >= 2 && !SameElement(Paths[i], Paths[chosen]))
                    {
                        Assert.True(before[i] == again.GetValue(Paths[i]), Convert.ToHexString(input) + " " + Paths[chosen] + " changed " + Paths[i]);
                    }
                }
            }

            Assert.True(accepted > 2500, "accepted " + accepted);
            Assert.True(added > 100, "added " + added);
        }

        // /r/a/@v and /r/a/text() name the same element: changing one may be seen through the other.
        private static bool SameElement(XmlPath a, XmlPath b) => a.Steps.Count == b.Steps.Count && a.Steps.Zip(b.Steps).All(s => s.First.Name.Equals(s.Second.Name));

        private static byte[] Generate(Random random)
        {
            var encodings = new[] { "utf-8", "windows-1252", "utf-16", "iso-8859-1" };
            string encodingName = encodings[random.Next(encodings.Length)];
            var xml = new StringBuilder();
            if (random.Next(4) > 0) xml.Append("<?xml version=\"1.0\" encoding=\"").Append(encodingName).Append("\"?>").Append(random.Next(2) == 0 ? "\r\n" : "\n");
            if (random.Next(3) == 0) xml.Append("<!-- \u00e9 -->\n");
            xml.Append("<r xmlns:n=\"urn:n\">");
            for (int i = random.Next(1, 6); i > 0; i--)
            {
                Element(random, xml, 0);
            }

            xml.Append("</r>\n");
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var encoding = Encoding.GetEncoding(encodingName, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
            var bytes = encoding.GetBytes(xml.ToString());
            return encodingName == "utf-16" || random.Next(5) == 0 ? encoding.GetPreamble().Concat(bytes).ToArray() : bytes;
        }

        private static void Element(Random random, StringBuilder xml, int depth)
        {
            var names = new[] { "a", "b", "n:c", "d" };
            string name = names[random.Next(names.Length)];
            xml.Append('<').Append(name);
            if (random.Next(2) == 0) xml.Append(" k=\"").Append(random.Next(3)).Append('"');
            char quote = random.Next(2) == 0 ? '\'' : '"';
            if (random.Next(2) == 0) xml.Append(" v=").Append(quote).Append(Text(random).Replace(quote.ToString(), "")).Append(quote);
            if (random.Next(4) == 0)
            {
                xml.Append(" />");
                return;
            }

            xml.Append('>');
            for (int i = random.Next(4); i > 0; i--)
            {
                switch (random.Next(5))
                {
                    case 0 when depth < 3: Element(random, xml, depth + 1); break;
                    case 1: xml.Append("<![CDATA[").Append(Text(random).Replace("]]>", "")).Append("]]>"); break;
                    case 2: xml.Append("<!--c-->"); break;
                    default: xml.Append(Text(random)); break;
                }
            }

            xml.Append("</").Append(name).Append('>');
        }

        private static string Text(Random random) => string.Concat(Enumerable.Range(0, random.Next(4))
            .Select(_ => random.Next(40) == 0 ? Broken[random.Next(Broken.Length)] : Texts[random.Next(Texts.Length)]));
    }
}
