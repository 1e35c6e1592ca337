using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ImpactEmploi.Discovery
{
    /// <summary>
    /// The scalar values of a JSON document with their paths in the layout's terms (dot-separated property names,
    /// [n] for an array index). A small reader of its own: netstandard2.0 has no JSON parser, and discovery needs
    /// only the leaves. A document it cannot read yields what was read before the fault.
    /// </summary>
    internal sealed class JsonEntries
    {
        private const int MaxDepth = 64;
        private static readonly char[] PathCharacters = { '.', '[', ']' };
        private readonly string _text;
        private readonly List<NamedValue> _found = new List<NamedValue>();
        private int _at;

        private JsonEntries(string text) => _text = text;

        public static List<NamedValue> Read(string text)
        {
            var reader = new JsonEntries(text);
            try
            {
                reader.Value(new List<string>(), "", 0);
            }
            catch (FormatException)
            {
                // Keep what was found before the fault.
            }

            return reader._found;
        }

        private void Value(List<string> names, string? path, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new FormatException();
            }

            SkipBlanks();
            var c = Peek();
            if (c == '{')
            {
                _at++;
                SkipBlanks();
                if (Peek() == '}')
                {
                    _at++;
                    return;
                }

                while (true)
                {
                    SkipBlanks();
                    var name = String();
                    SkipBlanks();
                    Expect(':');
                    var expressible = name.Length > 0 && name.IndexOfAny(PathCharacters) < 0;
                    names.Add(name);
                    Value(names, expressible && path != null ? (path.Length == 0 ? name : path + "." + name) : null, depth + 1);
                    names.RemoveAt(names.Count - 1);
                    SkipBlanks();
                    if (Next() == '}')
                    {
                        return;
                    }
                }
            }

            if (c == '[')
            {
                _at++;
                SkipBlanks();
                if (Peek() == ']')
                {
                    _at++;
                    return;
                }

                for (var index = 0; ; index++)
                {
                    Value(names, path == null ? null : path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", depth + 1);
                    SkipBlanks();
                    if (Next() == ']')
                    {
                        return;
                    }
                }
            }

            var value = c == '"' ? String() : Scalar();
            if (path != null && path.Length > 0 && names.Count > 0)
            {
                var context = string.Join(" ", names.GetRange(0, names.Count - 1));
                _found.Add(new NamedValue(names[names.Count - 1], context, value, path) { JsonPath = path });
            }
        }

        private string Scalar()
        {
            var start = _at;
            while (_at < _text.Length && "+-.0123456789eEtruefalsn".IndexOf(_text[_at]) >= 0)
            {
                _at++;
            }

            if (_at == start)
            {
                throw new FormatException();
            }

            var word = _text.Substring(start, _at - start);
            return word == "null" ? "" : word;
        }

        private string String()
        {
            Expect('"');
            var result = new StringBuilder();
            while (true)
            {
                var c = Next();
                if (c == '"')
                {
                    return result.ToString();
                }

                if (c != '\\')
                {
                    result.Append(c);
                    continue;
                }

                var e = Next();
                switch (e)
                {
                    case 'b': result.Append('\b'); break;
                    case 'f': result.Append('\f'); break;
                    case 'n': result.Append('\n'); break;
                    case 'r': result.Append('\r'); break;
                    case 't': result.Append('\t'); break;
                    case 'u':
                        if (_at + 4 > _text.Length || !int.TryParse(_text.Substring(_at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new FormatException();
                        }

                        result.Append((char)code);
                        _at += 4;
                        break;
                    default: result.Append(e); break;
                }
            }
        }

        private void SkipBlanks()
        {
            while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
            {
                _at++;
            }
        }

        private char Peek() => _at < _text.Length ? _text[_at] : throw new FormatException();

        private char Next() => _at < _text.Length ? _text[_at++] : throw new FormatException();

        private void Expect(char c)
        {
            if (Next() != c)
            {
                throw new FormatException();
            }
        }
    }
}
