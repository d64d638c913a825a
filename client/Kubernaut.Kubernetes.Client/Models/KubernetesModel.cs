using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kubernaut.Kubernetes.Client.Models;

/// <summary>Base of every typed model: fields this model does not declare survive a read-modify-write round trip.</summary>
public abstract class KubernetesModel
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>What every Kubernetes object has: apiVersion, kind and metadata.</summary>
public interface IKubernetesObject
{
    string? ApiVersion { get; set; }

    string? Kind { get; set; }

    ObjectMeta Metadata { get; set; }
}

/// <summary>A typed object that knows where the API serves it, so <c>client.Resources&lt;Pod&gt;()</c> needs no arguments.</summary>
public interface IKubernetesResource : IKubernetesObject
{
    static abstract ResourceType ResourceType { get; }
}

/// <summary>Base of the typed objects; a new instance already carries its apiVersion and kind.</summary>
public abstract class KubernetesResource<TSelf> : KubernetesModel, IKubernetesObject
    where TSelf : KubernetesResource<TSelf>, IKubernetesResource
{
    protected KubernetesResource()
    {
        ApiVersion = TSelf.ResourceType.ApiVersion;
        Kind = TSelf.ResourceType.Kind;
    }

    [JsonPropertyOrder(-3)]
    public string? ApiVersion { get; set; }

    [JsonPropertyOrder(-2)]
    public string? Kind { get; set; }

    [JsonPropertyOrder(-1)]
    public ObjectMeta Metadata { get; set; } = new();

    public override string ToString() => $"{Kind} {Metadata}";
}

/// <summary>
/// Any object, typed only in apiVersion, kind and metadata; everything else (spec, status, data ...) is a
/// <see cref="JsonObject"/> reachable through the indexer, e.g. <c>obj["spec"]!["type"]</c>.
/// </summary>
[JsonConverter(typeof(KubernetesObjectConverter))]
public sealed class KubernetesObject : IKubernetesObject
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ObjectMeta Metadata { get; set; } = new();

    /// <summary>Every top-level field other than apiVersion, kind and metadata.</summary>
    public JsonObject Fields { get; set; } = [];

    public JsonNode? this[string field]
    {
        get => Fields[field];
        set => Fields[field] = value;
    }

    /// <summary>A new object of <paramref name="type"/> with the given name and namespace.</summary>
    public static KubernetesObject Create(ResourceType type, string name, string? @namespace = null) => new()
    {
        ApiVersion = type.ApiVersion,
        Kind = type.Kind,
        Metadata = new ObjectMeta { Name = name, Namespace = @namespace },
    };

    /// <summary>Reads this object as a typed model (a copy).</summary>
    public T ConvertTo<T>() where T : IKubernetesObject =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(this, KubernetesJson.Options), KubernetesJson.Options)!;

    public override string ToString() => $"{Kind} {Metadata}";

    /// <summary>Flattens <see cref="Fields"/> into the object (a JsonObject extension-data property is not written flat by System.Text.Json 10).</summary>
    private sealed class KubernetesObjectConverter : JsonConverter<KubernetesObject>
    {
        public override KubernetesObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var fields = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("A Kubernetes object must be a JSON object.");
            var result = new KubernetesObject
            {
                ApiVersion = Take(fields, "apiVersion")?.GetValue<string>(),
                Kind = Take(fields, "kind")?.GetValue<string>(),
                Metadata = Take(fields, "metadata")?.Deserialize<ObjectMeta>(options) ?? new ObjectMeta(),
                Fields = fields,
            };
            return result;
        }

        public override void Write(Utf8JsonWriter writer, KubernetesObject value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            if (value.ApiVersion is not null)
            {
                writer.WriteString("apiVersion", value.ApiVersion);
            }

            if (value.Kind is not null)
            {
                writer.WriteString("kind", value.Kind);
            }

            writer.WritePropertyName("metadata");
            JsonSerializer.Serialize(writer, value.Metadata, options);
            foreach (var (name, field) in value.Fields)
            {
                writer.WritePropertyName(name);
                if (field is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    field.WriteTo(writer, options);
                }
            }

            writer.WriteEndObject();
        }

        private static JsonNode? Take(JsonObject fields, string name)
        {
            fields.Remove(name, out var node);
            return node;
        }
    }
}

/// <summary>A list response: items plus the resourceVersion to watch from and the continue token of the next page.</summary>
public sealed class KubernetesList<T> : KubernetesModel
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ListMeta Metadata { get; set; } = new();

    public List<T> Items { get; set; } = [];
}
