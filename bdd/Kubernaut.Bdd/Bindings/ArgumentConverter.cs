using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using Reqnroll;

namespace Kubernaut.Bdd.Bindings;

/// <summary>A step argument cannot be converted to the type the binding method asks for.</summary>
public sealed class ArgumentConversionException(string message, Exception? inner = null) : ReqnrollException(message, inner ?? new FormatException(message));

/// <summary>
/// Converts step arguments (text, tables, transformed values) to binding parameter types: first through a matching
/// <c>[StepArgumentTransformation]</c>, then the built-in conversions (numbers, bool, enums, dates, Guid, Uri,
/// nullable types, anything with a <see cref="TypeConverter"/> from string). Numbers and dates use the invariant culture.
/// </summary>
public sealed class ArgumentConverter
{
    private static readonly ConcurrentDictionary<Type, Func<string, object?>?> BuiltInConverters = new();

    private readonly ILookup<Type, StepArgumentTransformationBinding> _transformationsByTarget;

    internal ArgumentConverter(IEnumerable<StepArgumentTransformationBinding> transformations)
    {
        _transformationsByTarget = transformations.ToLookup(t => t.TargetType);
    }

    /// <summary>Converts a value to the target type.</summary>
    /// <param name="resolveInstance">Creates or finds the binding class instance for an instance transformation method.</param>
    public ValueTask<object?> ConvertAsync(object? value, Type target, Func<Type, object> resolveInstance)
    {
        var underlying = Nullable.GetUnderlyingType(target);
        // Most arguments have no transformation: convert them without an async state machine.
        return _transformationsByTarget.Contains(underlying ?? target)
            ? ConvertWithTransformationsAsync(value, target, underlying, resolveInstance)
            : new ValueTask<object?>(ConvertBuiltIn(value, target, underlying));
    }

    private async ValueTask<object?> ConvertWithTransformationsAsync(object? value, Type target, Type? underlying, Func<Type, object> resolveInstance)
    {
        foreach (var transformation in _transformationsByTarget[underlying ?? target])
        {
            if (TransformationInputs(transformation, value) is { } inputs)
            {
                return await TransformAsync(transformation, inputs, resolveInstance).ConfigureAwait(false);
            }
        }
        return ConvertBuiltIn(value, target, underlying);
    }

    private static object? ConvertBuiltIn(object? value, Type target, Type? underlying) =>
        value switch
        {
            null => target.IsValueType && underlying is null
                ? throw new ArgumentConversionException($"No value was given, but {target.Name} needs one.")
                : null,
            _ when target.IsInstanceOfType(value) => value,
            Table table when target == typeof(DataTable) => DataTable.FromTable(table),
            string text => ConvertText(text, target),
            _ => throw new ArgumentConversionException(
                $"A {Describe(value)} cannot be converted to {target.Name}. Add a [StepArgumentTransformation] method returning {target.Name} that takes a {value.GetType().Name}."),
        };

    /// <summary>Invokes a transformation, converting its inputs (texts or a table) to the method's parameter types.</summary>
    public async ValueTask<object?> TransformAsync(StepArgumentTransformationBinding transformation, IReadOnlyList<object?> inputs, Func<Type, object> resolveInstance)
    {
        var method = transformation.Method;
        if (inputs.Count != method.ParameterTypes.Length)
        {
            throw new BindingException(
                $"The transformation {method.Signature} at {method.Location} takes {method.ParameterTypes.Length} parameters but its regex captures {inputs.Count} values; make them agree.");
        }
        var arguments = new object?[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            arguments[i] = inputs[i] is string text && method.ParameterTypes[i] != typeof(string) ? ConvertText(text, method.ParameterTypes[i]) : inputs[i];
        }
        var target = method.IsStatic ? null : resolveInstance(method.DeclaringType);
        return await method.InvokeForResultAsync(target, arguments).ConfigureAwait(false);
    }

    /// <summary>Converts text with the built-in conversions only.</summary>
    public static object? ConvertText(string text, Type target)
    {
        if (target == typeof(string) || target == typeof(object))
        {
            return text;
        }
        var underlying = Nullable.GetUnderlyingType(target);
        if (underlying is not null)
        {
            return text.Length == 0 ? null : ConvertText(text, underlying);
        }
        var converter = BuiltInConverters.GetOrAdd(target, CreateConverter)
            ?? throw new ArgumentConversionException(
                $"There is no built-in conversion from text to {target.Name}. Add a [StepArgumentTransformation] method returning {target.Name}.");
        try
        {
            return converter(text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentConversionException($"'{text}' is not a valid {Describe(target)}.", ex);
        }
    }

    private static IReadOnlyList<object?>? TransformationInputs(StepArgumentTransformationBinding transformation, object? value)
    {
        if (transformation.Regex is not null)
        {
            if (value is not string text || transformation.Regex.Match(text) is not { Success: true } match)
            {
                return null;
            }
            return transformation.CaptureCount == 0 ? [text] : match.Groups.Values.Skip(1).Select(g => (object?)g.Value).ToArray();
        }
        var parameters = transformation.Method.ParameterTypes;
        var applies = parameters.Length == 1 && value is not null
            && (parameters[0].IsInstanceOfType(value) || (value is string && !typeof(Table).IsAssignableFrom(parameters[0])));
        return applies ? [value] : null;
    }

    private static Func<string, object?>? CreateConverter(Type type)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (type.IsEnum)
        {
            return text => ParseEnum(text, type);
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => t => int.Parse(t, NumberStyles.Integer, invariant),
            TypeCode.Int64 => t => long.Parse(t, NumberStyles.Integer, invariant),
            TypeCode.Int16 => t => short.Parse(t, NumberStyles.Integer, invariant),
            TypeCode.Byte => t => byte.Parse(t, NumberStyles.Integer, invariant),
            TypeCode.SByte => t => sbyte.Parse(t, NumberStyles.Integer, invariant),
            TypeCode.UInt32 => t => uint.Parse(t, NumberStyles.Integer, invariant),
            TypeCode.UInt64 => t => ulong.Parse(t, NumberStyles.Integer, invariant),
            TypeCode.UInt16 => t => ushort.Parse(t, NumberStyles.Integer, invariant),
            TypeCode.Double => t => double.Parse(t, NumberStyles.Float | NumberStyles.AllowThousands, invariant),
            TypeCode.Single => t => float.Parse(t, NumberStyles.Float | NumberStyles.AllowThousands, invariant),
            TypeCode.Decimal => t => decimal.Parse(t, NumberStyles.Float | NumberStyles.AllowThousands, invariant),
            TypeCode.Boolean => t => bool.Parse(t.Trim()),
            TypeCode.Char => t => t.Length == 1 ? t[0] : throw new FormatException("A char needs exactly one character."),
            TypeCode.DateTime => t => DateTime.Parse(t, invariant, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateTimeOffset) => t => DateTimeOffset.Parse(t, invariant),
            _ when type == typeof(TimeSpan) => t => TimeSpan.Parse(t, invariant),
            _ when type == typeof(Guid) => t => Guid.Parse(t),
            _ when type == typeof(Uri) => t => new Uri(t, UriKind.RelativeOrAbsolute),
            _ => TypeConverterFor(type),
        };
    }

    private static Func<string, object?>? TypeConverterFor(Type type)
    {
        var converter = TypeDescriptor.GetConverter(type);
        return converter.CanConvertFrom(typeof(string)) ? t => converter.ConvertFromInvariantString(t) : null;
    }

    /// <summary>Enum names match ignoring case and spaces ("in progress" → InProgress), as in Reqnroll.</summary>
    private static object ParseEnum(string text, Type type)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        if (Enum.TryParse(type, compact, ignoreCase: true, out var value) && Enum.IsDefined(type, value!))
        {
            return value!;
        }
        throw new FormatException($"Use one of: {string.Join(", ", Enum.GetNames(type))}.");
    }

    private static string Describe(Type type) => type.IsEnum ? $"{type.Name} ({string.Join(", ", Enum.GetNames(type))})" : type.Name;

    private static string Describe(object value) => value switch
    {
        Table table => $"table with columns {string.Join(", ", table.Header)}",
        _ => value.GetType().Name,
    };
}
