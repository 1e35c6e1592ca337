using System.Text;

namespace ImpactEmploi.Discovery
{
    /// <summary>Tells text from binary by the first bytes of a file, and decodes a settings file as its readers would.</summary>
    internal static class TextSniffer
    {
        /// <summary>How many bytes decide: enough for a header, little enough to leave big binaries unread.</summary>
        public const int HeadBytes = 512;

        /// <summary>True when <paramref name="head"/> looks like text: a Unicode BOM, or no NUL byte and few control characters.</summary>
        public static bool LooksLikeText(byte[] head, int count)
        {
            if (count == 0)
            {
                return false;
            }

            if (HasUtf16Bom(head, count) || (count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF))
            {
                return true;
            }

            var control = 0;
            for (var i = 0; i < count; i++)
            {
                var b = head[i];
                if (b == 0)
                {
                    return false;
                }

                if (b < 0x20 && b != (byte)'\r' && b != (byte)'\n' && b != (byte)'\t' && b != 0x0C)
                {
                    control++;
                }
            }

            return control * 20 < count;
        }

        /// <summary>The text and the encoding a layout would name for it: a BOM decides; else UTF-8 when the bytes are valid UTF-8, else <paramref name="fallback"/>.</summary>
        public static (string Text, string EncodingName) Decode(byte[] bytes, Encoding fallback, string fallbackName)
        {
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                return (Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), "utf-8");
            }

            if (HasUtf16Bom(bytes, bytes.Length))
            {
                var bigEndian = bytes[0] == 0xFE;
                return (new UnicodeEncoding(bigEndian, false).GetString(bytes, 2, bytes.Length - 2), bigEndian ? "utf-16BE" : "utf-16");
            }

            try
            {
                var text = new UTF8Encoding(false, true).GetString(bytes);
                return (text, IsAscii(bytes) ? fallbackName : "utf-8");
            }
            catch (DecoderFallbackException)
            {
                return (fallback.GetString(bytes), fallbackName);
            }
        }

        public static Encoding Windows1252 => TextEncodings.Windows1252;

        private static bool HasUtf16Bom(byte[] head, int count) =>
            count >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));

        private static bool IsAscii(byte[] bytes)
        {
            foreach (var b in bytes)
            {
                if (b >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
