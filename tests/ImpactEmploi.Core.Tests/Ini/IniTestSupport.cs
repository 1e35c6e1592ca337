using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ImpactEmploi.Ini;

namespace ImpactEmploi.Tests.Ini
{
    /// <summary>The encodings a settings file comes in, and test-side encoding and line splitting that do not use IniDocument.</summary>
    internal static class IniTestSupport
    {
        public const string Win1252 = "Windows-1252";
        public const string Utf8Bom = "UTF-8 BOM";
        public const string Utf16LeBom = "UTF-16 LE BOM";
        public const string Utf16BeBom = "UTF-16 BE BOM";
        public const string Utf8NoBom = "UTF-8 (default)";

        public static readonly string[] FileEncodings = { Win1252, Utf8Bom, Utf16LeBom, Utf16BeBom };

        public static Encoding EncodingOf(string name)
        {
            switch (name)
            {
                case Win1252:
                    Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                    return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
                case Utf8Bom:
                case Utf8NoBom:
                    return new UTF8Encoding(false, true);
                case Utf16LeBom:
                    return new UnicodeEncoding(false, false, true);
                case Utf16BeBom:
                    return new UnicodeEncoding(true, false, true);
                default:
                    throw new ArgumentOutOfRangeException(nameof(name));
            }
        }

        /// <summary>Written by hand, not taken from System.Text, so a wrong BOM cannot go unnoticed.</summary>
        public static byte[] BomOf(string name)
        {
            switch (name)
            {
                case Utf8Bom: return new byte[] { 0xEF, 0xBB, 0xBF };
                case Utf16LeBom: return new byte[] { 0xFF, 0xFE };
                case Utf16BeBom: return new byte[] { 0xFE, 0xFF };
                default: return Array.Empty<byte>();
            }
        }

        public static Encoding? DefaultFor(string name) => name == Utf8NoBom ? new UTF8Encoding(false) : null;

        public static byte[] Encode(string name, string text) =>
            BomOf(name).Concat(EncodingOf(name).GetBytes(text)).ToArray();

        /// <summary>The lines of <paramref name="bytes"/>, each with its own line ending.</summary>
        public static List<string> Lines(string name, byte[] bytes)
        {
            int bom = BomOf(name).Length;
            string text = EncodingOf(name).GetString(bytes, bom, bytes.Length - bom);
            var lines = new List<string>();
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    lines.Add(text.Substring(start, i + 1 - start));
                    start = i + 1;
                }
            }

            if (start < text.Length)
            {
                lines.Add(text.Substring(start));
            }

            return lines;
        }

        public static string Hex(byte[] bytes) => BitConverter.ToString(bytes);

        public static bool Contains(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Runs <paramref name="action"/> with English (or another) messages.</summary>
        public static void InCulture(string culture, Action action)
        {
            CultureInfo saved = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                action();
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }

        public static IeaException Unreadable(Func<IniDocument> parse)
        {
            var ex = Xunit.Assert.Throws<IeaException>(() => parse());
            Xunit.Assert.Equal(ErrorIds.ConfigUnreadable, ex.ErrorId);
            return ex;
        }
    }
}
