using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Notification.Model;

/// <summary>spec.retryPolicy with the CRD defaults (5 attempts, 30 s initial backoff, ×2, at most 480 s).</summary>
internal sealed record RetryPolicy(int MaxAttempts, int InitialBackoffSeconds, int BackoffMultiplier, int MaxBackoffSeconds)
{
    public static readonly RetryPolicy Default = new(5, 30, 2, 480);

    internal static RetryPolicy Parse(JsonNode? node)
    {
        if (node is not JsonObject policy)
        {
            return Default;
        }
        return new RetryPolicy(
            Read(policy["maxAttempts"], Default.MaxAttempts),
            Read(policy["initialBackoffSeconds"], Default.InitialBackoffSeconds),
            Read(policy["backoffMultiplier"], Default.BackoffMultiplier),
            Read(policy["maxBackoffSeconds"], Default.MaxBackoffSeconds));
    }

    private static int Read(JsonNode? node, int fallback) => node is null ? fallback : (int)ObjectMeta.ReadInt64(node);
}

/// <summary>The parts of a NotificationRequest the controller reads, taken from the stored JSON.</summary>
internal sealed record NotificationRequestView(
    string Namespace,
    string Name,
    string Uid,
    long Generation,
    string Type,
    string Priority,
    string Subject,
    string Body,
    string Severity,
    string Phase,
    string ReviewSource,
    string ClusterId,
    string RemediationRequestName,
    IReadOnlyDictionary<string, string> FlattenedContext,
    IReadOnlyDictionary<string, string> Extensions,
    RetryPolicy RetryPolicy,
    JsonObject Object)
{
    public NotificationKey Key => new(Namespace, Name);

    /// <summary>spec.remediationRequestRef.name, or the UID when absent (DD-AUDIT-CORRELATION-002).</summary>
    public string CorrelationId => RemediationRequestName.Length > 0 ? RemediationRequestName : Uid;

    /// <summary>Audit event_data.metadata: the flattened context plus every extension.</summary>
    public IReadOnlyDictionary<string, string> AuditMetadata
    {
        get
        {
            var metadata = new Dictionary<string, string>(FlattenedContext, StringComparer.Ordinal);
            foreach (var (key, value) in Extensions)
            {
                metadata[key] = value;
            }
            return metadata;
        }
    }

    public static NotificationRequestView Parse(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject ?? new JsonObject();
        return new NotificationRequestView(
            ObjectMeta.Namespace(obj),
            ObjectMeta.Name(obj),
            ObjectMeta.Uid(obj),
            ObjectMeta.Generation(obj),
            Text(spec["type"]),
            Text(spec["priority"]),
            Text(spec["subject"]),
            Text(spec["body"]),
            Text(spec["severity"]),
            Text(spec["phase"]),
            Text(spec["reviewSource"]),
            Text(spec["clusterID"]),
            Text(spec["remediationRequestRef"]?["name"]),
            Flatten(spec["context"] as JsonObject),
            StringMap(spec["extensions"] as JsonObject),
            RetryPolicy.Parse(spec["retryPolicy"]),
            obj);
    }

    /// <summary>
    /// Kubernaut's NotificationContext.FlattenToMap: every non-empty scalar of every context sub-object under its own
    /// field name (lineage.remediationRequest → remediationRequest, workflow.selectedWorkflow → selectedWorkflow, ...).
    /// </summary>
    private static IReadOnlyDictionary<string, string> Flatten(JsonObject? context)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context is null)
        {
            return flat;
        }
        foreach (var (_, section) in context)
        {
            if (section is not JsonObject fields)
            {
                continue;
            }
            foreach (var (field, value) in fields)
            {
                if (Scalar(value) is { Length: > 0 } text)
                {
                    flat[field] = text;
                }
            }
        }
        return flat;
    }

    private static IReadOnlyDictionary<string, string> StringMap(JsonObject? map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map is null)
        {
            return result;
        }
        foreach (var (key, value) in map)
        {
            result[key] = Scalar(value) ?? "";
        }
        return result;
    }

    private static string Text(JsonNode? node) => Scalar(node) ?? "";

    private static string? Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        }
        : null;
}

/// <summary>namespace/name of a NotificationRequest: the unit of work of the controller.</summary>
internal readonly record struct NotificationKey(string Namespace, string Name)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Namespace}/{Name}");
}
