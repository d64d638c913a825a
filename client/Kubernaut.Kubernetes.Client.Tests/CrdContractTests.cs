using System.Text.Json.Serialization.Metadata;
using Kubernaut.Testing;
using YamlDotNet.RepresentationModel;

namespace Kubernaut.Kubernetes.Client.Tests;

/// <summary>The hand-written Kubernaut models against the CRDs Kubernaut installs (shared/kubernaut/crds).</summary>
public sealed class CrdContractTests
{
    [Fact]
    public void The_notification_request_model_has_every_field_of_the_CRD_schema()
    {
        var schema = OpenApiSchema(SharedReferenceData.RequireCrd("kubernaut.ai_notificationrequests.yaml"));
        var missing = new List<string>();

        CollectMissing(typeof(NotificationRequest), schema, "", missing);

        missing.Should().BeEmpty("every field of the CRD must survive typed reads and writes");
    }

    [Fact]
    public void The_catalogue_addresses_the_CRDs_group_version_plural_and_scope()
    {
        foreach (var (file, type) in new[]
        {
            ("kubernaut.ai_notificationrequests.yaml", ResourceTypes.NotificationRequest),
            ("kubernaut.ai_remediationrequests.yaml", ResourceTypes.RemediationRequest),
        })
        {
            var spec = (YamlMappingNode)Load(SharedReferenceData.RequireCrd(file))["spec"];
            var names = (YamlMappingNode)spec["names"];
            var version = (YamlMappingNode)((YamlSequenceNode)spec["versions"]).Single();
            (Scalar(spec, "group"), Scalar(version, "name"), Scalar(names, "plural"), Scalar(names, "kind"), Scalar(spec, "scope") == "Namespaced")
                .Should().Be((type.Group, type.Version, type.Plural, type.Kind, type.Namespaced), file);
        }
    }

    /// <summary>Adds "path.field" for every schema property the model type (or a nested model) does not declare.</summary>
    private static void CollectMissing(Type type, YamlMappingNode schema, string path, List<string> missing)
    {
        if (!schema.Children.TryGetValue("properties", out var properties))
        {
            return;
        }

        var declared = KubernetesJson.Options.GetTypeInfo(type).Properties.ToDictionary(property => property.Name);
        foreach (var (key, value) in ((YamlMappingNode)properties).Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var childSchema = (YamlMappingNode)value;
            if (name == "metadata")
            {
                continue;
            }

            if (!declared.TryGetValue(name, out var property))
            {
                missing.Add($"{path}{name}");
                continue;
            }

            var (childType, itemSchema) = Element(property, childSchema);
            if (typeof(KubernetesModel).IsAssignableFrom(childType))
            {
                CollectMissing(childType, itemSchema, $"{path}{name}.", missing);
            }
        }
    }

    /// <summary>The model type and schema of a property, looking through lists to their items.</summary>
    private static (Type Type, YamlMappingNode Schema) Element(JsonPropertyInfo property, YamlMappingNode schema)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)
            ? (type.GetGenericArguments()[0], (YamlMappingNode)schema["items"])
            : (type, schema);
    }

    private static YamlMappingNode OpenApiSchema(string crdPath)
    {
        var version = (YamlMappingNode)((YamlSequenceNode)Load(crdPath)["spec"]["versions"]).Single();
        return (YamlMappingNode)version["schema"]["openAPIV3Schema"];
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value;
}
