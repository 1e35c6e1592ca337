namespace ImpactEmploi.Ini
{
    internal enum IniLineKind
    {
        Blank,
        Comment,
        Section,
        Key,
        /// <summary>Text that is neither of the others: kept and ignored, as real INI readers do.</summary>
        Other,
    }

    /// <summary>One line: its original bytes (line ending included) and what it says.</summary>
    internal sealed class IniLine
    {
        private IniLine(string text, string ending, byte[] bytes)
        {
            Text = text;
            Ending = ending;
            Bytes = bytes;
        }

        public string Text { get; }

        /// <summary>"\r\n", "\n", "\r", or "" for a last line without one.</summary>
        public string Ending { get; }

        public byte[] Bytes { get; }

        public IniLineKind Kind { get; private set; }

        /// <summary>The section name or the key, trimmed.</summary>
        public string Name { get; private set; } = string.Empty;

        /// <summary>The value as written (quotes included), Text[ValueStart..ValueEnd); no surrounding blanks, no inline comment.</summary>
        public int ValueStart { get; private set; }

        public int ValueEnd { get; private set; }

        public bool Quoted { get; private set; }

        public string Value => Quoted
            ? Text.Substring(ValueStart + 1, ValueEnd - ValueStart - 2)
            : Text.Substring(ValueStart, ValueEnd - ValueStart);

        public static IniLine Create(string text, string ending, byte[] bytes)
        {
            var line = new IniLine(text, ending, bytes);
            line.Classify();
            return line;
        }

        internal static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r';

        private static int SkipBlanks(string text, int index)
        {
            while (index < text.Length && IsBlank(text[index]))
            {
                index++;
            }

            return index;
        }

        private void Classify()
        {
            string t = Text;
            int first = SkipBlanks(t, 0);
            if (first == t.Length)
            {
                Kind = IniLineKind.Blank;
                return;
            }

            char c = t[first];
            if (c == ';' || c == '#')
            {
                Kind = IniLineKind.Comment;
                return;
            }

            if (c == '[')
            {
                int close = t.IndexOf(']', first + 1);
                if (close < 0)
                {
                    Kind = IniLineKind.Other;
                    return;
                }

                Kind = IniLineKind.Section;
                Name = Trim(t.Substring(first + 1, close - first - 1));
                return;
            }

            int eq = t.IndexOf('=', first);
            if (eq <= first)
            {
                Kind = IniLineKind.Other;
                return;
            }

            Kind = IniLineKind.Key;
            Name = Trim(t.Substring(first, eq - first));

            int valueStart = SkipBlanks(t, eq + 1);
            int scanFrom = eq + 1;
            if (valueStart < t.Length && t[valueStart] == '"')
            {
                // A ';' inside a quoted value is not a comment.
                int closing = t.IndexOf('"', valueStart + 1);
                if (closing > 0)
                {
                    scanFrom = closing + 1;
                }
            }

            int commentAt = t.Length;
            for (int i = scanFrom; i < t.Length; i++)
            {
                if (t[i] == ';' && i > eq + 1 && IsBlank(t[i - 1]))
                {
                    commentAt = i;
                    break;
                }
            }

            int valueEnd = commentAt;
            while (valueEnd > eq + 1 && IsBlank(t[valueEnd - 1]))
            {
                valueEnd--;
            }

            ValueStart = valueStart > valueEnd ? valueEnd : valueStart;
            ValueEnd = valueEnd;
            Quoted = ValueEnd - ValueStart >= 2 && t[ValueStart] == '"' && t[ValueEnd - 1] == '"';
        }

        private static string Trim(string s) => s.Trim(' ', '\t', '\r');
    }
}
