using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using Kubernaut.Bdd.Bindings;

namespace Reqnroll.Assist;

/// <summary>A table does not match an object or a set of objects; the message shows the differences.</summary>
public class ComparisonException(string message) : ReqnrollException(message);

/// <summary>Creates objects from tables: horizontal (a header and rows) or vertical (Field | Value) for a single object.</summary>
public static class TableHelperExtensionMethods
{
    /// <summary>
    /// One object from a vertical table (columns "Field"/"Property"/"Name" and "Value") or from the first row of a
    /// horizontal one. Columns match properties, fields or constructor parameters ignoring case, spaces and underscores.
    /// </summary>
    public static T CreateInstance<T>(this Table table) => TableMapping.For(typeof(T)).Create<T>(TableMapping.FieldsOf(table), null);

    /// <summary>As <see cref="CreateInstance{T}(Table)"/>, starting from the object the factory makes.</summary>
    public static T CreateInstance<T>(this Table table, Func<T> methodToCreateTheInstance) =>
        TableMapping.For(typeof(T)).Create(TableMapping.FieldsOf(table), methodToCreateTheInstance);

    /// <summary>One object per row of a horizontal table.</summary>
    public static IEnumerable<T> CreateSet<T>(this Table table) => CreateSet<T>(table, null);

    /// <summary>As <see cref="CreateSet{T}(Table)"/>, starting each object from the factory.</summary>
    public static IEnumerable<T> CreateSet<T>(this Table table, Func<T>? methodToCreateEachInstance)
    {
        var mapping = TableMapping.For(typeof(T));
        return table.Rows.Select(row => mapping.Create(TableMapping.FieldsOf(row), methodToCreateEachInstance)).ToList();
    }

    /// <summary>Sets the properties of an existing object from the table.</summary>
    public static void FillInstance(this Table table, object instance)
    {
        var mapping = TableMapping.For(instance.GetType());
        foreach (var (column, value) in TableMapping.FieldsOf(table))
        {
            mapping.Member(column).Set(instance, value);
        }
    }
}

/// <summary>Compares a table with one object.</summary>
public static class InstanceComparisonExtensionMethods
{
    /// <summary>Throws a <see cref="ComparisonException"/> listing every field whose value differs from the table.</summary>
    public static void CompareToInstance<T>(this Table table, T instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var mapping = TableMapping.For(typeof(T));
        var differences = new List<(string Field, string Expected, string Actual)>();
        foreach (var (column, expected) in TableMapping.FieldsOf(table))
        {
            var member = mapping.Member(column);
            var actual = member.Get(instance);
            if (!TableMapping.Matches(expected, actual, member.Type))
            {
                differences.Add((column, expected, TableMapping.Format(actual)));
            }
        }
        if (differences.Count == 0)
        {
            return;
        }
        var rows = new List<string[]> { new[] { "Field", "Expected", "Actual" } };
        rows.AddRange(differences.Select(d => new[] { d.Field, d.Expected, d.Actual }));
        throw new ComparisonException($"The following fields of the {typeof(T).Name} did not match:{Environment.NewLine}{TableMapping.Render(rows, prefixes: null)}");
    }
}

/// <summary>Compares a table with a set of objects.</summary>
public static class SetComparisonExtensionMethods
{
    /// <summary>
    /// Throws a <see cref="ComparisonException"/> unless every row matches a distinct item and no item is left over.
    /// The message shows the table with "-" before rows no item matched and "+" before items no row matched.
    /// </summary>
    /// <param name="sequentialEquality">Also require the items in the order of the rows.</param>
    public static void CompareToSet<T>(this Table table, IEnumerable<T> set, bool sequentialEquality = false)
    {
        var mapping = TableMapping.For(typeof(T));
        var columns = table.Header.ToList();
        var members = columns.Select(mapping.Member).ToList();
        var items = set.ToList();
        var expectedRows = table.Rows.Select(r => columns.Select(c => r[c]).ToArray()).ToList();
        bool RowMatches(string[] row, T item) => members.Select((m, i) => TableMapping.Matches(row[i], m.Get(item!), m.Type)).All(ok => ok);

        var matchedItem = new int?[expectedRows.Count];
        var used = new bool[items.Count];
        for (var r = 0; r < expectedRows.Count; r++)
        {
            if (sequentialEquality)
            {
                if (r < items.Count && RowMatches(expectedRows[r], items[r]))
                {
                    matchedItem[r] = r;
                    used[r] = true;
                }
                continue;
            }
            for (var i = 0; i < items.Count; i++)
            {
                if (!used[i] && RowMatches(expectedRows[r], items[i]))
                {
                    matchedItem[r] = i;
                    used[i] = true;
                    break;
                }
            }
        }
        var missing = matchedItem.Count(m => m is null);
        var extra = used.Count(u => !u);
        if (missing == 0 && extra == 0)
        {
            return;
        }
        var rows = new List<string[]> { columns.ToArray() };
        var prefixes = new List<string> { " " };
        for (var r = 0; r < expectedRows.Count; r++)
        {
            rows.Add(expectedRows[r]);
            prefixes.Add(matchedItem[r] is null ? "-" : " ");
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (!used[i])
            {
                rows.Add(members.Select(m => TableMapping.Format(m.Get(items[i]!))).ToArray());
                prefixes.Add("+");
            }
        }
        var order = sequentialEquality ? " in this order" : "";
        throw new ComparisonException(
            $"The {items.Count} {typeof(T).Name} item(s) do not match the table{order}: {missing} row(s) matched no item (-), {extra} item(s) matched no row (+).{Environment.NewLine}"
            + TableMapping.Render(rows, prefixes));
    }
}

/// <summary>How the columns of a table map to a type's members and constructor.</summary>
internal sealed class TableMapping
{
    private static readonly ConcurrentDictionary<Type, TableMapping> Cache = new();

    private readonly Type _type;
    private readonly Dictionary<string, MemberAccess> _members;

    private TableMapping(Type type)
    {
        _type = type;
        _members = new Dictionary<string, MemberAccess>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            _members.TryAdd(Normalize(property.Name), new MemberAccess(property.Name, property.PropertyType, property.GetValue, property.CanWrite ? property.SetValue : null));
        }
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            _members.TryAdd(Normalize(field.Name), new MemberAccess(field.Name, field.FieldType, field.GetValue, field.IsInitOnly ? null : field.SetValue));
        }
    }

    public static TableMapping For(Type type) => Cache.GetOrAdd(type, t => new TableMapping(t));

    /// <summary>The (column, value) pairs describing one object: a vertical table's rows, or a horizontal table's first row.</summary>
    public static List<(string Column, string Value)> FieldsOf(Table table)
    {
        var header = table.Header.ToList();
        if (header.Count == 2 && header[0].ToLowerInvariant() is "field" or "property" or "name" && header[1].Equals("value", StringComparison.OrdinalIgnoreCase))
        {
            return table.Rows.Select(r => (r[0], r[1])).ToList();
        }
        if (table.RowCount == 0)
        {
            throw new ComparisonException($"The table has a header ({string.Join(" | ", header)}) but no row to read an object from.");
        }
        return FieldsOf(table.Rows[0]);
    }

    public static List<(string Column, string Value)> FieldsOf(TableRow row) => row.Select(pair => (pair.Key, pair.Value)).ToList();

    public MemberAccess Member(string column) => _members.TryGetValue(Normalize(column), out var member)
        ? member
        : throw new ComparisonException(
            $"The column '{column}' matches no property or field of {_type.Name}. Its members are: {string.Join(", ", _members.Values.Select(m => m.Name))}. Rename the column (case, spaces and underscores do not matter).");

    public T Create<T>(List<(string Column, string Value)> fields, Func<T>? factory)
    {
        var remaining = fields.ToDictionary(f => Normalize(f.Column), f => f);
        object instance;
        if (factory is not null)
        {
            instance = factory()!;
        }
        else if (_type.GetConstructor(Type.EmptyTypes) is { } parameterless)
        {
            instance = parameterless.Invoke(null);
        }
        else if (_type.IsValueType)
        {
            instance = Activator.CreateInstance(_type)!;
        }
        else
        {
            instance = CreateWithConstructor(remaining);
        }
        foreach (var (column, value) in remaining.Values)
        {
            Member(column).Set(instance, value);
        }
        return (T)instance;
    }

    /// <summary>Records and classes without a parameterless constructor: the constructor whose parameters the columns cover.</summary>
    private object CreateWithConstructor(Dictionary<string, (string Column, string Value)> remaining)
    {
        var constructor = _type.GetConstructors()
            .Where(c => c.GetParameters().All(p => remaining.ContainsKey(Normalize(p.Name!)) || p.HasDefaultValue))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new ComparisonException(
                $"{_type.Name} has no parameterless constructor and no constructor whose parameters the columns ({string.Join(", ", remaining.Values.Select(v => v.Column))}) provide.");
        var arguments = constructor.GetParameters().Select(p =>
        {
            if (!remaining.Remove(Normalize(p.Name!), out var field))
            {
                return p.DefaultValue;
            }
            return Convert(field.Value, p.ParameterType, field.Column);
        }).ToArray();
        return constructor.Invoke(arguments);
    }

    /// <summary>True when the cell text means the same as the value (parsed to the member's type; text comparison otherwise).</summary>
    public static bool Matches(string expected, object? actual, Type type)
    {
        if (actual is null)
        {
            return expected.Length == 0 || expected == "null";
        }
        try
        {
            var parsed = ArgumentConverter.ConvertText(expected, type);
            if (Equals(parsed, actual))
            {
                return true;
            }
        }
        catch (ArgumentConversionException)
        {
            // Not parseable as the member's type: fall back to comparing the texts.
        }
        return string.Equals(Format(actual), expected, StringComparison.Ordinal);
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Rows as a Gherkin table, optionally each with a one-character prefix ("-", "+", " ").</summary>
    public static string Render(List<string[]> rows, IReadOnlyList<string>? prefixes)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append(prefixes is null ? "  " : prefixes[r] + " ").Append('|');
            for (var c = 0; c < widths.Length; c++)
            {
                text.Append(' ').Append(rows[r][c].PadRight(widths[c])).Append(" |");
            }
            if (r < rows.Count - 1)
            {
                text.Append(Environment.NewLine);
            }
        }
        return text.ToString();
    }

    internal static object? Convert(string value, Type type, string column)
    {
        try
        {
            return ArgumentConverter.ConvertText(value, type);
        }
        catch (ArgumentConversionException ex)
        {
            throw new ComparisonException($"The value '{value}' of column '{column}' cannot be read as {type.Name}: {ex.Message}");
        }
    }

    private static string Normalize(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    /// <summary>A property or field, read and written by name.</summary>
    internal sealed class MemberAccess(string name, Type type, Func<object?, object?> get, Action<object?, object?>? set)
    {
        public string Name { get; } = name;

        public Type Type { get; } = type;

        public object? Get(object instance) => get(instance);

        public void Set(object instance, string value)
        {
            if (set is null)
            {
                throw new ComparisonException($"The member {Name} cannot be set (it is read-only and not a constructor parameter).");
            }
            set(instance, Convert(value, Type, Name));
        }
    }
}
