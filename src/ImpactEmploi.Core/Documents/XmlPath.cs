using System;
using System.Collections.Generic;

namespace ImpactEmploi.Documents
{
    /// <summary>
    /// The simple absolute XPath a layout names an XML setting with: element steps with optional [@attr='value']
    /// predicates, ending in an element (its text; "/text()" may say so) or "/@attr". Unprefixed element names have no
    /// namespace, as in XPath 1.0: a file with a default namespace needs a prefix from the layout's XmlNamespaces.
    /// </summary>
    public sealed class XmlPath
    {
        private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
        private readonly string _text;

        private XmlPath(string text, IReadOnlyList<XmlPathStep> steps, XmlName? attribute)
        {
            _text = text;
            Steps = steps;
            Attribute = attribute;
        }

        public IReadOnlyList<XmlPathStep> Steps { get; }

        /// <summary>The attribute the value is in; null when the value is the last element's text.</summary>
        public XmlName? Attribute { get; }

        /// <summary>Parses <paramref name="text"/>; null when it is not a path of that simple kind or uses an undeclared prefix.</summary>
        public static XmlPath? Parse(string text, IReadOnlyDictionary<string, string> namespaces)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (namespaces is null) throw new ArgumentNullException(nameof(namespaces));
            var steps = new List<XmlPathStep>();
            int i = 0;
            while (i < text.Length)
            {
                if (text[i] != '/') return null;
                i++;
                if (i < text.Length && text[i] == '@')
                {
                    i++;
                    var attribute = ReadName(text, ref i, namespaces, false);
                    return attribute == null || i != text.Length || steps.Count == 0 ? null : new XmlPath(text, steps, attribute);
                }

                if (string.CompareOrdinal(text, i, "text()", 0, 6) == 0 && i + 6 == text.Length)
                {
                    return steps.Count == 0 ? null : new XmlPath(text, steps, null);
                }

                var name = ReadName(text, ref i, namespaces, true);
                if (name == null) return null;
                var conditions = new List<KeyValuePair<XmlName, string>>();
                while (i < text.Length && text[i] == '[')
                {
                    i++;
                    if (i >= text.Length || text[i] != '@') return null;
                    i++;
                    var attribute = ReadName(text, ref i, namespaces, false);
                    if (attribute == null || i + 1 >= text.Length || text[i] != '=' || (text[i + 1] != '\'' && text[i + 1] != '"')) return null;
                    char quote = text[i + 1];
                    int end = text.IndexOf(quote, i + 2);
                    if (end < 0 || end + 1 >= text.Length || text[end + 1] != ']') return null;
                    conditions.Add(new KeyValuePair<XmlName, string>(attribute, text.Substring(i + 2, end - i - 2)));
                    i = end + 2;
                }

                steps.Add(new XmlPathStep(name, conditions));
            }

            return steps.Count == 0 ? null : new XmlPath(text, steps, null);
        }

        public override string ToString() => _text;

        private static XmlName? ReadName(string text, ref int i, IReadOnlyDictionary<string, string> namespaces, bool element)
        {
            int start = i;
            while (i < text.Length && "/[]@='\"()".IndexOf(text[i]) < 0)
            {
                i++;
            }

            var qualified = text.Substring(start, i - start);
            int colon = qualified.IndexOf(':');
            string prefix = colon < 0 ? "" : qualified.Substring(0, colon);
            string local = colon < 0 ? qualified : qualified.Substring(colon + 1);
            if (!XmlName.IsNcName(local) || (colon >= 0 && !XmlName.IsNcName(prefix)))
            {
                return null;
            }

            if (prefix.Length == 0)
            {
                return new XmlName("", local);
            }

            if (prefix == "xml")
            {
                return element ? null : new XmlName(XmlNamespace, local);
            }

            foreach (var pair in namespaces)
            {
                if (string.Equals(pair.Key, prefix, StringComparison.Ordinal))
                {
                    return new XmlName(pair.Value, local);
                }
            }

            return null;
        }
    }
}
