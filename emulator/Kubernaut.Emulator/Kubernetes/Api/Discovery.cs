using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>
/// The discovery documents in their legacy (unaggregated) form: /version, /api, /api/v1, /apis, /apis/{group} and
/// /apis/{group}/{version}. kubectl asks for aggregated discovery first and falls back to these when the answer is
/// plain application/json.
/// </summary>
internal static class Discovery
{
    public const string Major = "1";
    public const string Minor = "32";
    public const string GitVersion = "v1.32.0+kubernaut-emulator";

    public static JsonObject Version() => new()
    {
        ["major"] = Major,
        ["minor"] = Minor,
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(ApiResources.GroupVersions.Select(gv => gv.Group).Distinct().Select(g => (JsonNode)Group(g)!).ToArray()),
    };

    /// <summary>Null when the group is not served.</summary>
    public static JsonObject? Group(string group)
    {
        var versions = ApiResources.GroupVersions.Where(gv => gv.Group == group).ToList();
        if (versions.Count == 0)
        {
            return null;
        }
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(gv => (JsonNode)GroupVersion(gv.Group, gv.Version)).ToArray()),
            ["preferredVersion"] = GroupVersion(versions[0].Group, versions[0].Version),
        };
    }

    /// <summary>The APIResourceList of one group/version; null when not served.</summary>
    public static JsonObject? Resources(string group, string version)
    {
        // Alphabetical, as the API server lists them (kubectl get all expands its category in this order).
        var kinds = ApiResources.InGroupVersion(group, version).OrderBy(k => k.Plural, StringComparer.Ordinal).ToList();
        if (kinds.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var kind in kinds)
        {
            resources.Add(Resource(kind));
            foreach (var (name, subKind, subGroup, subVersion, verbs) in ApiResources.Subresources(kind))
            {
                var subresource = new JsonObject
                {
                    ["name"] = $"{kind.Plural}/{name}",
                    ["singularName"] = "",
                    ["namespaced"] = kind.Namespaced,
                };
                if (subGroup is not null)
                {
                    subresource["group"] = subGroup;
                    subresource["version"] = subVersion;
                }
                subresource["kind"] = subKind;
                subresource["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray());
                resources.Add(subresource);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Resource(ResourceKind kind)
    {
        var verbs = ApiResources.IsReview(kind) ? ["create"] : ApiResources.ReadWriteVerbs;
        var resource = new JsonObject
        {
            ["name"] = kind.Plural,
            ["singularName"] = kind.Singular,
            ["namespaced"] = kind.Namespaced,
            ["kind"] = kind.Kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
        };
        if (kind.ShortNames.Count > 0)
        {
            resource["shortNames"] = new JsonArray(kind.ShortNames.Select(s => (JsonNode)s).ToArray());
        }
        if (ApiResources.Categories(kind) is { Count: > 0 } categories)
        {
            resource["categories"] = new JsonArray(categories.Select(c => (JsonNode)c).ToArray());
        }
        return resource;
    }

    private static JsonObject GroupVersion(string group, string version) => new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
}
