using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes;

/// <summary>A parsed label selector: equality (a=b, a==b, a!=b) and set-based (a in (x,y), a notin (x), a, !a) requirements, all of which must hold.</summary>
public sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static readonly LabelSelector Everything = new([]);

    /// <summary>True when the selector has no requirement (it selects everything).</summary>
    public bool IsEmpty => _requirements.Count == 0;

    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }
        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var term in SplitTopLevel(selector))
        {
            requirements.Add(ParseRequirement(term.Trim(), selector));
        }
        return new LabelSelector(requirements);
    }

    /// <summary>A metav1.LabelSelector object (matchLabels + matchExpressions); null or empty selects everything.</summary>
    public static LabelSelector FromObject(JsonNode? selector)
    {
        var terms = new List<string>();
        if (selector?["matchLabels"] is JsonObject matchLabels)
        {
            terms.AddRange(matchLabels.Select(label => $"{label.Key}={label.Value}"));
        }
        foreach (var expression in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = (string?)expression["key"] ?? "";
            var values = string.Join(",", (expression["values"] as JsonArray ?? []).Select(v => v?.ToString()));
            terms.Add((string?)expression["operator"] switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var other => throw ApiException.BadRequest($"\"{other}\" is not a valid label selector operator: use In, NotIn, Exists or DoesNotExist"),
            });
        }
        return Parse(string.Join(",", terms));
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    public bool Matches(JsonObject obj) => Matches(ObjectMeta.Labels(obj));

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string term, string selector)
    {
        if (term.Length == 0)
        {
            throw ApiException.BadRequest($"unable to parse requirement: empty term in label selector \"{selector}\"");
        }
        var lower = term.ToLowerInvariant();
        var notIn = lower.IndexOf(" notin ", StringComparison.Ordinal);
        var inIndex = lower.IndexOf(" in ", StringComparison.Ordinal);
        if (notIn > 0 || inIndex > 0)
        {
            var isNotIn = notIn > 0;
            var keyEnd = isNotIn ? notIn : inIndex;
            var key = term[..keyEnd].Trim();
            var rest = term[(keyEnd + (isNotIn ? 7 : 4))..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            {
                throw ApiException.BadRequest($"unable to parse requirement: \"{term}\": set-based values must be in parentheses");
            }
            var values = rest[1..^1].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
            return isNotIn
                ? labels => !labels.TryGetValue(key, out var v) || !values.Contains(v)
                : labels => labels.TryGetValue(key, out var v) && values.Contains(v);
        }
        if (term.Contains("!=", StringComparison.Ordinal))
        {
            var (key, value) = SplitOnce(term, "!=");
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }
        if (term.Contains("==", StringComparison.Ordinal))
        {
            var (key, value) = SplitOnce(term, "==");
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }
        if (term.Contains('=', StringComparison.Ordinal))
        {
            var (key, value) = SplitOnce(term, "=");
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }
        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }
        return labels => labels.ContainsKey(term);
    }

    private static (string Key, string Value) SplitOnce(string term, string separator)
    {
        var index = term.IndexOf(separator, StringComparison.Ordinal);
        return (term[..index].Trim(), term[(index + separator.Length)..].Trim());
    }

    // Commas separate requirements except inside "in (a,b)" value lists.
    private static IEnumerable<string> SplitTopLevel(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return selector[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return selector[start..];
    }
}

/// <summary>A parsed field selector: path=value, path==value and path!=value on dotted JSON paths (metadata.name, spec.type, involvedObject.name ...).</summary>
public sealed class FieldSelector
{
    private readonly List<(string Path, string Value, bool Equal)> _terms;

    private FieldSelector(List<(string, string, bool)> terms) => _terms = terms;

    public static readonly FieldSelector Everything = new([]);

    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }
        var terms = new List<(string, string, bool)>();
        foreach (var raw in selector.Split(','))
        {
            var term = raw.Trim();
            var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
            if (notEqual > 0)
            {
                terms.Add((term[..notEqual].Trim(), term[(notEqual + 2)..].Trim(), false));
                continue;
            }
            var equal = term.IndexOf('=', StringComparison.Ordinal);
            if (equal <= 0)
            {
                throw ApiException.BadRequest($"invalid field selector \"{selector}\": expected path=value, path==value or path!=value");
            }
            var value = term[(equal + 1)..];
            if (value.StartsWith('='))
            {
                value = value[1..];
            }
            terms.Add((term[..equal].Trim(), value.Trim(), true));
        }
        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj) => _terms.All(t => (ReadPath(obj, t.Path) == t.Value) == t.Equal);

    private static string ReadPath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(segment, out var child) ? child : null;
            if (node is null)
            {
                return "";
            }
        }
        return node is JsonValue value ? value.ToString() : node.ToJsonString();
    }
}
