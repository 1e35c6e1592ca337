using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ImpactEmploi.Documents;
using ImpactEmploi.Layouts;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Ini
{
    /// <summary>
    /// An INI file kept byte for byte: every line keeps its original bytes (line ending included) and only the
    /// lines <see cref="SetValue"/> touches are encoded again, so an unchanged document writes back the input exactly.
    /// </summary>
    public sealed class IniDocument : ISettingsDocument
    {
        /// <summary>IEA's settings file is a few kilobytes; anything over this is not it.</summary>
        public const int MaxFileBytes = SettingsDocuments.MaxFileBytes;

        private readonly List<IniLine> lines;
        private readonly byte[] bom;

        private IniDocument(Encoding encoding, byte[] bom, List<IniLine> lines, string newLine)
        {
            Encoding = encoding;
            this.bom = bom;
            this.lines = lines;
            NewLine = newLine;
        }

        /// <summary>The encoding in use (from the byte order mark, else the default); strict: it throws rather than substitute.</summary>
        public Encoding Encoding { get; }

        public bool HasBom => bom.Length > 0;

        /// <summary>The file's dominant line ending ("\r\n", "\n" or "\r"), used for added lines; "\r\n" when the file has none.</summary>
        public string NewLine { get; }

        /// <summary>Section names in file order, each once (first spelling); "" when keys come before any section.</summary>
        public IReadOnlyList<string> SectionNames
        {
            get
            {
                var names = new List<string>();
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (IniLine line in lines)
                {
                    if (line.Kind == IniLineKind.Section)
                    {
                        if (seen.Add(line.Name))
                        {
                            names.Add(line.Name);
                        }
                    }
                    else if (line.Kind == IniLineKind.Key && names.Count == 0 && seen.Add(string.Empty))
                    {
                        names.Add(string.Empty);
                    }
                }

                return names;
            }
        }

        public static IniDocument Parse(byte[] bytes, string sourcePath, Encoding? defaultEncoding = null)
        {
            if (bytes is null)
            {
                throw new ArgumentNullException(nameof(bytes));
            }

            if (bytes.Length == 0)
            {
                throw Unreadable(sourcePath, Res.Get("IniReasonEmpty"), IeaErrorCategory.InvalidData);
            }

            Encoding encoding;
            int bomLength;
            if (StartsWith(bytes, 0xEF, 0xBB, 0xBF))
            {
                encoding = new UTF8Encoding(true, true);
                bomLength = 3;
            }
            else if (StartsWith(bytes, 0xFF, 0xFE))
            {
                encoding = new UnicodeEncoding(false, true, true);
                bomLength = 2;
            }
            else if (StartsWith(bytes, 0xFE, 0xFF))
            {
                encoding = new UnicodeEncoding(true, true, true);
                bomLength = 2;
            }
            else
            {
                encoding = defaultEncoding is null ? TextEncodings.Windows1252 : TextEncodings.GetStrict(defaultEncoding.CodePage);
                bomLength = 0;
            }

            int unit = encoding.CodePage == 1200 || encoding.CodePage == 1201 ? 2 : 1;
            if (encoding.CodePage == 12000 || encoding.CodePage == 12001)
            {
                throw new ArgumentException(Res.Format("IniUnsupportedEncoding", encoding.WebName), nameof(defaultEncoding));
            }

            bool bigEndian = encoding.CodePage == 1201;
            var lines = new List<IniLine>();
            int crlf = 0;
            int lf = 0;
            int crOnly = 0;
            int start = bomLength;
            for (int i = bomLength; i + unit <= bytes.Length; i += unit)
            {
                string ending;
                if (IsUnit(bytes, i, unit, bigEndian, '\n'))
                {
                    bool cr = i - unit >= start && IsUnit(bytes, i - unit, unit, bigEndian, '\r');
                    ending = cr ? "\r\n" : "\n";
                }
                else if (IsUnit(bytes, i, unit, bigEndian, '\r') && (i + unit == bytes.Length ||
                    (i + 2 * unit <= bytes.Length && !IsUnit(bytes, i + unit, unit, bigEndian, '\n'))))
                {
                    // A CR not followed by LF ends a line too (old Mac files), as Windows' profile API reads it.
                    ending = "\r";
                }
                else
                {
                    continue;
                }

                if (ending == "\r\n")
                {
                    crlf++;
                }
                else if (ending == "\n")
                {
                    lf++;
                }
                else
                {
                    crOnly++;
                }

                lines.Add(ReadLine(bytes, start, i + unit, ending, unit, encoding, lines.Count + 1, sourcePath));
                start = i + unit;
            }

            if (start < bytes.Length)
            {
                if ((bytes.Length - start) % unit != 0)
                {
                    throw Unreadable(sourcePath, Res.Format("IniReasonOddUtf16", lines.Count + 1), IeaErrorCategory.InvalidData);
                }

                lines.Add(ReadLine(bytes, start, bytes.Length, string.Empty, unit, encoding, lines.Count + 1, sourcePath));
            }

            var bom = new byte[bomLength];
            Array.Copy(bytes, bom, bomLength);
            string newLine = crOnly > crlf && crOnly > lf ? "\r" : lf > crlf ? "\n" : "\r\n";
            return new IniDocument(encoding, bom, lines, newLine);
        }

        public static IniDocument Load(string path, Encoding? defaultEncoding = null) =>
            Parse(SettingsDocuments.ReadBytes(path), path, defaultEncoding);

        /// <summary>Every (section, key, value) the reader sees: the first of duplicated keys in the first section
        /// of each name, in file order; "" is the section of keys before any section.</summary>
        public IEnumerable<(string Section, string Key, string Value)> Entries()
        {
            foreach (string section in SectionNames)
            {
                if (!SectionRange(section, out int start, out int end))
                {
                    continue;
                }

                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                for (int i = start; i < end; i++)
                {
                    if (lines[i].Kind == IniLineKind.Key && seen.Add(lines[i].Name))
                    {
                        yield return (section, lines[i].Name, lines[i].Value);
                    }
                }
            }
        }

        /// <summary>The trimmed value (without its quotes) of the first <paramref name="key"/> in the first
        /// <paramref name="section"/> of that name, both case-insensitive; null when absent. "" is the part before any section.</summary>
        public string? GetValue(string section, string key)
        {
            int index = FindKey(section, key);
            return index < 0 ? null : lines[index].Value;
        }

        /// <summary>
        /// Sets a value, changing only its bytes (an inline comment and its spacing stay). A missing key is added after
        /// the section's last key, a missing section at the end. Returns false, changing nothing, when the value is already equal.
        /// </summary>
        /// <exception cref="ArgumentException">The section, key or value cannot be written so as to read back the same.</exception>
        public bool SetValue(string section, string key, string value)
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            int index = FindKey(section, key);
            if (index >= 0)
            {
                IniLine line = lines[index];
                if (string.Equals(line.Value, value, StringComparison.Ordinal))
                {
                    return false;
                }

                CheckWritable(section, key, value);
                string prefix = line.Text.Substring(0, line.ValueStart);
                string suffix = line.Text.Substring(line.ValueEnd);
                lines[index] = MakeKeyLine(section, key, value, prefix, suffix, line.Ending, line.Quoted);
                return true;
            }

            CheckWritable(section, key, value);
            IniLine added = MakeKeyLine(section, key, value, key + "=", string.Empty, NewLine, false);
            if (SectionRange(section, out int start, out int end))
            {
                int insertAt = start;
                for (int i = start; i < end; i++)
                {
                    if (lines[i].Kind == IniLineKind.Key)
                    {
                        insertAt = i + 1;
                    }
                }

                EndLine(insertAt - 1);
                lines.Insert(insertAt, added);
                return true;
            }

            IniLine header = MakeLine("[" + section + "]", NewLine);
            if (header.Kind != IniLineKind.Section || !string.Equals(header.Name, section, StringComparison.Ordinal))
            {
                throw NotWritable(section, key, value, Res.Get("IniReasonNotReadBack"));
            }

            EndLine(lines.Count - 1);
            lines.Add(header);
            lines.Add(added);
            return true;
        }

        string? ISettingsDocument.GetValue(SettingLocation location) => GetValue(location.Section, location.Key);

        bool ISettingsDocument.SetValue(SettingLocation location, string value) => SetValue(location.Section, location.Key, value);

        public byte[] ToBytes()
        {
            int length = bom.Length;
            foreach (IniLine line in lines)
            {
                length += line.Bytes.Length;
            }

            var result = new byte[length];
            Array.Copy(bom, result, bom.Length);
            int offset = bom.Length;
            foreach (IniLine line in lines)
            {
                Array.Copy(line.Bytes, 0, result, offset, line.Bytes.Length);
                offset += line.Bytes.Length;
            }

            return result;
        }

        private static IniLine ReadLine(byte[] bytes, int start, int end, string ending, int unit, Encoding encoding,
            int lineNumber, string sourcePath)
        {
            int textLength = end - start - ending.Length * unit;
            string text;
            try
            {
                text = encoding.GetString(bytes, start, textLength);
            }
            catch (DecoderFallbackException ex)
            {
                throw Unreadable(sourcePath, Res.Format("IniReasonUndecodable", lineNumber, Describe(encoding)),
                    IeaErrorCategory.InvalidData, ex);
            }

            foreach (char c in text)
            {
                if (char.IsControl(c) && c != '\t' && c != '\r')
                {
                    throw Unreadable(sourcePath, Res.Format("IniReasonControlCharacter", lineNumber, ((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                        IeaErrorCategory.InvalidData);
                }
            }

            var lineBytes = new byte[end - start];
            Array.Copy(bytes, start, lineBytes, 0, lineBytes.Length);
            return IniLine.Create(text, ending, lineBytes);
        }

        private static bool StartsWith(byte[] bytes, params byte[] prefix)
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

        private static bool IsUnit(byte[] bytes, int index, int unit, bool bigEndian, char c)
        {
            if (unit == 1)
            {
                return bytes[index] == c;
            }

            return bigEndian
                ? bytes[index] == 0 && bytes[index + 1] == c
                : bytes[index] == c && bytes[index + 1] == 0;
        }

        private static string Describe(Encoding encoding)
        {
            switch (encoding.CodePage)
            {
                case 65001: return "UTF-8";
                case 1200: return "UTF-16 LE";
                case 1201: return "UTF-16 BE";
                case 1252: return "Windows-1252";
                default: return encoding.WebName;
            }
        }

        private static IeaException Unreadable(string path, string reason, IeaErrorCategory category, Exception? inner = null) =>
            new IeaException(ErrorIds.ConfigUnreadable, category, Res.Format("ConfigUnreadable", path, reason), path,
                Res.Get("ConfigUnreadableAction"), inner);

        private static ArgumentException NotWritable(string section, string key, string value, string reason) =>
            new ArgumentException(Res.Format("IniNotWritable", section, key, value, reason), nameof(value));

        /// <summary>The first line of the section's body and the line after it; for "", the lines before the first section.</summary>
        private bool SectionRange(string section, out int start, out int end)
        {
            start = -1;
            end = lines.Count;
            if (section.Length == 0)
            {
                start = 0;
            }

            for (int i = 0; i < lines.Count; i++)
            {
                if (lines[i].Kind != IniLineKind.Section)
                {
                    continue;
                }

                if (start >= 0)
                {
                    end = i;
                    return true;
                }

                if (string.Equals(lines[i].Name, section, StringComparison.OrdinalIgnoreCase))
                {
                    start = i + 1;
                }
            }

            return start >= 0;
        }

        private int FindKey(string section, string key)
        {
            if (section is null)
            {
                throw new ArgumentNullException(nameof(section));
            }

            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (SectionRange(section, out int start, out int end))
            {
                for (int i = start; i < end; i++)
                {
                    if (lines[i].Kind == IniLineKind.Key && string.Equals(lines[i].Name, key, StringComparison.OrdinalIgnoreCase))
                    {
                        return i;
                    }
                }
            }

            return -1;
        }

        private void CheckWritable(string section, string key, string value)
        {
            foreach (string s in new[] { section, key, value })
            {
                foreach (char c in s)
                {
                    if (char.IsControl(c) && c != '\t')
                    {
                        throw NotWritable(section, key, value, Res.Get("IniReasonLineBreak"));
                    }
                }

                try
                {
                    Encoding.GetByteCount(s);
                }
                catch (EncoderFallbackException ex)
                {
                    throw new ArgumentException(Res.Format("IniNotWritable", section, key, value,
                        Res.Format("IniReasonNotEncodable", Describe(Encoding))), nameof(value), ex);
                }
            }
        }

        /// <summary>prefix + value + suffix, quoted when that is what it takes to read the value back unchanged.</summary>
        private IniLine MakeKeyLine(string section, string key, string value, string prefix, string suffix, string ending, bool quote)
        {
            foreach (bool quoted in new[] { quote, true })
            {
                IniLine line = MakeLine(prefix + (quoted ? "\"" + value + "\"" : value) + suffix, ending);
                if (line.Kind == IniLineKind.Key && string.Equals(line.Name, key, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(line.Value, value, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw NotWritable(section, key, value, Res.Get("IniReasonNotReadBack"));
        }

        private IniLine MakeLine(string text, string ending) => IniLine.Create(text, ending, Encoding.GetBytes(text + ending));

        /// <summary>Gives line <paramref name="index"/> the file's line ending if it has none (the last line), so text can follow.</summary>
        private void EndLine(int index)
        {
            if (index >= 0 && lines[index].Ending.Length == 0)
            {
                IniLine last = lines[index];
                byte[] ending = Encoding.GetBytes(NewLine);
                var bytes = new byte[last.Bytes.Length + ending.Length];
                Array.Copy(last.Bytes, bytes, last.Bytes.Length);
                Array.Copy(ending, 0, bytes, last.Bytes.Length, ending.Length);
                lines[index] = IniLine.Create(last.Text, NewLine, bytes);
            }
        }
    }
}
