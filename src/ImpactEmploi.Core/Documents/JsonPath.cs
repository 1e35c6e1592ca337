using System;
using System.Collections.Generic;
using System.Globalization;

namespace ImpactEmploi.Documents
{
    /// <summary>
    /// A layout's JSON location: property names separated by dots, "[n]" for an array element
    /// ("connexion.serveurs[0].url"). Each segment is a property name (string) or an index (int).
    /// </summary>
    public sealed class JsonPath
    {
        private readonly string _text;

        private JsonPath(string text, IReadOnlyList<object> segments)
        {
            _text = text;
            Segments = segments;
        }

        public IReadOnlyList<object> Segments { get; }

        /// <summary>Parses <paramref name="text"/>; null when a name is empty or an index is not a number.</summary>
        public static JsonPath? Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var segments = new List<object>();
            int i = 0;
            bool expectName = true;
            while (i < text.Length)
            {
                if (text[i] == '[')
                {
                    int close = text.IndexOf(']', i);
                    if (close < 0 || !int.TryParse(text.Substring(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                    {
                        return null;
                    }

                    if (expectName && segments.Count > 0) return null;
                    segments.Add(index);
                    i = close + 1;
                    expectName = false;
                    continue;
                }

                if (!expectName)
                {
                    if (text[i] != '.') return null;
                    i++;
                }

                int start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '[' && text[i] != ']')
                {
                    i++;
                }

                if (i == start) return null;
                segments.Add(text.Substring(start, i - start));
                expectName = false;
            }

            return segments.Count == 0 || expectName ? null : new JsonPath(text, segments);
        }

        public override string ToString() => _text;
    }
}
