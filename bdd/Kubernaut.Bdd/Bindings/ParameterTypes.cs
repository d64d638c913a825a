namespace Kubernaut.Bdd.Bindings;

/// <summary>How a parameter type turns its capture into an argument.</summary>
public enum ParameterValueKind
{
    /// <summary>The captured text, converted to the method parameter's type.</summary>
    Text,

    /// <summary>The text between the quotes of <c>"..."</c> or <c>'...'</c>, with <c>\"</c> and <c>\'</c> unescaped.</summary>
    QuotedString,

    /// <summary>The result of a <c>[StepArgumentTransformation]</c> method given the capture's groups.</summary>
    Transformation,
}

/// <summary>A Cucumber expression parameter type such as <c>{int}</c> or a user-defined <c>{flight}</c>.</summary>
public sealed class ParameterTypeDefinition
{
    internal ParameterTypeDefinition(string name, IReadOnlyList<string> regexes, ParameterValueKind kind, StepArgumentTransformationBinding? transformation = null)
    {
        Name = name;
        Regexes = regexes;
        Kind = kind;
        Transformation = transformation;
    }

    public string Name { get; }

    public IReadOnlyList<string> Regexes { get; }

    public ParameterValueKind Kind { get; }

    /// <summary>Set for user-defined parameter types.</summary>
    public StepArgumentTransformationBinding? Transformation { get; }

    /// <summary>The message id of a user-defined parameter type.</summary>
    public string? Id { get; internal set; }
}

/// <summary>The parameter types Cucumber expressions can name: Cucumber's, Reqnroll's .NET ones, enums used by step definitions, and user-defined ones.</summary>
public sealed class ParameterTypeRegistry
{
    // The regexes of the official implementation, so that captured groups match other Cucumber implementations.
    internal const string IntegerRegex = @"-?\d+";
    internal const string UnsignedIntegerRegex = @"\d+";
    internal const string FloatRegex = @"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[E][+-]?\d+)?";
    internal const string WordRegex = @"[^\s]+";
    internal const string StringRegex = @"""([^""\\]*(\\.[^""\\]*)*)""|'([^'\\]*(\\.[^'\\]*)*)'";
    internal const string AnythingRegex = ".*";

    private readonly Dictionary<string, ParameterTypeDefinition> _byName = new(StringComparer.Ordinal);

    internal ParameterTypeRegistry(IEnumerable<ParameterTypeDefinition> custom, IEnumerable<Type> enumTypes)
    {
        foreach (var builtIn in BuiltIns())
        {
            _byName[builtIn.Name] = builtIn;
        }
        var shortNames = enumTypes.Distinct().GroupBy(t => t.Name).ToList();
        foreach (var group in shortNames)
        {
            foreach (var enumType in group)
            {
                _byName[enumType.FullName!] = new ParameterTypeDefinition(enumType.FullName!, [AnythingRegex], ParameterValueKind.Text);
            }
            // A short name shared by two enums would be ambiguous; those need their full name.
            if (group.Count() == 1)
            {
                _byName.TryAdd(group.Key, new ParameterTypeDefinition(group.Key, [AnythingRegex], ParameterValueKind.Text));
            }
        }
        Custom = custom.ToList();
        foreach (var definition in Custom)
        {
            _byName[definition.Name] = definition;
        }
    }

    /// <summary>The user-defined parameter types, in definition order.</summary>
    public IReadOnlyList<ParameterTypeDefinition> Custom { get; }

    public bool TryGet(string name, out ParameterTypeDefinition definition) => _byName.TryGetValue(name, out definition!);

    private static IEnumerable<ParameterTypeDefinition> BuiltIns()
    {
        string[] integers = [IntegerRegex, UnsignedIntegerRegex];
        yield return new ParameterTypeDefinition("int", integers, ParameterValueKind.Text);
        yield return new ParameterTypeDefinition("float", [FloatRegex], ParameterValueKind.Text);
        yield return new ParameterTypeDefinition("word", [WordRegex], ParameterValueKind.Text);
        yield return new ParameterTypeDefinition("string", [StringRegex], ParameterValueKind.QuotedString);
        yield return new ParameterTypeDefinition("", [AnythingRegex], ParameterValueKind.Text);
        foreach (var name in new[] { "long", "short", "byte", "biginteger", "Int16", "Int32", "Int64", "Byte" })
        {
            yield return new ParameterTypeDefinition(name, integers, ParameterValueKind.Text);
        }
        foreach (var name in new[] { "double", "decimal", "bigdecimal", "Double", "Single", "Decimal" })
        {
            yield return new ParameterTypeDefinition(name, [FloatRegex], ParameterValueKind.Text);
        }
        foreach (var name in new[] { "bool", "Boolean", "char", "Char", "DateTime", "DateTimeOffset", "TimeSpan", "Guid" })
        {
            yield return new ParameterTypeDefinition(name, [AnythingRegex], ParameterValueKind.Text);
        }
    }
}
