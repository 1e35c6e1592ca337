using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using ImpactEmploi.Layouts;
using Res = ImpactEmploi.Resources.Text;

namespace ImpactEmploi.Documents
{
    /// <summary>
    /// An XML settings file (.xml, .config) kept byte for byte. It is checked with XmlReader (DTDs refused, so no external
    /// entity is ever resolved), then scanned by a small tokenizer that records where each element's content and each
    /// attribute's value lie; a change splices the escaped new value into that span and nothing else. Never saved through
    /// XmlDocument, which would reformat the file. The encoding comes from the byte order mark, else the XML declaration,
    /// else UTF-8; a character the encoding cannot hold is written as a character reference.
    /// </summary>
    public sealed partial class XmlSettingsDocument : ISettingsDocument
    {
        /// <summary>Deeper nesting is not a settings file; the limit keeps the scanner's recursion bounded.</summary>
        private const int MaxDepth = 64;

        private const string FormatName = "XML";
        private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
        private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
        private static readonly Regex DeclaredEncoding = new Regex("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        private readonly string _path;
        private readonly byte[] _bom;
        private string _text;
        private Node _root;

        private XmlSettingsDocument(string path, Encoding encoding, byte[] bom, string text, Node root)
        {
            _path = path;
            Encoding = encoding;
            _bom = bom;
            _text = text;
            _root = root;
        }

        public Encoding Encoding { get; }

        public static XmlSettingsDocument Parse(byte[] bytes, string sourcePath)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            if (bytes.Length == 0)
            {
                throw DocumentText.Unreadable(sourcePath, Res.Get("IniReasonEmpty"));
            }

            var (encoding, bomLength) = DetectEncoding(bytes, sourcePath);
            var text = DocumentText.TryDecode(bytes, bomLength, encoding) ?? throw DocumentText.Undecodable(sourcePath, encoding.WebName);
            CheckWellFormed(text, sourcePath);
            var root = new Scanner(text, sourcePath).Document();
            var bom = new byte[bomLength];
            Array.Copy(bytes, bom, bomLength);
            return new XmlSettingsDocument(sourcePath, encoding, bom, text, root);
        }

        public string? GetValue(XmlPath path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            var element = Find(_root, path, 0);
            if (element == null)
            {
                return null;
            }

            if (path.Attribute != null)
            {
                return element.Attributes.FirstOrDefault(a => a.Name.Equals(path.Attribute))?.Value;
            }

            return element.HasChildElements ? null : element.Text;
        }

        /// <summary>
        /// Sets an element's text or an attribute's value. A missing attribute is added to its element; missing
        /// trailing elements are added under the deepest one in the file (see <see cref="AddElements"/>).
        /// </summary>
        /// <exception cref="IeaException">InvalidSettingValue: the location is missing and cannot be added unambiguously.</exception>
        public bool SetValue(XmlPath path, string value)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (value is null) throw new ArgumentNullException(nameof(value));
            CheckCharacters(path, value);
            var element = Find(_root, path, 0);
            string updated;
            if (element == null)
            {
                updated = AddElements(path, value);
            }
            else if (path.Attribute != null)
            {
                var attribute = element.Attributes.FirstOrDefault(a => a.Name.Equals(path.Attribute));
                if (attribute != null && string.Equals(attribute.Value, value, StringComparison.Ordinal))
                {
                    return false;
                }

                updated = attribute != null
                    ? Splice(attribute.ValueStart, attribute.ValueEnd, EscapeAttribute(value, attribute.Quote))
                    : Splice(element.AttributesEnd, element.AttributesEnd, " " + AttributeName(path, element.Scope, path.Attribute) + "=\"" + EscapeAttribute(value, '"') + "\"");
            }
            else
            {
                if (!element.IsPlainText)
                {
                    throw DocumentText.NotWritable(path, Res.Get("StoreReasonNotText"));
                }

                if (string.Equals(element.Text, value, StringComparison.Ordinal))
                {
                    return false;
                }

                updated = element.SelfClosing
                    ? Splice(element.TagCloseAt, element.ContentStart, ">" + EscapeText(value) + "</" + element.QualifiedName + ">")
                    : Splice(element.ContentStart, element.ContentEnd, EscapeText(value));
            }

            byte[] body;
            try
            {
                body = Encoding.GetBytes(updated);
            }
            catch (EncoderFallbackException)
            {
                // Values are written as character references where needed; a name from the layout cannot be.
                throw DocumentText.NotWritable(path, Res.Format("StoreReasonNameEncoding", Encoding.WebName));
            }

            XmlSettingsDocument reread;
            try
            {
                reread = Parse(_bom.Concat(body).ToArray(), _path);
            }
            catch (IeaException)
            {
                throw DocumentText.NotWritable(path, Res.Get("IniReasonNotReadBack"));
            }

            if (reread.GetValue(path) != value)
            {
                throw DocumentText.NotWritable(path, Res.Get("IniReasonNotReadBack"));
            }

            _text = reread._text;
            _root = reread._root;
            return true;
        }

        // The interface members and ToBytes repeat the other stores' on purpose: each store maps a location to its own
        // path type and keeps its own BOM; a shared base class would hold only these few lines.
        string? ISettingsDocument.GetValue(SettingLocation location) => GetValue(location.XmlPath ?? throw new ArgumentException(location.ToString(), nameof(location)));

        bool ISettingsDocument.SetValue(SettingLocation location, string value) => SetValue(location.XmlPath ?? throw new ArgumentException(location.ToString(), nameof(location)), value);

        public byte[] ToBytes()
        {
            var body = Encoding.GetBytes(_text);
            var result = new byte[_bom.Length + body.Length];
            Array.Copy(_bom, result, _bom.Length);
            Array.Copy(body, 0, result, _bom.Length, body.Length);
            return result;
        }

        private static (Encoding Encoding, int BomLength) DetectEncoding(byte[] bytes, string path)
        {
            if (DocumentText.StartsWith(bytes, DocumentText.Utf8Bom)) return (DocumentText.Utf8, 3);
            if (DocumentText.StartsWith(bytes, 0xFF, 0xFE, 0, 0) || DocumentText.StartsWith(bytes, 0, 0, 0xFE, 0xFF)) throw DocumentText.Undecodable(path, "UTF-32");
            if (DocumentText.StartsWith(bytes, 0xFF, 0xFE)) return (new UnicodeEncoding(false, false, true), 2);
            if (DocumentText.StartsWith(bytes, 0xFE, 0xFF)) return (new UnicodeEncoding(true, false, true), 2);
            if (DocumentText.StartsWith(bytes, 0x3C, 0, 0x3F, 0)) return (new UnicodeEncoding(false, false, true), 0);
            if (DocumentText.StartsWith(bytes, 0, 0x3C, 0, 0x3F)) return (new UnicodeEncoding(true, false, true), 0);

            // The declaration is ASCII in every encoding the module accepts without a byte order mark.
            var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 256));
            var match = DeclaredEncoding.Match(head);
            if (!match.Success)
            {
                return (DocumentText.Utf8, 0);
            }

            var name = match.Groups[1].Value;
            var declared = TextEncodings.Named(name);
            if (declared == null || declared.CodePage == 1200 || declared.CodePage == 1201 || declared.CodePage == 12000 ||
                declared.CodePage == 12001 || !declared.IsSingleByte && declared.CodePage != 65001)
            {
                throw DocumentText.Unreadable(path, Res.Format("StoreReasonEncoding", name));
            }

            return (declared.CodePage == 65001 ? DocumentText.Utf8 : declared, 0);
        }

        private static void CheckWellFormed(string text, string path)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreWhitespace = false,
                CheckCharacters = true,
                ConformanceLevel = ConformanceLevel.Document,
            };
            try
            {
                using var reader = XmlReader.Create(new StringReader(text), settings);
                while (reader.Read())
                {
                    // XmlReader does not recurse; the Scanner that runs next does, once per element level.
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
                    {
                        throw DocumentText.Unreadable(path, Res.Format("StoreReasonTooDeep", MaxDepth));
                    }
                }
            }
            catch (XmlException ex)
            {
                throw text.IndexOf("<!DOCTYPE", StringComparison.Ordinal) >= 0
                    ? DocumentText.Unreadable(path, Res.Get("StoreReasonDtd"), IeaErrorCategory.InvalidData, ex)
                    : DocumentText.Unreadable(path, Res.Format("StoreReasonSyntax", FormatName, ex.LineNumber, ex.LinePosition), IeaErrorCategory.InvalidData, ex);
            }
        }

        private string Splice(int start, int end, string replacement) => _text.Substring(0, start) + replacement + _text.Substring(end);

        private static Node? Find(Node element, XmlPath path, int step)
        {
            if (!Matches(element, path.Steps[step]))
            {
                return null;
            }

            if (step == path.Steps.Count - 1)
            {
                return element;
            }

            foreach (var child in element.Children)
            {
                var found = Find(child, path, step + 1);
                if (found != null)
                {
                    return found;
                }
            }

            return null;
        }

        private static void CheckCharacters(XmlPath path, string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                if ((c < ' ' && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF' || (char.IsSurrogate(c) && !pair))
                {
                    throw DocumentText.NotWritable(path, Res.Get("IniReasonLineBreak"));
                }

                if (pair)
                {
                    i++;
                }
            }
        }

        private string EscapeAttribute(string value, char quote) => Escape(value, c => c switch
        {
            '&' => "&amp;",
            '<' => "&lt;",
            '"' when quote == '"' => "&quot;",
            '\'' when quote == '\'' => "&apos;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            '\r' => "&#13;",
            _ => null,
        });

        private string EscapeText(string value) => Escape(value, c => c switch
        {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\r' => "&#13;",
            _ => null,
        });

        private string Escape(string value, Func<char, string?> entity)
        {
            bool unicode = Encoding.CodePage == 65001 || Encoding.CodePage == 1200 || Encoding.CodePage == 1201;
            var escaped = new StringBuilder(value.Length + 16);
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                var named = entity(c);
                if (named != null)
                {
                    escaped.Append(named);
                    continue;
                }

                int length = char.IsHighSurrogate(c) ? 2 : 1;
                var piece = value.Substring(i, length);
                if (!unicode && !CanEncode(piece))
                {
                    escaped.Append("&#x").Append(char.ConvertToUtf32(value, i).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                }
                else
                {
                    escaped.Append(piece);
                }

                i += length - 1;
            }

            return escaped.ToString();
        }

        private bool CanEncode(string piece)
        {
            try
            {
                Encoding.GetBytes(piece);
                return true;
            }
            catch (EncoderFallbackException)
            {
                return false;
            }
        }

        /// <summary>An element as the scanner found it: its name, attributes, children and where its content lies.</summary>
        private sealed class Node
        {
            public Node(string qualifiedName)
            {
                QualifiedName = qualifiedName;
            }

            public string QualifiedName { get; }
            public XmlName Name { get; set; } = new XmlName("", "");
            public List<Attribute> Attributes { get; } = new List<Attribute>();
            public List<Node> Children { get; } = new List<Node>();
            public Dictionary<string, string> Scope { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

            /// <summary>Where the start tag's "&gt;" or "/&gt;" begins.</summary>
            public int TagCloseAt { get; set; }

            /// <summary>Just after the last attribute (or the name): a new attribute goes there.</summary>
            public int AttributesEnd { get; set; }

            public bool SelfClosing { get; set; }

            /// <summary>Where the start tag's "&lt;" is.</summary>
            public int Start { get; set; }

            /// <summary>Just after the end tag (or the "/&gt;").</summary>
            public int End { get; set; }

            public int ContentStart { get; set; }
            public int ContentEnd { get; set; }
            public bool HasChildElements => Children.Count > 0;

            /// <summary>Only text, references and CDATA: no element, comment or processing instruction to lose.</summary>
            public bool IsPlainText { get; set; } = true;

            public StringBuilder TextBuilder { get; } = new StringBuilder();
            public string Text => TextBuilder.ToString();
        }

        private sealed class Attribute
        {
            public Attribute(string qualifiedName, string value, int valueStart, int valueEnd, char quote)
            {
                QualifiedName = qualifiedName;
                Value = value;
                ValueStart = valueStart;
                ValueEnd = valueEnd;
                Quote = quote;
            }

            public string QualifiedName { get; }
            public XmlName Name { get; set; } = new XmlName("", "");
            public string Value { get; }
            public int ValueStart { get; }
            public int ValueEnd { get; }
            public char Quote { get; }
        }

        /// <summary>Walks text XmlReader has found well-formed, recording spans; anything unexpected is ConfigUnreadable.</summary>
        private sealed class Scanner
        {
            private readonly string _text;
            private readonly string _path;
            private int _at;

            public Scanner(string text, string path)
            {
                _text = text;
                _path = path;
            }

            public Node Document()
            {
                Node? root = null;
                while (_at < _text.Length)
                {
                    if (char.IsWhiteSpace(_text[_at]))
                    {
                        _at++;
                    }
                    else if (Starts("<?"))
                    {
                        SkipPast("?>");
                    }
                    else if (Starts("<!--"))
                    {
                        SkipPast("-->");
                    }
                    else if (Starts("<") && root == null)
                    {
                        root = Element(new Dictionary<string, string>(StringComparer.Ordinal) { ["xml"] = XmlNamespace });
                    }
                    else
                    {
                        throw Syntax();
                    }
                }

                return root ?? throw Syntax();
            }

            private Node Element(Dictionary<string, string> outerScope)
            {
                int tagStart = _at++; // '<'
                var element = new Node(Name()) { Start = tagStart };
                element.AttributesEnd = _at;
                while (true)
                {
                    SkipBlanks();
                    if (Starts("/>"))
                    {
                        element.TagCloseAt = _at;
                        element.SelfClosing = true;
                        _at += 2;
                        element.ContentStart = element.ContentEnd = element.End = _at;
                        Resolve(element, outerScope);
                        return element;
                    }

                    if (Starts(">"))
                    {
                        element.TagCloseAt = _at;
                        _at++;
                        break;
                    }

                    var name = Name();
                    SkipBlanks();
                    Expect('=');
                    SkipBlanks();
                    char quote = Peek();
                    if (quote != '"' && quote != '\'')
                    {
                        throw Syntax();
                    }

                    int start = ++_at;
                    int end = _text.IndexOf(quote, start);
                    if (end < 0)
                    {
                        throw Syntax();
                    }

                    element.Attributes.Add(new Attribute(name, Decode(start, end, true), start, end, quote));
                    _at = end + 1;
                    element.AttributesEnd = _at;
                }

                Resolve(element, outerScope);
                element.ContentStart = _at;
                while (true)
                {
                    if (_at >= _text.Length)
                    {
                        throw Syntax();
                    }

                    if (Starts("</"))
                    {
                        element.ContentEnd = _at;
                        _at += 2;
                        if (Name() != element.QualifiedName)
                        {
                            throw Syntax();
                        }

                        SkipBlanks();
                        Expect('>');
                        element.End = _at;
                        return element;
                    }

                    if (Starts("<![CDATA["))
                    {
                        int start = _at + 9;
                        SkipPast("]]>");
                        element.TextBuilder.Append(Normalize(_text.Substring(start, _at - 3 - start)));
                    }
                    else if (Starts("<!--"))
                    {
                        SkipPast("-->");
                        element.IsPlainText = false;
                    }
                    else if (Starts("<?"))
                    {
                        SkipPast("?>");
                        element.IsPlainText = false;
                    }
                    else if (Starts("<"))
                    {
                        element.Children.Add(Element(element.Scope));
                        element.IsPlainText = false;
                    }
                    else
                    {
                        int start = _at;
                        int end = _text.IndexOf('<', start);
                        if (end < 0)
                        {
                            throw Syntax();
                        }

                        element.TextBuilder.Append(Decode(start, end, false));
                        _at = end;
                    }
                }
            }

            private void Resolve(Node element, Dictionary<string, string> outerScope)
            {
                var scope = outerScope;
                foreach (var attribute in element.Attributes)
                {
                    if (attribute.QualifiedName == "xmlns" || attribute.QualifiedName.StartsWith("xmlns:", StringComparison.Ordinal))
                    {
                        if (ReferenceEquals(scope, outerScope))
                        {
                            scope = new Dictionary<string, string>(outerScope, StringComparer.Ordinal);
                        }

                        scope[attribute.QualifiedName == "xmlns" ? "" : attribute.QualifiedName.Substring(6)] = attribute.Value;
                    }
                }

                element.Scope = scope;
                element.Name = Expand(element.QualifiedName, scope, true);
                foreach (var attribute in element.Attributes)
                {
                    attribute.Name = attribute.QualifiedName == "xmlns" ? new XmlName(XmlnsNamespace, "xmlns") : Expand(attribute.QualifiedName, scope, false);
                }
            }

            private XmlName Expand(string qualifiedName, Dictionary<string, string> scope, bool element)
            {
                int colon = qualifiedName.IndexOf(':');
                if (colon < 0)
                {
                    return new XmlName(element && scope.TryGetValue("", out var defaultNamespace) ? defaultNamespace : "", qualifiedName);
                }

                var prefix = qualifiedName.Substring(0, colon);
                if (prefix == "xmlns")
                {
                    return new XmlName(XmlnsNamespace, qualifiedName.Substring(colon + 1));
                }

                return scope.TryGetValue(prefix, out var uri) ? new XmlName(uri, qualifiedName.Substring(colon + 1)) : throw Syntax();
            }

            /// <summary>An attribute's or text's value: references resolved, line ends normalized, and in attributes each literal blank a space.</summary>
            private string Decode(int start, int end, bool attribute)
            {
                var value = new StringBuilder(end - start);
                for (int i = start; i < end; i++)
                {
                    char c = _text[i];
                    if (c == '&')
                    {
                        int semicolon = _text.IndexOf(';', i);
                        if (semicolon < 0 || semicolon >= end)
                        {
                            throw Syntax();
                        }

                        value.Append(Reference(_text.Substring(i + 1, semicolon - i - 1)));
                        i = semicolon;
                    }
                    else if (c == '\r')
                    {
                        if (i + 1 < end && _text[i + 1] == '\n')
                        {
                            i++;
                        }

                        value.Append(attribute ? ' ' : '\n');
                    }
                    else
                    {
                        value.Append(attribute && (c == '\n' || c == '\t') ? ' ' : c);
                    }
                }

                return value.ToString();
            }

            private string Reference(string name)
            {
                switch (name)
                {
                    case "amp": return "&";
                    case "lt": return "<";
                    case "gt": return ">";
                    case "quot": return "\"";
                    case "apos": return "'";
                }

                bool hex = name.StartsWith("#x", StringComparison.Ordinal);
                if (name.StartsWith("#", StringComparison.Ordinal) &&
                    int.TryParse(name.Substring(hex ? 2 : 1), hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out int code) &&
                    code >= 0 && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF))
                {
                    return char.ConvertFromUtf32(code);
                }

                throw Syntax();
            }

            private static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

            private string Name()
            {
                int start = _at;
                while (_at < _text.Length && !char.IsWhiteSpace(_text[_at]) && "=/>\"'<".IndexOf(_text[_at]) < 0)
                {
                    _at++;
                }

                return _at > start ? _text.Substring(start, _at - start) : throw Syntax();
            }

            private void SkipBlanks()
            {
                while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
                {
                    _at++;
                }
            }

            private void SkipPast(string end)
            {
                int found = _text.IndexOf(end, _at, StringComparison.Ordinal);
                _at = found < 0 ? throw Syntax() : found + end.Length;
            }

            private bool Starts(string prefix) => string.CompareOrdinal(_text, _at, prefix, 0, prefix.Length) == 0 && _at + prefix.Length <= _text.Length;

            private char Peek() => _at < _text.Length ? _text[_at] : throw Syntax();

            private void Expect(char c)
            {
                if (Peek() != c)
                {
                    throw Syntax();
                }

                _at++;
            }

            private IeaException Syntax() => DocumentText.Syntax(_path, FormatName, _text, Math.Min(_at, _text.Length));
        }
    }
}
