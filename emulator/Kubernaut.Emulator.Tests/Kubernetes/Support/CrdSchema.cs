using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Tests.Contracts;
using Kubernaut.Testing;

namespace Kubernaut.Emulator.Tests.Kubernetes.Support;

/// <summary>
/// One version of a CustomResourceDefinition read from the reference CRD files, applying its structural schema as the
/// API server does before validation: defaults of absent properties of present objects (top-down, so a defaulted
/// object gets its own defaults too), then the OpenAPI checks (type, required, enum, minimum/maximum, minLength/
/// maxLength, pattern, nested objects, arrays and additionalProperties maps) of the team's <see cref="SchemaValidator"/>.
/// CEL rules (x-kubernetes-validations) are not evaluated here; the update tests cover spec immutability.
/// </summary>
internal sealed class CrdSchema
{
    private readonly JsonObject _version;

    private CrdSchema(JsonObject version) => _version = version;

    public JsonObject OpenApiV3Schema => _version["schema"]!["openAPIV3Schema"]!.AsObject();

    /// <summary>The printer columns, as kubectl get shows them: name and priority.</summary>
    public IReadOnlyList<(string Name, int Priority)> PrinterColumns =>
        (_version["additionalPrinterColumns"] as JsonArray ?? [])
            .Select(c => (c!["name"]!.GetValue<string>(), (int?)c["priority"]?.GetValue<long>() ?? 0))
            .ToList();

    /// <summary>The CRD file kubernaut/crds/&lt;fileName&gt; of the reference material; skips the calling test when it is absent.</summary>
    public static CrdSchema Load(string fileName)
    {
        var crd = YamlJson.Parse(File.ReadAllText(SharedReferenceData.RequireCrd(fileName)))!.AsObject();
        return new CrdSchema(crd["spec"]!["versions"]![0]!.AsObject());
    }

    /// <summary>The violations of <paramref name="obj"/> after defaulting (a copy: the argument is not changed); empty when valid.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonObject obj)
    {
        var defaulted = Default(obj);
        return new SchemaValidator(OpenApiV3Schema).Validate(OpenApiV3Schema, defaulted);
    }

    /// <summary>A copy of <paramref name="obj"/> with the schema's defaults applied.</summary>
    public JsonObject Default(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        ApplyDefaults(OpenApiV3Schema, copy);
        return copy;
    }

    private static void ApplyDefaults(JsonObject schema, JsonNode? instance)
    {
        switch (instance)
        {
            case JsonObject obj when schema["properties"] is JsonObject properties:
                foreach (var (name, property) in properties)
                {
                    if (!obj.ContainsKey(name) && property?["default"] is { } value)
                    {
                        obj[name] = value.DeepClone();
                    }
                    if (obj[name] is { } child && property is JsonObject propertySchema)
                    {
                        ApplyDefaults(propertySchema, child);
                    }
                }
                break;
            case JsonObject map when schema["additionalProperties"] is JsonObject valueSchema:
                foreach (var (_, value) in map)
                {
                    ApplyDefaults(valueSchema, value);
                }
                break;
            case JsonArray array when schema["items"] is JsonObject itemSchema:
                foreach (var item in array)
                {
                    ApplyDefaults(itemSchema, item);
                }
                break;
        }
    }
}
