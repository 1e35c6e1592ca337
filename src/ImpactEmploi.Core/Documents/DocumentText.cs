using System;
using System.Globalization;
using System.Text;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>What the text-based stores share: strict decoding, positions for messages, ConfigUnreadable and not-writable errors.</summary>
    internal static class DocumentText
    {
        public static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

        private static readonly char[] LineBreaks = { '\r', '\n' };

        public static Encoding Utf8 { get; } = new UTF8Encoding(false, true);

        public static bool StartsWith(byte[] bytes, params byte[] prefix)
        {
            if (bytes.Length < prefix.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (bytes[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Decodes strictly; null when the bytes are not valid in <paramref name="encoding"/> or would not encode back the same.</summary>
        public static string? TryDecode(byte[] bytes, int offset, Encoding encoding)
        {
            try
            {
                var text = encoding.GetString(bytes, offset, bytes.Length - offset);
                var again = encoding.GetBytes(text);
                return again.AsSpan().SequenceEqual(bytes.AsSpan(offset)) ? text : null;
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
            catch (EncoderFallbackException)
            {
                return null;
            }
        }

        /// <summary>Refuses C0 control characters other than tab, line ends and (when allowed) form feed: the file is not text.</summary>
        public static void CheckControlCharacters(string text, string path, bool allowFormFeed)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' && c != '\t' && c != '\n' && c != '\r' && !(allowFormFeed && c == '\f'))
                {
                    throw Unreadable(path, Res.Format("IniReasonControlCharacter", LineOf(text, i), ((int)c).ToString("X4", CultureInfo.InvariantCulture)));
                }
            }
        }

        /// <summary>"\n" when LF line ends outnumber CRLF ones, else "\r\n".</summary>
        public static string DominantNewLine(string text)
        {
            int crlf = 0;
            int lf = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    if (i > 0 && text[i - 1] == '\r') crlf++;
                    else lf++;
                }
            }

            return lf > crlf ? "\n" : "\r\n";
        }

        public static int LineOf(string text, int index)
        {
            int line = 1;
            for (int i = 0; i < index && i < text.Length; i++)
            {
                if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                {
                    line++;
                }
            }

            return line;
        }

        public static int ColumnOf(string text, int index)
        {
            int start = index;
            while (start > 0 && text[start - 1] != '\n' && text[start - 1] != '\r')
            {
                start--;
            }

            return index - start + 1;
        }

        public static IeaException Syntax(string path, string format, string text, int index) =>
            Unreadable(path, Res.Format("StoreReasonSyntax", format, LineOf(text, index), ColumnOf(text, index)));

        public static IeaException Undecodable(string path, string encodingName) =>
            Unreadable(path, Res.Format("StoreReasonUndecodable", encodingName));

        public static IeaException Unreadable(string path, string reason, IeaErrorCategory category = IeaErrorCategory.InvalidData, Exception? inner = null) =>
            new IeaException(ErrorIds.ConfigUnreadable, category, Res.Format("ConfigUnreadable", path, reason), path,
                Res.Get("ConfigUnreadableAction"), inner);

        public static ArgumentException NotWritable(object location, string reason) =>
            new SettingNotWritableException(Res.Format("StoreNotWritable", location, reason), reason);

        /// <summary>A missing location the store cannot add, with why (an ambiguous place, a JSON array on the way...).</summary>
        public static IeaException NotAdded(object location, string path, string reason) =>
            new IeaException(ErrorIds.InvalidSettingValue, IeaErrorCategory.InvalidArgument,
                Res.Format("SettingNotAdded", location, path, reason), location.ToString(), Res.Get("SettingNotInFileAction"));

        /// <summary>The blanks a line starts with, for the line holding <paramref name="index"/>.</summary>
        public static string LineIndent(string text, int index)
        {
            int start = index;
            while (start > 0 && text[start - 1] != '\n' && text[start - 1] != '\r')
            {
                start--;
            }

            int end = start;
            while (end < text.Length && (text[end] == ' ' || text[end] == '\t'))
            {
                end++;
            }

            return text.Substring(start, end - start);
        }

        /// <summary>The first line end in <paramref name="text"/> ("\r\n", "\n" or "\r"); null when there is none.</summary>
        public static string? FirstLineBreak(string text)
        {
            int at = text.IndexOfAny(LineBreaks);
            if (at < 0)
            {
                return null;
            }

            return text[at] == '\n' ? "\n" : at + 1 < text.Length && text[at + 1] == '\n' ? "\r\n" : "\r";
        }

        /// <summary>The indent one level adds, from a child's and its parent's indents: their difference, else two spaces (a tab in a tab-indented file).</summary>
        public static string IndentUnit(string parentIndent, string? childIndent)
        {
            if (childIndent != null && childIndent.Length > parentIndent.Length && childIndent.StartsWith(parentIndent, StringComparison.Ordinal))
            {
                return childIndent.Substring(parentIndent.Length);
            }

            return (childIndent ?? parentIndent).IndexOf('\t') >= 0 ? "\t" : "  ";
        }
    }
}
