// Compiled into both the runtime and the source generator (netstandard2.0): keep it free of newer APIs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Kubernaut.Bdd.Configuration
{
    /// <summary>A JSON value with the line and column it starts at, so configuration errors can point at it.</summary>
    public abstract class JsonValue
    {
        protected JsonValue(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }

        /// <summary>"a string", "an object", ... for error messages.</summary>
        public abstract string Kind { get; }
    }

    public sealed class JsonObject : JsonValue
    {
        public JsonObject(int line, int column, IReadOnlyList<KeyValuePair<string, JsonValue>> properties) : base(line, column)
        {
            Properties = properties;
        }

        public IReadOnlyList<KeyValuePair<string, JsonValue>> Properties { get; }

        public override string Kind => "an object";

        /// <summary>The last property of that name (JSON parsers keep the last duplicate), or null.</summary>
        public JsonValue? Get(string name)
        {
            JsonValue? found = null;
            foreach (var property in Properties)
            {
                if (property.Key == name)
                {
                    found = property.Value;
                }
            }
            return found;
        }
    }

    public sealed class JsonArray : JsonValue
    {
        public JsonArray(int line, int column, IReadOnlyList<JsonValue> items) : base(line, column)
        {
            Items = items;
        }

        public IReadOnlyList<JsonValue> Items { get; }

        public override string Kind => "an array";
    }

    public sealed class JsonString : JsonValue
    {
        public JsonString(int line, int column, string value) : base(line, column)
        {
            Value = value;
        }

        public string Value { get; }

        public override string Kind => "the string \"" + Value + "\"";
    }

    public sealed class JsonLiteral : JsonValue
    {
        public JsonLiteral(int line, int column, string text) : base(line, column)
        {
            Text = text;
        }

        /// <summary>A number, true, false or null, as written.</summary>
        public string Text { get; }

        public override string Kind => Text == "true" || Text == "false" ? "the boolean " + Text : Text == "null" ? "null" : "the number " + Text;
    }

    /// <summary>A problem in a JSON file, at a 1-based line and column.</summary>
    public sealed class JsonProblem
    {
        public JsonProblem(int line, int column, string message)
        {
            Line = line;
            Column = column;
            Message = message;
        }

        public int Line { get; }

        public int Column { get; }

        public string Message { get; }

        /// <summary>"path(line,column): message", the format compilers and editors understand.</summary>
        public string Format(string path) => path + "(" + Line.ToString(CultureInfo.InvariantCulture) + "," + Column.ToString(CultureInfo.InvariantCulture) + "): " + Message;
    }

    /// <summary>A strict JSON parser (comments allowed, as Reqnroll allows them) that records positions.</summary>
    public sealed class JsonReader
    {
        private readonly string _text;
        private int _index;
        private int _line = 1;
        private int _lineStart;

        private JsonReader(string text)
        {
            _text = text;
        }

        /// <summary>Parses the text; on a syntax error returns null and the problem.</summary>
        public static JsonValue? Parse(string text, out JsonProblem? problem)
        {
            var reader = new JsonReader(text);
            try
            {
                reader.SkipWhitespace();
                var value = reader.ReadValue();
                reader.SkipWhitespace();
                if (reader._index < text.Length)
                {
                    throw reader.Error("unexpected text after the end of the JSON value");
                }
                problem = null;
                return value;
            }
            catch (JsonSyntaxError error)
            {
                problem = error.Problem;
                return null;
            }
        }

        private JsonValue ReadValue()
        {
            if (_index >= _text.Length)
            {
                throw Error("the file ends where a value was expected");
            }
            var line = _line;
            var column = Column;
            var c = _text[_index];
            switch (c)
            {
                case '{':
                    return ReadObject(line, column);
                case '[':
                    return ReadArray(line, column);
                case '"':
                    return new JsonString(line, column, ReadString());
                default:
                    if (c == '-' || (c >= '0' && c <= '9') || char.IsLetter(c))
                    {
                        return ReadLiteral(line, column);
                    }
                    throw Error("unexpected character '" + c + "'");
            }
        }

        private JsonObject ReadObject(int line, int column)
        {
            _index++;
            var properties = new List<KeyValuePair<string, JsonValue>>();
            SkipWhitespace();
            if (Peek() == '}')
            {
                _index++;
                return new JsonObject(line, column, properties);
            }
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Error("a property name in double quotes was expected");
                }
                var name = ReadString();
                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                properties.Add(new KeyValuePair<string, JsonValue>(name, ReadValue()));
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _index++;
                    continue;
                }
                Expect('}');
                return new JsonObject(line, column, properties);
            }
        }

        private JsonArray ReadArray(int line, int column)
        {
            _index++;
            var items = new List<JsonValue>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _index++;
                return new JsonArray(line, column, items);
            }
            while (true)
            {
                SkipWhitespace();
                items.Add(ReadValue());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _index++;
                    continue;
                }
                Expect(']');
                return new JsonArray(line, column, items);
            }
        }

        private string ReadString()
        {
            _index++;
            var value = new StringBuilder();
            while (true)
            {
                if (_index >= _text.Length || _text[_index] == '\n')
                {
                    throw Error("a string is not closed");
                }
                var c = _text[_index++];
                if (c == '"')
                {
                    return value.ToString();
                }
                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }
                if (_index >= _text.Length)
                {
                    throw Error("a string is not closed");
                }
                var escape = _text[_index++];
                switch (escape)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case '/': value.Append('/'); break;
                    case 'b': value.Append('\b'); break;
                    case 'f': value.Append('\f'); break;
                    case 'n': value.Append('\n'); break;
                    case 'r': value.Append('\r'); break;
                    case 't': value.Append('\t'); break;
                    case 'u':
                        if (_index + 4 > _text.Length || !int.TryParse(_text.Substring(_index, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("\\u must be followed by four hex digits");
                        }
                        value.Append((char)code);
                        _index += 4;
                        break;
                    default:
                        _index--;
                        throw Error("'\\" + escape + "' is not a JSON escape (in Windows paths write \\\\ or /)");
                }
            }
        }

        private JsonLiteral ReadLiteral(int line, int column)
        {
            var start = _index;
            while (_index < _text.Length && (char.IsLetterOrDigit(_text[_index]) || _text[_index] == '-' || _text[_index] == '+' || _text[_index] == '.'))
            {
                _index++;
            }
            var text = _text.Substring(start, _index - start);
            var isNumber = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !char.IsLetter(text[0]);
            if (!isNumber && text != "true" && text != "false" && text != "null")
            {
                _index = start;
                throw Error("'" + text + "' is not a JSON value (strings need double quotes)");
            }
            return new JsonLiteral(line, column, text);
        }

        private void SkipWhitespace()
        {
            while (_index < _text.Length)
            {
                var c = _text[_index];
                if (c == '\n')
                {
                    _index++;
                    _line++;
                    _lineStart = _index;
                }
                else if (char.IsWhiteSpace(c) || c == '\uFEFF')
                {
                    _index++;
                }
                else if (c == '/' && _index + 1 < _text.Length && _text[_index + 1] == '/')
                {
                    while (_index < _text.Length && _text[_index] != '\n')
                    {
                        _index++;
                    }
                }
                else if (c == '/' && _index + 1 < _text.Length && _text[_index + 1] == '*')
                {
                    var end = _text.IndexOf("*/", _index + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw Error("a /* comment is not closed");
                    }
                    while (_index < end + 2)
                    {
                        if (_text[_index] == '\n')
                        {
                            _line++;
                            _lineStart = _index + 1;
                        }
                        _index++;
                    }
                }
                else
                {
                    return;
                }
            }
        }

        private char Peek() => _index < _text.Length ? _text[_index] : '\0';

        private void Expect(char expected)
        {
            if (Peek() != expected)
            {
                throw Error(_index >= _text.Length ? "the file ends where '" + expected + "' was expected" : "'" + expected + "' was expected but found '" + _text[_index] + "'");
            }
            _index++;
        }

        private int Column => _index - _lineStart + 1;

        private JsonSyntaxError Error(string message) => new JsonSyntaxError(new JsonProblem(_line, Column, "invalid JSON: " + message + "."));

        private sealed class JsonSyntaxError : Exception
        {
            public JsonSyntaxError(JsonProblem problem) : base(problem.Message)
            {
                Problem = problem;
            }

            public JsonProblem Problem { get; }
        }
    }

    /// <summary>Typed access to reqnroll.json keys by dotted path; a wrong type is recorded as a problem naming the key and the expected type.</summary>
    public sealed class ReqnrollJsonSettings
    {
        private readonly JsonObject? _root;
        private readonly List<JsonProblem> _problems = new List<JsonProblem>();

        private ReqnrollJsonSettings(JsonObject? root)
        {
            _root = root;
        }

        /// <summary>Problems met so far (syntax, or wrong value types).</summary>
        public IReadOnlyList<JsonProblem> Problems => _problems;

        public static ReqnrollJsonSettings Parse(string text)
        {
            var value = JsonReader.Parse(text, out var problem);
            var settings = new ReqnrollJsonSettings(value as JsonObject);
            if (problem != null)
            {
                settings._problems.Add(problem);
            }
            else if (!(value is JsonObject))
            {
                settings._problems.Add(new JsonProblem(value!.Line, value.Column, "reqnroll.json must hold a JSON object, but it holds " + value.Kind + "."));
            }
            return settings;
        }

        public JsonValue? Find(string path)
        {
            JsonValue? current = _root;
            foreach (var part in path.Split('.'))
            {
                current = (current as JsonObject)?.Get(part);
                if (current == null)
                {
                    return null;
                }
            }
            return current;
        }

        public string? GetString(string path)
        {
            var value = Find(path);
            if (value == null || IsNull(value))
            {
                return null;
            }
            if (value is JsonString text)
            {
                return text.Value;
            }
            return Wrong(path, value, "a string");
        }

        public bool? GetBoolean(string path)
        {
            var value = Find(path);
            if (value == null || IsNull(value))
            {
                return null;
            }
            if (value is JsonLiteral literal && (literal.Text == "true" || literal.Text == "false"))
            {
                return literal.Text == "true";
            }
            Wrong(path, value, "true or false");
            return null;
        }

        /// <summary>A string that must be one of the allowed values (compared ignoring case); returns the allowed spelling.</summary>
        public string? GetChoice(string path, params string[] allowed)
        {
            var value = Find(path);
            var text = GetString(path);
            if (text == null)
            {
                return null;
            }
            var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
            return match ?? Wrong(path, value!, "one of " + string.Join(", ", allowed));
        }

        public IReadOnlyList<string>? GetStringArray(string path)
        {
            var value = Find(path);
            if (value == null || IsNull(value))
            {
                return null;
            }
            if (value is JsonArray array && array.Items.All(i => i is JsonString))
            {
                return array.Items.Cast<JsonString>().Select(s => s.Value).ToList();
            }
            if (value is JsonArray withOthers)
            {
                var wrong = withOthers.Items.First(i => !(i is JsonString));
                Wrong(path, wrong, "an array of strings", "an array holding " + wrong.Kind);
                return null;
            }
            Wrong(path, value, "an array of strings");
            return null;
        }

        /// <summary>A string whose form is checked by <paramref name="parse"/>, which returns null when the text is not valid.</summary>
        public T? GetParsed<T>(string path, string expected, Func<string, T?> parse) where T : struct
        {
            var text = GetString(path);
            if (text == null)
            {
                return null;
            }
            var parsed = parse(text);
            if (parsed == null)
            {
                Wrong(path, Find(path)!, expected);
            }
            return parsed;
        }

        public JsonObject? GetObject(string path)
        {
            var value = Find(path);
            if (value == null || IsNull(value))
            {
                return null;
            }
            if (value is JsonObject obj)
            {
                return obj;
            }
            Wrong(path, value, "an object");
            return null;
        }

        /// <summary>Records that the value at the key has the wrong type.</summary>
        public string? Wrong(string path, JsonValue value, string expected, string? found = null)
        {
            _problems.Add(new JsonProblem(value.Line, value.Column, "'" + path + "' must be " + expected + ", but it is " + (found ?? value.Kind) + "."));
            return null;
        }

        private static bool IsNull(JsonValue value) => value is JsonLiteral literal && literal.Text == "null";
    }
}
