using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// The keys and values of a Java .properties file, read as java.util.Properties does: '#' and '!' comments,
    /// '=', ':' or blanks between key and value, backslash escapes (\uXXXX included) and line continuations.
    /// Read-only and lenient: discovery never refuses a file, it finds less in it.
    /// </summary>
    internal static class PropertiesEntries
    {
        public static List<NamedValue> Read(string text, string fileName)
        {
            var found = new List<NamedValue>();
            foreach (var line in LogicalLines(text))
            {
                var (key, value) = Split(line);
                // java.util.Properties keeps the last of duplicated keys.
                if (key.Length > 0)
                {
                    found.RemoveAll(v => v.Key == key);
                    found.Add(new NamedValue(key, fileName, value, key) { Key = key });
                }
            }

            return found;
        }

        private static IEnumerable<string> LogicalLines(string text)
        {
            var current = new StringBuilder();
            var continuing = false;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (continuing)
                {
                    line = line.TrimStart(' ', '\t', '\f');
                }
                else
                {
                    var start = line.TrimStart(' ', '\t', '\f');
                    if (start.Length == 0 || start[0] == '#' || start[0] == '!')
                    {
                        continue;
                    }

                    line = start;
                }

                var backslashes = 0;
                for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
                {
                    backslashes++;
                }

                continuing = backslashes % 2 == 1;
                current.Append(continuing ? line.Substring(0, line.Length - 1) : line);
                if (!continuing)
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }

            if (current.Length > 0)
            {
                yield return current.ToString();
            }
        }

        private static (string Key, string Value) Split(string line)
        {
            var key = new StringBuilder();
            var i = 0;
            for (; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\\' && i + 1 < line.Length)
                {
                    i = Unescape(line, i, key);
                    continue;
                }

                if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f')
                {
                    break;
                }

                key.Append(c);
            }

            while (i < line.Length && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f'))
            {
                i++;
            }

            if (i < line.Length && (line[i] == '=' || line[i] == ':'))
            {
                i++;
                while (i < line.Length && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f'))
                {
                    i++;
                }
            }

            var value = new StringBuilder();
            for (; i < line.Length; i++)
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    i = Unescape(line, i, value);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            return (key.ToString(), value.ToString());
        }

        /// <summary>Appends the character escaped at <paramref name="at"/> (a backslash) and returns the index of its last character.</summary>
        private static int Unescape(string line, int at, StringBuilder to)
        {
            var c = line[at + 1];
            switch (c)
            {
                case 't': to.Append('\t'); return at + 1;
                case 'n': to.Append('\n'); return at + 1;
                case 'r': to.Append('\r'); return at + 1;
                case 'f': to.Append('\f'); return at + 1;
                case 'u' when at + 5 < line.Length
                    && int.TryParse(line.Substring(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    to.Append((char)code);
                    return at + 5;
                default:
                    to.Append(c);
                    return at + 1;
            }
        }
    }
}
