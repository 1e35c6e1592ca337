using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>Adding a missing element: the path's missing trailing steps, spliced in under the deepest step the file has.</summary>
    public sealed partial class XmlSettingsDocument
    {
        /// <summary>
        /// The text with the path's missing trailing elements added under the deepest element that matches the path's
        /// beginning: each with its [@attr='value'] conditions as attributes, named in the parent's namespaces (the
        /// default namespace when it is the step's, else a prefix the file declares), on its own line indented like its
        /// siblings when the parent's content is on several lines. Refused (InvalidSettingValue, with why) when the
        /// root is not the path's first step, when several elements match the deepest existing step, when the parent
        /// holds text, when a condition cannot hold on a new element, or when no prefix is declared for a namespace.
        /// </summary>
        private string AddElements(XmlPath path, string value)
        {
            if (!Matches(_root, path.Steps[0]))
            {
                throw NotAdded(path, Res.Format("StoreReasonXmlRoot", path.Steps[0].Name));
            }

            var deepest = new List<Node> { _root };
            int matched = 1;
            while (matched < path.Steps.Count)
            {
                var next = deepest.SelectMany(n => n.Children).Where(c => Matches(c, path.Steps[matched])).ToList();
                if (next.Count == 0)
                {
                    break;
                }

                deepest = next;
                matched++;
            }

            if (deepest.Count > 1)
            {
                throw NotAdded(path, Res.Format("StoreReasonXmlAmbiguous", deepest.Count, deepest[0].QualifiedName));
            }

            var parent = deepest[0];
            if (matched == path.Steps.Count)
            {
                // Unreachable: Find walks the same matches, so SetValue only comes here when some step is missing.
                throw new InvalidOperationException(path.ToString());
            }

            // XML's blanks only: string.Trim would also take a no-break space, which is text the splice below would drop.
            if (parent.Text.Any(c => c != ' ' && c != '\t' && c != '\r' && c != '\n'))
            {
                throw NotAdded(path, Res.Format("StoreReasonXmlHoldsText", parent.QualifiedName));
            }

            for (int i = matched; i < path.Steps.Count; i++)
            {
                CheckConditions(path, path.Steps[i], i == path.Steps.Count - 1 ? value : null);
            }

            // On its own line when the parent's content already spans lines, or when an empty parent sits in a root that does.
            var content = _text.Substring(parent.ContentStart, parent.ContentEnd - parent.ContentStart);
            var newLine = DocumentText.FirstLineBreak(content) ??
                (parent.Children.Count == 0 && DocumentText.FirstLineBreak(_text.Substring(_root.Start, _root.End - _root.Start)) != null ? DocumentText.DominantNewLine(_text) : null);
            var parentIndent = DocumentText.LineIndent(_text, parent.Start);
            var lastChild = parent.Children.LastOrDefault();
            var childIndent = lastChild != null && OwnLine(lastChild.Start) ? DocumentText.LineIndent(_text, lastChild.Start) : null;
            var unit = childIndent != null && childIndent.Length > parentIndent.Length
                ? DocumentText.IndentUnit(parentIndent, childIndent)
                : ExampleUnit() ?? DocumentText.IndentUnit(parentIndent, null);
            childIndent ??= parentIndent + unit;
            var elements = Elements(path, matched, value, parent.Scope, childIndent, unit, newLine, SelfCloseBlank(parent));
            var breakAndIndent = newLine == null ? "" : newLine + childIndent;

            if (parent.SelfClosing)
            {
                return Splice(parent.TagCloseAt, parent.ContentStart,
                    ">" + breakAndIndent + elements + (newLine == null ? "" : newLine + parentIndent) + "</" + parent.QualifiedName + ">");
            }

            int end = parent.ContentEnd;
            while (end > parent.ContentStart && char.IsWhiteSpace(_text[end - 1]))
            {
                end--;
            }

            if (end > parent.ContentStart || DocumentText.FirstLineBreak(content) != null)
            {
                // After the last child or comment; the blanks before the end tag stay where they are.
                return Splice(end, end, breakAndIndent + elements);
            }

            return Splice(parent.ContentStart, parent.ContentEnd, breakAndIndent + elements + (newLine == null ? "" : newLine + parentIndent));
        }

        private IeaException NotAdded(XmlPath path, string reason) => DocumentText.NotAdded(path, _path, reason);

        private static bool Matches(Node element, XmlPathStep step) =>
            element.Name.Equals(step.Name) && step.Conditions.All(c => element.Attributes.Any(a => a.Name.Equals(c.Key) && a.Value == c.Value));

        /// <summary>A new element's conditions must all hold on it: one value per attribute, no namespace declaration, the value itself not contradicting them.</summary>
        private void CheckConditions(XmlPath path, XmlPathStep step, string? value)
        {
            var names = new HashSet<XmlName>();
            foreach (var condition in step.Conditions)
            {
                bool contradicts = value != null && condition.Key.Equals(path.Attribute) && condition.Value != value;
                if (!names.Add(condition.Key) || condition.Key.LocalName == "xmlns" && condition.Key.NamespaceUri.Length == 0 || contradicts)
                {
                    throw NotAdded(path, Res.Get("StoreReasonXmlConditions"));
                }
            }
        }

        /// <summary>The new elements, nested, for steps <paramref name="first"/> to the last; each level one unit deeper than <paramref name="indent"/>.</summary>
        private string Elements(XmlPath path, int first, string value, Dictionary<string, string> scope, string indent, string unit, string? newLine, string selfCloseBlank)
        {
            var step = path.Steps[first];
            var tag = new StringBuilder("<");
            var name = ElementName(path, scope, step.Name, out bool undeclaresDefault);
            tag.Append(name);
            if (undeclaresDefault)
            {
                tag.Append(" xmlns=\"\"");
                scope = new Dictionary<string, string>(scope, StringComparer.Ordinal) { [""] = "" };
            }

            bool last = first == path.Steps.Count - 1;
            foreach (var condition in step.Conditions.Where(c => !(last && c.Key.Equals(path.Attribute))))
            {
                tag.Append(' ').Append(AttributeName(path, scope, condition.Key)).Append("=\"").Append(EscapeAttribute(condition.Value, '"')).Append('"');
            }

            if (last && path.Attribute != null)
            {
                return tag.Append(' ').Append(AttributeName(path, scope, path.Attribute)).Append("=\"").Append(EscapeAttribute(value, '"')).Append('"')
                    .Append(selfCloseBlank).Append("/>").ToString();
            }

            tag.Append('>');
            if (last)
            {
                return tag.Append(EscapeText(value)).Append("</").Append(name).Append('>').ToString();
            }

            var inner = Elements(path, first + 1, value, scope, indent + unit, unit, newLine, selfCloseBlank);
            return newLine == null
                ? tag.Append(inner).Append("</").Append(name).Append('>').ToString()
                : tag.Append(newLine).Append(indent).Append(unit).Append(inner).Append(newLine).Append(indent).Append("</").Append(name).Append('>').ToString();
        }

        /// <summary>An element's name as written where <paramref name="scope"/> holds: unprefixed in the default namespace, else with a declared prefix.</summary>
        private string ElementName(XmlPath path, Dictionary<string, string> scope, XmlName name, out bool undeclaresDefault)
        {
            var defaultNamespace = scope.TryGetValue("", out var uri) ? uri : "";
            undeclaresDefault = name.NamespaceUri.Length == 0 && defaultNamespace.Length > 0;
            if (name.NamespaceUri == defaultNamespace || undeclaresDefault)
            {
                return name.LocalName;
            }

            return PrefixFor(path, scope, name.NamespaceUri) + ":" + name.LocalName;
        }

        /// <summary>An attribute's name as written where <paramref name="scope"/> holds: unprefixed without a namespace, else with a declared prefix.</summary>
        private string AttributeName(XmlPath path, Dictionary<string, string> scope, XmlName name) =>
            name.NamespaceUri.Length == 0 ? name.LocalName : PrefixFor(path, scope, name.NamespaceUri) + ":" + name.LocalName;

        private string PrefixFor(XmlPath path, Dictionary<string, string> scope, string namespaceUri) =>
            scope.Where(pair => pair.Key.Length > 0 && pair.Value == namespaceUri).Select(pair => pair.Key).OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault()
            ?? throw NotAdded(path, Res.Format("StoreReasonXmlPrefix", namespaceUri));

        /// <summary>The indent one level adds in this file: from the first element whose child starts its own line deeper; null when none does.</summary>
        private string? ExampleUnit()
        {
            var stack = new Stack<Node>();
            stack.Push(_root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                var indent = DocumentText.LineIndent(_text, node.Start);
                foreach (var child in node.Children)
                {
                    var childIndent = DocumentText.LineIndent(_text, child.Start);
                    if (childIndent.Length > indent.Length && childIndent.StartsWith(indent, StringComparison.Ordinal) && OwnLine(child.Start))
                    {
                        return childIndent.Substring(indent.Length);
                    }

                    stack.Push(child);
                }
            }

            return null;
        }

        /// <summary>The blanks before "/&gt;" in the parent's last self-closing child, else in the file's first one, else a space.</summary>
        private string SelfCloseBlank(Node parent)
        {
            var example = parent.Children.LastOrDefault(c => c.SelfClosing) ?? AllElements().FirstOrDefault(e => e.SelfClosing);
            if (example == null)
            {
                return " ";
            }

            var blank = _text.Substring(example.AttributesEnd, example.TagCloseAt - example.AttributesEnd);
            return blank.All(char.IsWhiteSpace) && blank.IndexOf('\n') < 0 && blank.IndexOf('\r') < 0 ? blank : " ";
        }

        private IEnumerable<Node> AllElements()
        {
            var stack = new Stack<Node>();
            stack.Push(_root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                yield return node;
                for (int i = node.Children.Count - 1; i >= 0; i--)
                {
                    stack.Push(node.Children[i]);
                }
            }
        }

        private bool OwnLine(int index)
        {
            int i = index;
            while (i > 0 && (_text[i - 1] == ' ' || _text[i - 1] == '\t'))
            {
                i--;
            }

            return i == 0 || _text[i - 1] == '\n' || _text[i - 1] == '\r';
        }
    }
}
