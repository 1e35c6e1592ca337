using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// The attributes and leaf texts of an XML document, each with a simple absolute XPath as a layout names it:
    /// /a/b/c, /a/b[@key='v'] where an element carries a key or name attribute, /a/b/@attr. Namespaced elements get
    /// prefixes ns1, ns2… listed in <see cref="NamedValue.XmlNamespaces"/>. No DTD, no external entity is read.
    /// </summary>
    internal static class XmlEntries
    {
        private static readonly string[] KeyAttributes = { "key", "name", "id", "nom", "cle", "clé" };

        public static List<NamedValue> Read(string text)
        {
            var document = new XmlDocument { XmlResolver = null };
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 1024 };
            try
            {
                using var reader = XmlReader.Create(new StringReader(text), settings);
                document.Load(reader);
            }
            catch (XmlException)
            {
                return new List<NamedValue>();
            }

            var found = new List<NamedValue>();
            var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
            var paths = new HashSet<string>(StringComparer.Ordinal);
            if (document.DocumentElement != null)
            {
                Walk(document.DocumentElement, "", new List<string>(), prefixes, paths, found);
            }

            return found;
        }

        private static void Walk(XmlElement element, string parentPath, List<string> ancestors, Dictionary<string, string> prefixes,
            HashSet<string> paths, List<NamedValue> found)
        {
            var keyAttribute = element.Attributes.Cast<XmlAttribute>()
                .FirstOrDefault(a => a.Prefix.Length == 0 && KeyAttributes.Contains(a.LocalName, StringComparer.OrdinalIgnoreCase) && !a.Value.Contains("'"));
            var step = Name(element.NamespaceURI, element.LocalName, prefixes)
                + (keyAttribute == null ? "" : "[@" + keyAttribute.LocalName + "='" + keyAttribute.Value + "']");
            var path = parentPath + "/" + step;
            // A path that names an element already seen would reach the first one, not this one.
            if (!paths.Add(path))
            {
                return;
            }

            var context = string.Join(" ", ancestors);
            var ownName = element.LocalName + (keyAttribute == null ? "" : " " + keyAttribute.Value);
            foreach (XmlAttribute attribute in element.Attributes)
            {
                if (attribute == keyAttribute || attribute.Prefix == "xmlns" || attribute.LocalName == "xmlns" || attribute.NamespaceURI.Length > 0)
                {
                    continue;
                }

                // <add key="ServeurAuthentification" value="…"/>: the key attribute's value names the setting.
                var name = keyAttribute == null ? attribute.LocalName : keyAttribute.Value + " " + attribute.LocalName;
                var attributePath = path + "/@" + attribute.LocalName;
                found.Add(new NamedValue(name, context + " " + element.LocalName, attribute.Value, attributePath)
                {
                    XPath = attributePath,
                    XmlNamespaces = Namespaces(prefixes),
                });
            }

            var children = element.ChildNodes.OfType<XmlElement>().ToList();
            if (children.Count == 0 && (element.Attributes.Count == 0 || element.InnerText.Trim().Length > 0))
            {
                found.Add(new NamedValue(ownName, context, element.InnerText.Trim(), path) { XPath = path, XmlNamespaces = Namespaces(prefixes) });
            }

            ancestors.Add(ownName);
            foreach (var child in children)
            {
                Walk(child, path, ancestors, prefixes, paths, found);
            }

            ancestors.RemoveAt(ancestors.Count - 1);
        }

        private static string Name(string namespaceUri, string localName, Dictionary<string, string> prefixes)
        {
            if (namespaceUri.Length == 0)
            {
                return localName;
            }

            if (!prefixes.TryGetValue(namespaceUri, out var prefix))
            {
                prefix = "ns" + (prefixes.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                prefixes[namespaceUri] = prefix;
            }

            return prefix + ":" + localName;
        }

        private static Hashtable? Namespaces(Dictionary<string, string> prefixes)
        {
            if (prefixes.Count == 0)
            {
                return null;
            }

            var table = new Hashtable();
            foreach (var pair in prefixes)
            {
                table[pair.Value] = pair.Key;
            }

            return table;
        }
    }
}
