using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ImpactEmploi.Tests.Support
{
    /// <summary>Just enough of RFC 5322, 2045 and 2047 to read back what EmlWriter writes, written independently of it.</summary>
    internal sealed class EmlReader
    {
        private static readonly Regex EncodedWord = new Regex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=");

        public EmlReader(byte[] bytes)
        {
            string text = Encoding.ASCII.GetString(bytes);
            int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (split < 0) throw new FormatException("no blank line after the headers");
            RawHeaders = text.Substring(0, split);
            RawBody = text.Substring(split + 4);
            string unfolded = Regex.Replace(RawHeaders, "\r\n(?=[ \t])", "");
            foreach (string line in unfolded.Split("\r\n"))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0) throw new FormatException("not a header: " + line);
                Headers.Add((line.Substring(0, colon), line.Substring(colon + 1).TrimStart(' ')));
            }
        }

        public string RawHeaders { get; }
        public string RawBody { get; }
        public List<(string Name, string Value)> Headers { get; } = new();

        public string? Header(string name) =>
            Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).SingleOrDefault();

        public string DecodedHeader(string name)
        {
            string value = Header(name) ?? throw new InvalidOperationException("no header " + name);
            // Whitespace between two encoded-words is not part of the text (RFC 2047 section 6.2).
            value = Regex.Replace(value, @"(?<=\?=)[ \t]+(?==\?)", "");
            return EncodedWord.Replace(value, m =>
            {
                var charset = Encoding.GetEncoding(m.Groups[1].Value);
                byte[] bytes = string.Equals(m.Groups[2].Value, "B", StringComparison.OrdinalIgnoreCase)
                    ? Convert.FromBase64String(m.Groups[3].Value)
                    : DecodeQ(m.Groups[3].Value);
                return charset.GetString(bytes);
            });
        }

        public string DecodedBody()
        {
            string encoding = (Header("Content-Transfer-Encoding") ?? "7bit").ToUpperInvariant();
            byte[] bytes = encoding switch
            {
                "BASE64" => Convert.FromBase64String(RawBody.Replace("\r\n", "", StringComparison.Ordinal)),
                "QUOTED-PRINTABLE" => DecodeQuotedPrintable(RawBody),
                _ => Encoding.ASCII.GetBytes(RawBody),
            };
            var charset = Regex.Match(Header("Content-Type") ?? "", @"charset=""?([\w-]+)", RegexOptions.IgnoreCase);
            return (charset.Success ? Encoding.GetEncoding(charset.Groups[1].Value) : Encoding.ASCII).GetString(bytes);
        }

        private static byte[] DecodeQ(string text) => DecodeQuotedPrintable(text.Replace('_', ' '));

        private static byte[] DecodeQuotedPrintable(string text)
        {
            text = text.Replace("=\r\n", "", StringComparison.Ordinal);
            var bytes = new List<byte>();
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '=')
                {
                    bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.Add((byte)text[i]);
                }
            }
            return bytes.ToArray();
        }
    }
}
