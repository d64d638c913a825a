using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Kubernetes.Api;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>The patch formats and the YAML reader, on documents small enough to read at a glance.</summary>
public sealed class PatchAndYamlTests
{
    private static readonly JsonObject Pod = JsonNode.Parse("""
        {"metadata":{"name":"p","finalizers":["a","b"]},
         "spec":{"containers":[{"name":"app","image":"v1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},{"name":"sidecar","image":"s1"}]}}
        """)!.AsObject();

    [Fact]
    public void Strategic_merge_honours_merge_keys_and_directives()
    {
        var patch = JsonNode.Parse("""
            {"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]},
             "spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],
                     "containers":[{"name":"app","env":[{"name":"A","$patch":"delete"},{"name":"C","value":"3"}]},{"name":"sidecar","$patch":"delete"}]}}
            """)!;

        var patched = Patches.Apply(Pod, patch, PatchType.StrategicMerge);

        patched.ToJsonString().Should().Be("""
            {"metadata":{"name":"p","finalizers":["b"]},"spec":{"containers":[{"name":"app","image":"v1","env":[{"name":"B","value":"2"},{"name":"C","value":"3"}]}]}}
            """.Trim());
    }

    [Fact]
    public void A_merge_patch_replaces_lists_and_removes_nulls()
    {
        var patched = Patches.Apply(Pod, JsonNode.Parse("""{"metadata":{"finalizers":null},"spec":{"containers":[{"name":"only"}]}}""")!, PatchType.Merge);

        patched.ToJsonString().Should().Be("""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"only"}]}}""");
    }

    [Fact]
    public void Json_patch_moves_copies_and_appends()
    {
        var patch = JsonNode.Parse("""
            [{"op":"copy","from":"/spec/containers/0/image","path":"/metadata/image"},
             {"op":"move","from":"/metadata/finalizers","path":"/metadata/kept"},
             {"op":"add","path":"/metadata/kept/-","value":"c"},
             {"op":"replace","path":"/spec","value":{}}]
            """)!;

        var patched = Patches.Apply(Pod, patch, PatchType.Json);

        patched.ToJsonString().Should().Be("""{"metadata":{"name":"p","image":"v1","kept":["a","b","c"]},"spec":{}}""");
        var missing = () => Patches.Apply(Pod, JsonNode.Parse("""[{"op":"remove","path":"/spec/nothing"}]""")!, PatchType.Json);
        missing.Should().Throw<ApiException>().Which.Message.Should().Contain("doc is missing path: \"/spec/nothing\"");
    }

    [Fact]
    public void Yaml_plain_scalars_are_typed_and_quoted_ones_stay_strings()
    {
        var node = YamlJson.Parse("""
            count: 3
            ratio: 0.5
            enabled: true
            empty:
            quoted: "3"
            version: v1
            list: [a, 2]
            """)!;

        node.ToJsonString().Should().Be("""{"count":3,"ratio":0.5,"enabled":true,"empty":null,"quoted":"3","version":"v1","list":["a",2]}""");
        var duplicate = () => YamlJson.Parse("a: 1\na: 2\n");
        duplicate.Should().Throw<ApiException>().Which.Message.Should().Be("error converting YAML to JSON: yaml: line 2: Duplicate key a");
    }
}
