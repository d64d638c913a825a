using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Workloads;

/// <summary>
/// Names as the deployment controller makes them: pod-template-hash is the FNV-32a of the pod template encoded in the
/// "safe" alphabet (no vowels, no look-alike digits), so pods are named &lt;deployment&gt;-&lt;hash&gt;-&lt;5 random&gt;.
/// </summary>
public static class PodTemplateHash
{
    public static string Compute(JsonNode? template)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Canonical(template)))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    private static string SafeEncode(string text) => string.Concat(text.Select(c => SafeAlphabet.Characters[c % SafeAlphabet.Characters.Length]));

    // Key order must not change the hash: kubectl apply and the store may reorder object keys.
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
