using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ImpactEmploi.Layouts;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>
    /// A Java .properties file kept byte for byte. Read as java.util.Properties does: logical lines (a line ending in an odd
    /// number of backslashes continues), '#' and '!' comments, key and value separated by '=', ':' or blanks, the escapes
    /// \t \n \r \f \uXXXX and \x for x; the last of a repeated key wins. UTF-8 when the file is valid UTF-8 (or starts
    /// with its byte order mark), else ISO-8859-1. Writing escapes what must be: backslashes, line breaks, a leading
    /// blank, and as \uXXXX every character the file's encoding cannot hold (beyond U+00FF in ISO-8859-1, beyond ASCII in
    /// an ASCII-only file, which either reading must get right).
    /// </summary>
    public sealed class PropertiesDocument : ISettingsDocument
    {
        private const string FormatName = ".properties";
        private readonly byte[] _bom;
        private readonly string _path;
        private string _text;
        private Dictionary<string, Entry> _entries;

        private PropertiesDocument(string path, Encoding encoding, byte[] bom, string text, Dictionary<string, Entry> entries)
        {
            _path = path;
            Encoding = encoding;
            _bom = bom;
            _text = text;
            _entries = entries;
            NewLine = DocumentText.DominantNewLine(text);
        }

        public Encoding Encoding { get; }

        public bool HasBom => _bom.Length > 0;

        /// <summary>The line ending used for an added key: the file's dominant one, "\r\n" when it has none.</summary>
        public string NewLine { get; }

        /// <summary>The keys, each once.</summary>
        public IEnumerable<string> Keys => _entries.Keys;

        public static PropertiesDocument Parse(byte[] bytes, string sourcePath)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            if (bytes.Length == 0)
            {
                throw DocumentText.Unreadable(sourcePath, Res.Get("IniReasonEmpty"));
            }

            byte[] bom = Array.Empty<byte>();
            Encoding encoding;
            string? text;
            if (DocumentText.StartsWith(bytes, DocumentText.Utf8Bom))
            {
                bom = DocumentText.Utf8Bom;
                encoding = DocumentText.Utf8;
                text = DocumentText.TryDecode(bytes, 3, encoding) ?? throw DocumentText.Undecodable(sourcePath, "UTF-8");
            }
            else if (DocumentText.StartsWith(bytes, 0xFF, 0xFE) || DocumentText.StartsWith(bytes, 0xFE, 0xFF))
            {
                throw DocumentText.Undecodable(sourcePath, "ISO-8859-1 / UTF-8");
            }
            else
            {
                encoding = DocumentText.Utf8;
                text = DocumentText.TryDecode(bytes, 0, encoding);
                if (text == null)
                {
                    encoding = TextEncodings.GetStrict(28591);
                    text = DocumentText.TryDecode(bytes, 0, encoding) ?? throw DocumentText.Undecodable(sourcePath, "ISO-8859-1");
                }
            }

            DocumentText.CheckControlCharacters(text, sourcePath, allowFormFeed: true);
            return new PropertiesDocument(sourcePath, encoding, bom, text, Scan(text, sourcePath));
        }

        public string? GetValue(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

        /// <summary>Sets a key's value (the last occurrence's); a missing key is added at the end of the file.</summary>
        public bool SetValue(string key, string value)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (value is null) throw new ArgumentNullException(nameof(value));
            string updated;
            if (_entries.TryGetValue(key, out var entry))
            {
                if (string.Equals(entry.Value, value, StringComparison.Ordinal))
                {
                    return false;
                }

                updated = _text.Substring(0, entry.ValueStart) + Escape(value, false) + _text.Substring(entry.ValueEnd);
            }
            else
            {
                bool endsWithLine = _text.Length == 0 || _text[_text.Length - 1] == '\n' || _text[_text.Length - 1] == '\r';
                updated = _text + (endsWithLine ? "" : NewLine) + Escape(key, true) + "=" + Escape(value, false) + NewLine;
            }

            // Read back as a new file would be: the change must read back, the other keys unchanged, the encoding the same.
            PropertiesDocument reread;
            try
            {
                reread = Parse(_bom.Concat(Encoding.GetBytes(updated)).ToArray(), _path);
            }
            catch (IeaException)
            {
                throw DocumentText.NotWritable(key, Res.Get("IniReasonNotReadBack"));
            }

            var entries = reread._entries;
            bool othersKept = _entries.All(pair => pair.Key == key || (entries.TryGetValue(pair.Key, out var other) && other.Value == pair.Value.Value));
            if (reread.Encoding.CodePage != Encoding.CodePage || !othersKept || reread.GetValue(key) != value ||
                entries.Count != _entries.Count + (entry == null ? 1 : 0))
            {
                throw DocumentText.NotWritable(key, Res.Get("IniReasonNotReadBack"));
            }

            _text = updated;
            _entries = entries;
            return true;
        }

        string? ISettingsDocument.GetValue(SettingLocation location) => GetValue(location.Key);

        bool ISettingsDocument.SetValue(SettingLocation location, string value) => SetValue(location.Key, value);

        public byte[] ToBytes()
        {
            var body = Encoding.GetBytes(_text);
            var result = new byte[_bom.Length + body.Length];
            Array.Copy(_bom, result, _bom.Length);
            Array.Copy(body, 0, result, _bom.Length, body.Length);
            return result;
        }

        private string Escape(string text, bool isKey)
        {
            // An ASCII-only file reads the same in ISO-8859-1 and UTF-8: only \uXXXX keeps a new accent right in both.
            char highest = Encoding.CodePage == 28591 ? '\u00FF' : IsAscii(_text) ? '\u007E' : '\uFFFF';
            var escaped = new StringBuilder(text.Length + 8);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '\\': escaped.Append("\\\\"); break;
                    case '\t': escaped.Append("\\t"); break;
                    case '\n': escaped.Append("\\n"); break;
                    case '\r': escaped.Append("\\r"); break;
                    case '\f': escaped.Append("\\f"); break;
                    case ' ' when isKey || i == 0: escaped.Append("\\ "); break;
                    case '=' when isKey:
                    case ':' when isKey:
                    case '#' when isKey:
                    case '!' when isKey:
                        escaped.Append('\\').Append(c);
                        break;
                    default:
                        if (c < ' ' || char.IsSurrogate(c) || c > highest)
                        {
                            escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            escaped.Append(c);
                        }

                        break;
                }
            }

            return escaped.ToString();
        }

        private static bool IsAscii(string text)
        {
            foreach (char c in text)
            {
                if (c > '\u007F')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\f';

        /// <summary>Every key's last entry, read as java.util.Properties.load does.</summary>
        private static Dictionary<string, Entry> Scan(string text, string path)
        {
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            var logical = new StringBuilder();
            var rawIndex = new List<int>();
            int i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && IsBlank(text[i]))
                {
                    i++;
                }

                if (i >= text.Length)
                {
                    break;
                }

                if (text[i] == '\n' || text[i] == '\r')
                {
                    i++;
                    continue;
                }

                if (text[i] == '#' || text[i] == '!')
                {
                    while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                    {
                        i++;
                    }

                    continue;
                }

                // One logical line: natural lines joined where one ends in an odd number of backslashes.
                logical.Clear();
                rawIndex.Clear();
                int end;
                while (true)
                {
                    while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                    {
                        logical.Append(text[i]);
                        rawIndex.Add(i);
                        i++;
                    }

                    end = i;
                    int backslashes = 0;
                    for (int k = logical.Length - 1; k >= 0 && logical[k] == '\\'; k--)
                    {
                        backslashes++;
                    }

                    if (backslashes % 2 == 0)
                    {
                        break;
                    }

                    logical.Length--;
                    rawIndex.RemoveAt(rawIndex.Count - 1);
                    if (i >= text.Length)
                    {
                        break;
                    }

                    i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    while (i < text.Length && IsBlank(text[i]))
                    {
                        i++;
                    }
                }

                AddEntry(entries, logical, rawIndex, end, text, path);
            }

            return entries;
        }

        private static void AddEntry(Dictionary<string, Entry> entries, StringBuilder line, List<int> rawIndex, int rawEnd, string text, string path)
        {
            int keyEnd = 0;
            bool blankSeparated = false;
            bool escaped = false;
            for (; keyEnd < line.Length; keyEnd++)
            {
                char c = line[keyEnd];
                if (escaped)
                {
                    escaped = false;
                    continue;
                }

                if (c == '\\')
                {
                    escaped = true;
                    continue;
                }

                if (c == '=' || c == ':' || IsBlank(c))
                {
                    blankSeparated = IsBlank(c);
                    break;
                }
            }

            int valueStart = keyEnd < line.Length ? keyEnd + 1 : keyEnd;
            while (valueStart < line.Length && IsBlank(line[valueStart]))
            {
                valueStart++;
            }

            if (blankSeparated && valueStart < line.Length && (line[valueStart] == '=' || line[valueStart] == ':'))
            {
                valueStart++;
                while (valueStart < line.Length && IsBlank(line[valueStart]))
                {
                    valueStart++;
                }
            }

            var key = Unescape(line, 0, keyEnd, rawIndex, text, path);
            var value = Unescape(line, valueStart, line.Length, rawIndex, text, path);
            int rawValueStart = valueStart < rawIndex.Count ? rawIndex[valueStart] : rawEnd;
            entries.Remove(key);
            entries[key] = new Entry(value, rawValueStart, rawEnd);
        }

        private static string Unescape(StringBuilder line, int start, int end, List<int> rawIndex, string text, string path)
        {
            var result = new StringBuilder(end - start);
            for (int i = start; i < end; i++)
            {
                char c = line[i];
                if (c != '\\' || i + 1 >= end)
                {
                    // A lone backslash at the very end of the file is dropped, as Java does.
                    if (c != '\\')
                    {
                        result.Append(c);
                    }

                    continue;
                }

                c = line[++i];
                switch (c)
                {
                    case 't': result.Append('\t'); break;
                    case 'n': result.Append('\n'); break;
                    case 'r': result.Append('\r'); break;
                    case 'f': result.Append('\f'); break;
                    case 'u':
                        if (!int.TryParse(Slice(line, i + 1, 4, end), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw DocumentText.Syntax(path, FormatName, text, rawIndex[i]);
                        }

                        result.Append((char)code);
                        i += 4;
                        break;
                    default: result.Append(c); break;
                }
            }

            return result.ToString();
        }

        private static string Slice(StringBuilder line, int start, int length, int end)
        {
            if (start + length > end)
            {
                return "";
            }

            var chars = new char[length];
            line.CopyTo(start, chars, 0, length);
            foreach (char c in chars)
            {
                if (!Uri.IsHexDigit(c)) return "";
            }

            return new string(chars);
        }

        private sealed class Entry
        {
            public Entry(string value, int valueStart, int valueEnd)
            {
                Value = value;
                ValueStart = valueStart;
                ValueEnd = valueEnd;
            }

            public string Value { get; }
            public int ValueStart { get; }
            public int ValueEnd { get; }
        }
    }
}
