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
    /// A JSON settings file kept byte for byte: a small tokenizer records where each value lies, and a change replaces
    /// that value's characters only (formatting, key order and comments stay). RFC 8259 JSON in UTF-8 (BOM optional) or
    /// UTF-16 with a BOM; // and /* */ comments are accepted, as many programs' settings files have them. A repeated
    /// property name: the last one counts, as JavaScript reads it. Strings, numbers and true/false can be set; a value
    /// keeps its JSON type (a number stays a number); a missing property is added (see <see cref="AddProperty"/>).
    /// </summary>
    public sealed partial class JsonSettingsDocument : ISettingsDocument
    {
        /// <summary>Deeper nesting is not a settings file; the limit keeps the reader's recursion bounded.</summary>
        public const int MaxDepth = 64;

        private const string FormatName = "JSON";
        private readonly string _path;
        private readonly byte[] _bom;
        private string _text;
        private Value _root;

        private JsonSettingsDocument(string path, Encoding encoding, byte[] bom, string text, Value root)
        {
            _path = path;
            Encoding = encoding;
            _bom = bom;
            _text = text;
            _root = root;
        }

        private enum Kind
        {
            Object,
            Array,
            String,
            Number,
            True,
            False,
            Null,
        }

        public Encoding Encoding { get; }

        public static JsonSettingsDocument Parse(byte[] bytes, string sourcePath)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            if (bytes.Length == 0)
            {
                throw DocumentText.Unreadable(sourcePath, Res.Get("IniReasonEmpty"));
            }

            Encoding encoding = DocumentText.Utf8;
            int bomLength = 0;
            if (DocumentText.StartsWith(bytes, DocumentText.Utf8Bom))
            {
                bomLength = 3;
            }
            else if (DocumentText.StartsWith(bytes, 0xFF, 0xFE))
            {
                encoding = new UnicodeEncoding(false, false, true);
                bomLength = 2;
            }
            else if (DocumentText.StartsWith(bytes, 0xFE, 0xFF))
            {
                encoding = new UnicodeEncoding(true, false, true);
                bomLength = 2;
            }

            var text = DocumentText.TryDecode(bytes, bomLength, encoding) ?? throw DocumentText.Undecodable(sourcePath, encoding.WebName);
            var root = new Reader(text, sourcePath).Document();
            var bom = new byte[bomLength];
            Array.Copy(bytes, bom, bomLength);
            return new JsonSettingsDocument(sourcePath, encoding, bom, text, root);
        }

        public string? GetValue(JsonPath path)
        {
            var value = Find(path);
            if (value == null)
            {
                return null;
            }

            return value.Kind switch
            {
                Kind.String => value.Text,
                Kind.Number => _text.Substring(value.Start, value.End - value.Start),
                Kind.True => "true",
                Kind.False => "false",
                _ => null,
            };
        }

        /// <summary>Whether the property at <paramref name="path"/> is in the file, even as null (which <see cref="GetValue"/> gives as null).</summary>
        public bool Contains(JsonPath path) => Find(path) != null;

        /// <summary>
        /// Sets a string, number or true/false at <paramref name="path"/>. A value in the file keeps its type; where the
        /// file has none (null, or a property the module adds) the value is written as <paramref name="kind"/>.
        /// </summary>
        /// <exception cref="IeaException">InvalidSettingValue: the property is missing and cannot be added (an array or a non-object on the way).</exception>
        public bool SetValue(JsonPath path, string value, JsonKind kind = JsonKind.String)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (value is null) throw new ArgumentNullException(nameof(value));
            var target = Find(path);
            string updated;
            if (target == null)
            {
                updated = AddProperty(path, Literal(path, kind, value));
            }
            else
            {
                if (target.Kind != Kind.Null && string.Equals(GetValue(path), value, StringComparison.Ordinal))
                {
                    return false;
                }

                string written = target.Kind switch
                {
                    Kind.Null => Literal(path, kind, value),
                    Kind.String => Quote(value),
                    Kind.Number when IsNumber(value) => value,
                    (Kind.True or Kind.False) when value == "true" || value == "false" => value,
                    Kind.Object or Kind.Array => throw DocumentText.NotWritable(path, Res.Get("StoreReasonNotText")),
                    _ => throw DocumentText.NotWritable(path, Res.Format("StoreReasonJsonType", KindName(target.Kind))),
                };
                updated = _text.Substring(0, target.Start) + written + _text.Substring(target.End);
            }

            JsonSettingsDocument reread;
            try
            {
                reread = Parse(_bom.Concat(Encoding.GetBytes(updated)).ToArray(), _path);
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
        string? ISettingsDocument.GetValue(SettingLocation location) => GetValue(location.JsonPath ?? throw new ArgumentException(location.ToString(), nameof(location)));

        bool ISettingsDocument.SetValue(SettingLocation location, string value) =>
            SetValue(location.JsonPath ?? throw new ArgumentException(location.ToString(), nameof(location)), value, location.JsonKind);

        public byte[] ToBytes()
        {
            var body = Encoding.GetBytes(_text);
            var result = new byte[_bom.Length + body.Length];
            Array.Copy(_bom, result, _bom.Length);
            Array.Copy(body, 0, result, _bom.Length, body.Length);
            return result;
        }

        private Value? Find(JsonPath path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            Value? current = _root;
            foreach (var segment in path.Segments)
            {
                if (segment is int index)
                {
                    current = current.Kind == Kind.Array && index < current.Items.Count ? current.Items[index].Value : null;
                }
                else
                {
                    current = current.Kind == Kind.Object ? current.Items.LastOrDefault(p => p.Name == (string)segment).Value : null;
                }

                if (current == null)
                {
                    return null;
                }
            }

            return current;
        }

        private static bool IsNumber(string text)
        {
            int i = 0;
            if (i < text.Length && text[i] == '-') i++;
            if (i < text.Length && text[i] == '0') i++;
            else if (!Digits(text, ref i)) return false;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                if (!Digits(text, ref i)) return false;
            }

            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
                if (!Digits(text, ref i)) return false;
            }

            return i == text.Length;
        }

        private static bool Digits(string text, ref int i)
        {
            int start = i;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
            return i > start;
        }

        private static string Quote(string value)
        {
            var quoted = new StringBuilder(value.Length + 2).Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                switch (c)
                {
                    case '"': quoted.Append("\\\""); break;
                    case '\\': quoted.Append("\\\\"); break;
                    case '\n': quoted.Append("\\n"); break;
                    case '\r': quoted.Append("\\r"); break;
                    case '\t': quoted.Append("\\t"); break;
                    case '\b': quoted.Append("\\b"); break;
                    case '\f': quoted.Append("\\f"); break;
                    default:
                        if (c < ' ' || (char.IsSurrogate(c) && !pair && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]))))
                        {
                            quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            quoted.Append(c);
                        }

                        break;
                }
            }

            return quoted.Append('"').ToString();
        }

        private sealed class Value
        {
            public Value(Kind kind, int start)
            {
                Kind = kind;
                Start = start;
            }

            public Kind Kind { get; }
            public int Start { get; }
            public int End { get; set; }

            /// <summary>A string's decoded text.</summary>
            public string Text { get; set; } = "";

            /// <summary>An object's properties (Name and its string Key set) or an array's items (both null), in file order.</summary>
            public List<(string? Name, Value? Key, Value Value)> Items { get; } = new List<(string?, Value?, Value)>();
        }

        /// <summary>Recursive descent over the text; anything that is not JSON is ConfigUnreadable with its line and column.</summary>
        private sealed class Reader
        {
            private readonly string _text;
            private readonly string _path;
            private int _at;

            public Reader(string text, string path)
            {
                _text = text;
                _path = path;
            }

            public Value Document()
            {
                SkipBlanks();
                var root = Read(0);
                SkipBlanks();
                return _at == _text.Length ? root : throw Syntax();
            }

            private Value Read(int depth)
            {
                if (depth > MaxDepth)
                {
                    throw DocumentText.Unreadable(_path, Res.Format("StoreReasonTooDeep", MaxDepth));
                }

                char c = Peek();
                var value = c switch
                {
                    '{' => Container(Kind.Object, '}', depth),
                    '[' => Container(Kind.Array, ']', depth),
                    '"' => StringValue(),
                    't' => Literal("true", Kind.True),
                    'f' => Literal("false", Kind.False),
                    'n' => Literal("null", Kind.Null),
                    _ when c == '-' || (c >= '0' && c <= '9') => Number(),
                    _ => throw Syntax(),
                };
                return value;
            }

            private Value Container(Kind kind, char close, int depth)
            {
                var value = new Value(kind, _at);
                _at++;
                SkipBlanks();
                if (Peek() == close)
                {
                    _at++;
                    value.End = _at;
                    return value;
                }

                while (true)
                {
                    Value? key = null;
                    if (kind == Kind.Object)
                    {
                        if (Peek() != '"')
                        {
                            throw Syntax();
                        }

                        key = StringValue();
                        SkipBlanks();
                        Expect(':');
                        SkipBlanks();
                    }

                    value.Items.Add((key?.Text, key, Read(depth + 1)));
                    SkipBlanks();
                    char next = Peek();
                    _at++;
                    if (next == close)
                    {
                        value.End = _at;
                        return value;
                    }

                    if (next != ',')
                    {
                        _at--;
                        throw Syntax();
                    }

                    SkipBlanks();
                }
            }

            private Value StringValue()
            {
                var value = new Value(Kind.String, _at);
                _at++;
                var text = new StringBuilder();
                while (true)
                {
                    char c = Peek();
                    if (c == '"')
                    {
                        _at++;
                        break;
                    }

                    if (c < ' ')
                    {
                        throw Syntax();
                    }

                    if (c != '\\')
                    {
                        text.Append(c);
                        _at++;
                        continue;
                    }

                    _at++;
                    char escape = Peek();
                    _at++;
                    switch (escape)
                    {
                        case '"': text.Append('"'); break;
                        case '\\': text.Append('\\'); break;
                        case '/': text.Append('/'); break;
                        case 'b': text.Append('\b'); break;
                        case 'f': text.Append('\f'); break;
                        case 'n': text.Append('\n'); break;
                        case 'r': text.Append('\r'); break;
                        case 't': text.Append('\t'); break;
                        case 'u':
                            if (_at + 4 > _text.Length || !int.TryParse(_text.Substring(_at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code) ||
                                !_text.Substring(_at, 4).All(Uri.IsHexDigit))
                            {
                                throw Syntax();
                            }

                            text.Append((char)code);
                            _at += 4;
                            break;
                        default:
                            _at--;
                            throw Syntax();
                    }
                }

                value.End = _at;
                value.Text = text.ToString();
                return value;
            }

            private Value Number()
            {
                int start = _at;
                while (_at < _text.Length && "+-.eE0123456789".IndexOf(_text[_at]) >= 0)
                {
                    _at++;
                }

                if (!IsNumber(_text.Substring(start, _at - start)))
                {
                    _at = start;
                    throw Syntax();
                }

                return new Value(Kind.Number, start) { End = _at };
            }

            private Value Literal(string word, Kind kind)
            {
                if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0 || _at + word.Length > _text.Length)
                {
                    throw Syntax();
                }

                var value = new Value(kind, _at);
                _at += word.Length;
                value.End = _at;
                return value;
            }

            private void SkipBlanks()
            {
                while (_at < _text.Length)
                {
                    char c = _text[_at];
                    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                    {
                        _at++;
                    }
                    else if (c == '/' && _at + 1 < _text.Length && _text[_at + 1] == '/')
                    {
                        while (_at < _text.Length && _text[_at] != '\n' && _text[_at] != '\r')
                        {
                            _at++;
                        }
                    }
                    else if (c == '/' && _at + 1 < _text.Length && _text[_at + 1] == '*')
                    {
                        int end = _text.IndexOf("*/", _at + 2, StringComparison.Ordinal);
                        _at = end < 0 ? throw Syntax() : end + 2;
                    }
                    else
                    {
                        return;
                    }
                }
            }

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
