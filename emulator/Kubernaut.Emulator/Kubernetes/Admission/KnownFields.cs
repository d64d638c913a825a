using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>
/// The field names a custom resource's structural schema declares. The API server prunes every other field of a custom
/// resource before storing it (with a warning, or a 400 under fieldValidation=Strict) and drops nulls, so a misspelt or
/// invented field such as spec.channels silently disappears instead of being stored.
/// </summary>
public sealed class KnownFields
{
    private readonly IReadOnlyDictionary<string, KnownFields>? _properties;
    private readonly KnownFields? _items;
    private readonly KnownFields? _mapValues;
    private readonly bool _preserveUnknown;

    private KnownFields(IReadOnlyDictionary<string, KnownFields>? properties, KnownFields? items, KnownFields? mapValues, bool preserveUnknown)
    {
        _properties = properties;
        _items = items;
        _mapValues = mapValues;
        _preserveUnknown = preserveUnknown;
    }

    /// <summary>A string, number or boolean.</summary>
    public static readonly KnownFields Scalar = new(null, null, null, false);

    /// <summary>Anything goes below this point (metadata, free-form objects).</summary>
    public static readonly KnownFields Anything = new(null, null, null, true);

    public static KnownFields Object(params (string Name, KnownFields Field)[] properties) =>
        new(properties.ToDictionary(p => p.Name, p => p.Field, StringComparer.Ordinal), null, null, false);

    /// <summary>An object whose properties are all scalars.</summary>
    public static KnownFields ObjectOfScalars(params string[] names) => Object(names.Select(n => (n, Scalar)).ToArray());

    public static KnownFields ArrayOf(KnownFields items) => new(null, items, null, false);

    /// <summary>A map (additionalProperties): any key, values shaped as given.</summary>
    public static KnownFields MapOf(KnownFields values) => new(null, null, values, false);

    /// <summary>The paths ("spec.channels") of fields the schema does not declare, without changing anything.</summary>
    public IReadOnlyList<string> FindUnknown(JsonNode? node)
    {
        var unknown = new List<string>();
        Walk(node?.DeepClone(), "", unknown, prune: false);
        return unknown;
    }

    /// <summary>Removes undeclared fields and null values in place; returns the paths of the undeclared fields removed.</summary>
    public IReadOnlyList<string> Prune(JsonNode? node)
    {
        var unknown = new List<string>();
        Walk(node, "", unknown, prune: true);
        return unknown;
    }

    private void Walk(JsonNode? node, string path, List<string> unknown, bool prune)
    {
        if (_preserveUnknown)
        {
            return;
        }
        switch (node)
        {
            case JsonObject obj when _properties is not null || _mapValues is not null:
                foreach (var (key, value) in obj.ToList())
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (value is null)
                    {
                        obj.Remove(key);
                        continue;
                    }
                    var child = _mapValues ?? (_properties!.TryGetValue(key, out var declared) ? declared : null);
                    if (child is null)
                    {
                        unknown.Add(childPath);
                        if (prune)
                        {
                            obj.Remove(key);
                        }
                        continue;
                    }
                    child.Walk(value, childPath, unknown, prune);
                }
                break;
            case JsonArray array when _items is not null:
                for (var i = 0; i < array.Count; i++)
                {
                    _items.Walk(array[i], $"{path}[{i}]", unknown, prune);
                }
                break;
        }
    }
}
