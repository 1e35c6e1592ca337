using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>Adding a missing property: spliced in after the last property of the deepest object the path reaches.</summary>
    public sealed partial class JsonSettingsDocument
    {
        /// <summary>
        /// The text with the missing property (and the missing objects on its way) added as the last property of the
        /// deepest existing object of the path, written like that object's properties: on its own line with their
        /// indent and line end, or on the same line, with their spacing around ":". Existing properties keep their order.
        /// Refused (InvalidSettingValue, with why) when the way goes through a value that is not an object, or through
        /// an array item the file does not have (the module adds properties, not array items).
        /// </summary>
        private string AddProperty(JsonPath path, string literal)
        {
            var current = _root;
            int found = 0;
            for (; found < path.Segments.Count; found++)
            {
                var segment = path.Segments[found];
                if (segment is int index)
                {
                    if (current.Kind != Kind.Array || index >= current.Items.Count)
                    {
                        throw NotAdded(path, Res.Format("StoreReasonJsonNoItem", PathText(path, found), index));
                    }

                    current = current.Items[index].Value;
                    continue;
                }

                if (current.Kind != Kind.Object)
                {
                    throw NotAdded(path, Res.Format("StoreReasonJsonNotObject", PathText(path, found), KindName(current.Kind)));
                }

                var next = current.Items.LastOrDefault(p => p.Name == (string)segment).Value;
                if (next == null)
                {
                    break;
                }

                current = next;
            }

            var missing = path.Segments.Skip(found).ToList();
            int arrayItem = missing.FindIndex(s => s is int);
            if (arrayItem >= 0)
            {
                throw NotAdded(path, Res.Format("StoreReasonJsonNoItem", PathText(path, found + arrayItem), missing[arrayItem]));
            }

            return Insert(current, missing.Cast<string>().ToList(), literal);
        }

        private string Insert(Value target, List<string> names, string literal)
        {
            var colon = ColonOf(target) ?? ColonOf(AllObjects().FirstOrDefault(o => o.Items.Count > 0)) ?? ": ";
            var blank = colon.EndsWith(" ", StringComparison.Ordinal) ? " " : "";
            var objectIndent = DocumentText.LineIndent(_text, target.Start);
            if (target.Items.Count > 0)
            {
                var (_, key, value) = target.Items[target.Items.Count - 1];
                int nameStart = key!.Start;
                int blanksStart = nameStart;
                while (blanksStart > target.Start + 1 && IsBlank(_text[blanksStart - 1]))
                {
                    blanksStart--;
                }

                var separator = _text.Substring(blanksStart, nameStart - blanksStart);
                var newLine = DocumentText.FirstLineBreak(separator);
                var indent = newLine == null ? objectIndent : separator.Substring(Math.Max(separator.LastIndexOf('\n'), separator.LastIndexOf('\r')) + 1);
                var property = Property(names, 0, literal, colon, blank, newLine, indent, DocumentText.IndentUnit(objectIndent, indent));

                int end = target.End - 1;
                while (end > value.End && IsBlank(_text[end - 1]))
                {
                    end--;
                }

                // A comment after the last value stays with it: the new property goes after it when it sits on its own line.
                int at = end > value.End && newLine == null ? value.End : end;
                return _text.Substring(0, value.End) + "," + (at == value.End ? "" : _text.Substring(value.End, at - value.End)) +
                    separator + property + _text.Substring(at);
            }

            var inside = _text.Substring(target.Start + 1, target.End - 1 - (target.Start + 1));
            var innerLine = DocumentText.FirstLineBreak(inside);
            if (innerLine != null)
            {
                var unit = DocumentText.IndentUnit(objectIndent, null);
                var added = innerLine + objectIndent + unit + Property(names, 0, literal, colon, blank, innerLine, objectIndent + unit, unit);
                return _text.Substring(0, target.Start + 1) + added + _text.Substring(target.Start + 1);
            }

            var compact = Property(names, 0, literal, colon, blank, null, "", "");
            return inside.All(IsBlank)
                ? _text.Substring(0, target.Start + 1) + blank + compact + blank + _text.Substring(target.End - 1)
                : _text.Substring(0, target.Start + 1) + blank + compact + _text.Substring(target.Start + 1);
        }

        /// <summary>"name": value, or "name": { ... } around the next name, each level one unit deeper when on several lines.</summary>
        private static string Property(List<string> names, int index, string literal, string colon, string blank, string? newLine, string indent, string unit)
        {
            var text = new StringBuilder(Quote(names[index])).Append(colon);
            if (index == names.Count - 1)
            {
                return text.Append(literal).ToString();
            }

            var inner = Property(names, index + 1, literal, colon, blank, newLine, indent + unit, unit);
            return newLine == null
                ? text.Append('{').Append(blank).Append(inner).Append(blank).Append('}').ToString()
                : text.Append('{').Append(newLine).Append(indent).Append(unit).Append(inner).Append(newLine).Append(indent).Append('}').ToString();
        }

        /// <summary>What stands between an object's last name and its value when it is only blanks and ":"; null otherwise.</summary>
        private string? ColonOf(Value? container)
        {
            if (container == null || container.Items.Count == 0)
            {
                return null;
            }

            var (_, key, value) = container.Items[container.Items.Count - 1];
            var between = _text.Substring(key!.End, value.Start - key.End);
            return between.All(c => c == ':' || c == ' ' || c == '\t') ? between : null;
        }

        private IEnumerable<Value> AllObjects()
        {
            var stack = new Stack<Value>();
            stack.Push(_root);
            while (stack.Count > 0)
            {
                var value = stack.Pop();
                if (value.Kind == Kind.Object)
                {
                    yield return value;
                }

                for (int i = value.Items.Count - 1; i >= 0; i--)
                {
                    stack.Push(value.Items[i].Value);
                }
            }
        }

        /// <summary>A value written as the layout's kind says: a quoted string, or the number or true/false as it is.</summary>
        private static string Literal(JsonPath path, JsonKind kind, string value) => kind switch
        {
            JsonKind.Number when IsNumber(value) => value,
            JsonKind.Boolean when value == "true" || value == "false" => value,
            JsonKind.String => Quote(value),
            _ => throw DocumentText.NotWritable(path, Res.Format("StoreReasonJsonValueKind", kind.ToString())),
        };

        private static string KindName(Kind kind) => kind switch
        {
            Kind.True or Kind.False => "boolean",
            _ => kind.ToString().ToLowerInvariant(),
        };

        private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';

        /// <summary>The path's first <paramref name="count"/> segments as the layout writes them; "$" for none (the top level).</summary>
        private static string PathText(JsonPath path, int count)
        {
            var text = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                if (path.Segments[i] is int index)
                {
                    text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    text.Append(i == 0 ? "" : ".").Append((string)path.Segments[i]);
                }
            }

            return text.Length == 0 ? "$" : text.ToString();
        }

        private IeaException NotAdded(JsonPath path, string reason) => DocumentText.NotAdded(path, _path, reason);
    }
}
