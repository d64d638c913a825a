using System.Globalization;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>What a Table row carries besides its cells (the includeObject query parameter).</summary>
internal enum IncludeObject
{
    None,
    Metadata,
    Object,
}

/// <summary>
/// meta.k8s.io/v1 Table output, the server-side printing kubectl get asks for: the columns the real API server prints
/// for each core kind (priority 1 columns appear with -o wide) and the CRD printer columns of the Kubernaut kinds.
/// </summary>
internal static class Tables
{
    private sealed record Column(string Name, string Type, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell, string Format = "");

    public static JsonObject Convert(ResourceKind kind, IEnumerable<JsonObject> items, string resourceVersion, IncludeObject include, DateTimeOffset now, bool withColumnDefinitions = true)
    {
        var columns = ColumnsOf(kind);
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = withColumnDefinitions
                ? new JsonArray(columns.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["type"] = c.Type,
                    ["format"] = c.Format,
                    ["description"] = c.Name,
                    ["priority"] = c.Priority,
                }).ToArray())
                : new JsonArray(),
        };
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(columns.Select(c => c.Cell(item, now)).ToArray()) };
            switch (include)
            {
                case IncludeObject.Object:
                    row["object"] = item.DeepClone();
                    break;
                case IncludeObject.Metadata:
                    row["object"] = ApiResponses.PartialObjectMetadata(item);
                    break;
            }
            rows.Add(row);
        }
        table["rows"] = rows;
        return table;
    }

    /// <summary>Kubernetes' duration.HumanDuration: 45s, 3m20s, 12m, 5h3m, 9h, 2d5h, 30d, 2y10d.</summary>
    public static string HumanDuration(TimeSpan duration)
    {
        var seconds = (long)Math.Floor(duration.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }
        if (seconds < 0)
        {
            return "0s";
        }
        if (seconds < 120)
        {
            return $"{seconds}s";
        }
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        }
        if (minutes < 180)
        {
            return $"{minutes}m";
        }
        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        }
        if (hours < 48)
        {
            return $"{hours}h";
        }
        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        }
        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }
        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{days}d";
        }
        return $"{hours / 24 / 365}y";
    }

    private static IReadOnlyList<Column> ColumnsOf(ResourceKind kind)
    {
        var name = new Column("Name", "string", 0, (o, _) => ObjectMeta.Name(o), "name");
        var age = new Column("Age", "string", 0, (o, now) => Age(o["metadata"]?["creationTimestamp"], now));
        if (kind == ResourceKinds.Pod)
        {
            return
            [
                name,
                new("Ready", "string", 0, (o, _) => $"{ContainerStatuses(o).Count(c => c["ready"]?.GetValue<bool>() == true)}/{(o["spec"]?["containers"] as JsonArray)?.Count ?? 0}"),
                new("Status", "string", 0, (o, _) => PodStatusText(o)),
                new("Restarts", "string", 0, Restarts),
                age,
                new("IP", "string", 1, (o, _) => Text(o["status"]?["podIP"])),
                new("Node", "string", 1, (o, _) => Text(o["spec"]?["nodeName"])),
                new("Nominated Node", "string", 1, (_, _) => "<none>"),
                new("Readiness Gates", "string", 1, (_, _) => "<none>"),
            ];
        }
        if (kind == ResourceKinds.Deployment)
        {
            return
            [
                name,
                new("Ready", "string", 0, (o, _) => $"{ObjectMeta.ReadInt64(o["status"]?["readyReplicas"])}/{ObjectMeta.ReadInt64(o["spec"]?["replicas"])}"),
                new("Up-to-date", "integer", 0, (o, _) => ObjectMeta.ReadInt64(o["status"]?["updatedReplicas"])),
                new("Available", "integer", 0, (o, _) => ObjectMeta.ReadInt64(o["status"]?["availableReplicas"])),
                age,
                new("Containers", "string", 1, (o, _) => string.Join(",", Containers(o["spec"]?["template"]?["spec"]).Select(c => Text(c["name"])))),
                new("Images", "string", 1, (o, _) => string.Join(",", Containers(o["spec"]?["template"]?["spec"]).Select(c => Text(c["image"])))),
                new("Selector", "string", 1, (o, _) => MatchLabels(o["spec"]?["selector"]?["matchLabels"])),
            ];
        }
        if (kind == ResourceKinds.ConfigMap)
        {
            return [name, new("Data", "integer", 0, (o, _) => Count(o["data"]) + Count(o["binaryData"])), age];
        }
        if (kind == ResourceKinds.Secret)
        {
            return [name, new("Type", "string", 0, (o, _) => Text(o["type"])), new("Data", "integer", 0, (o, _) => Count(o["data"])), age];
        }
        if (kind == ResourceKinds.ServiceAccount)
        {
            return [name, new("Secrets", "integer", 0, (o, _) => (o["secrets"] as JsonArray)?.Count ?? 0), age];
        }
        if (kind == ResourceKinds.Service)
        {
            return
            [
                name,
                new("Type", "string", 0, (o, _) => Text(o["spec"]?["type"])),
                new("Cluster-IP", "string", 0, (o, _) => Text(o["spec"]?["clusterIP"])),
                new("External-IP", "string", 0, (_, _) => "<none>"),
                new("Port(s)", "string", 0, (o, _) => ServicePorts(o)),
                age,
                new("Selector", "string", 1, (o, _) => MatchLabels(o["spec"]?["selector"])),
            ];
        }
        if (kind == ResourceKinds.Namespace)
        {
            return [name, new("Status", "string", 0, (o, _) => Text(o["status"]?["phase"])), age];
        }
        if (kind == ResourceKinds.Event)
        {
            return
            [
                new("Last Seen", "string", 0, LastSeen),
                new("Type", "string", 0, (o, _) => Text(o["type"])),
                new("Reason", "string", 0, (o, _) => Text(o["reason"])),
                new("Object", "string", 0, (o, _) => $"{Text(o["involvedObject"]?["kind"]).ToLowerInvariant()}/{Text(o["involvedObject"]?["name"])}"),
                new("Subobject", "string", 1, (o, _) => Text(o["involvedObject"]?["fieldPath"], "")),
                new("Source", "string", 1, (o, _) => Text(o["source"]?["component"], "")),
                new("Message", "string", 0, (o, _) => Text(o["message"], "")),
                new("First Seen", "string", 1, (o, now) => Age(o["firstTimestamp"], now)),
                new("Count", "integer", 1, (o, _) => ObjectMeta.ReadInt64(o["count"])),
                new("Name", "string", 1, (o, _) => ObjectMeta.Name(o)),
            ];
        }
        if (kind == ResourceKinds.Role || kind == ResourceKinds.ClusterRole)
        {
            return [name, new("Created At", "string", 0, (o, _) => Text(o["metadata"]?["creationTimestamp"]), "date")];
        }
        if (kind == ResourceKinds.RoleBinding || kind == ResourceKinds.ClusterRoleBinding)
        {
            return
            [
                name,
                new("Role", "string", 0, (o, _) => $"{Text(o["roleRef"]?["kind"])}/{Text(o["roleRef"]?["name"])}"),
                age,
                new("Users", "string", 1, (o, _) => Subjects(o, "User")),
                new("Groups", "string", 1, (o, _) => Subjects(o, "Group")),
                new("ServiceAccounts", "string", 1, (o, _) => Subjects(o, "ServiceAccount")),
            ];
        }
        if (kind == ResourceKinds.NotificationRequest)
        {
            return
            [
                name,
                new("Type", "string", 0, (o, _) => Optional(o["spec"]?["type"])),
                new("Priority", "string", 0, (o, _) => Optional(o["spec"]?["priority"])),
                new("Phase", "string", 0, (o, _) => Optional(o["status"]?["phase"])),
                new("Attempts", "integer", 0, (o, _) => Optional(o["status"]?["totalAttempts"])),
                new("Reason", "string", 1, (o, _) => ReadyConditionReason(o)),
                new("Age", "date", 0, (o, now) => Age(o["metadata"]?["creationTimestamp"], now)),
            ];
        }
        if (kind == ResourceKinds.RemediationRequest)
        {
            return
            [
                name,
                new("Phase", "string", 0, (o, _) => Optional(o["status"]?["overallPhase"])),
                new("Outcome", "string", 0, (o, _) => Optional(o["status"]?["completionStatus"]?["outcome"])),
                new("Alert", "string", 0, (o, _) => Optional(o["spec"]?["signalName"])),
                new("RCA Target", "string", 0, (o, _) => Optional(o["status"]?["workflowSelection"]?["targetDisplay"])),
                new("Workflow", "string", 0, (o, _) => Optional(o["status"]?["workflowSelection"]?["workflowDisplayName"])),
                new("Confidence", "string", 0, (o, _) => Optional(o["status"]?["workflowSelection"]?["confidence"])),
                new("Age", "date", 0, (o, now) => Age(o["metadata"]?["creationTimestamp"], now)),
                new("Cluster", "string", 1, (o, _) => Optional(o["spec"]?["clusterID"])),
                new("Source", "string", 1, (o, _) => Optional(o["spec"]?["signalSource"])),
                new("Signal NS", "string", 1, (o, _) => Optional(o["spec"]?["targetResource"]?["namespace"])),
                new("Signal Target", "string", 1, (o, _) => Optional(o["status"]?["workflowSelection"]?["signalTargetDisplay"])),
                new("RCA NS", "string", 1, (o, _) => Optional(o["status"]?["workflowSelection"]?["remediationTarget"]?["namespace"])),
            ];
        }
        return [name, age];
    }

    private static string Age(JsonNode? timestamp, DateTimeOffset now) =>
        DateTimeOffset.TryParse(ObjectMeta.ReadString(timestamp), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? HumanDuration(now - time)
            : "<unknown>";

    private static JsonNode? LastSeen(JsonObject ev, DateTimeOffset now)
    {
        var last = ev["lastTimestamp"] ?? ev["eventTime"] ?? ev["metadata"]?["creationTimestamp"];
        var count = ObjectMeta.ReadInt64(ev["count"]);
        var lastSeen = Age(last, now);
        return count > 1 ? $"{lastSeen} (x{count} over {Age(ev["firstTimestamp"] ?? last, now)})" : lastSeen;
    }

    private static string PodStatusText(JsonObject pod)
    {
        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }
        var reason = Text(pod["status"]?["reason"], Text(pod["status"]?["phase"], "Pending"));
        foreach (var status in ContainerStatuses(pod))
        {
            if (ObjectMeta.ReadString(status["state"]?["waiting"]?["reason"]) is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
            else if (ObjectMeta.ReadString(status["state"]?["terminated"]?["reason"]) is { Length: > 0 } terminated)
            {
                reason = terminated;
            }
        }
        return reason;
    }

    private static JsonNode Restarts(JsonObject pod, DateTimeOffset now)
    {
        var statuses = ContainerStatuses(pod).ToList();
        var restarts = statuses.Sum(s => ObjectMeta.ReadInt64(s["restartCount"]));
        var lastFinished = statuses
            .Select(s => ObjectMeta.ReadString(s["lastState"]?["terminated"]?["finishedAt"]))
            .OfType<string>()
            .Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture))
            .DefaultIfEmpty()
            .Max();
        return restarts > 0 && lastFinished != default ? $"{restarts} ({HumanDuration(now - lastFinished)} ago)" : restarts.ToString(CultureInfo.InvariantCulture);
    }

    private static string ReadyConditionReason(JsonObject obj) =>
        (obj["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => ObjectMeta.ReadString(c["type"]) == "Ready")
            .Select(c => ObjectMeta.ReadString(c["reason"]))
            .FirstOrDefault() ?? "";

    private static string ServicePorts(JsonObject service) =>
        string.Join(",", (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().Select(p =>
            ObjectMeta.ReadInt64(p["nodePort"]) is > 0 and var nodePort
                ? $"{ObjectMeta.ReadInt64(p["port"])}:{nodePort}/{Text(p["protocol"], "TCP")}"
                : $"{ObjectMeta.ReadInt64(p["port"])}/{Text(p["protocol"], "TCP")}")) is { Length: > 0 } ports ? ports : "<none>";

    private static string Subjects(JsonObject binding, string kind)
    {
        var names = (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => ObjectMeta.ReadString(s["kind"]) == kind)
            .Select(s => kind == "ServiceAccount" ? $"{Text(s["namespace"], "")}/{Text(s["name"])}" : Text(s["name"]))
            .ToList();
        return names.Count > 0 ? string.Join(", ", names) : "";
    }

    private static IEnumerable<JsonObject> ContainerStatuses(JsonObject pod) => (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>();

    private static IEnumerable<JsonObject> Containers(JsonNode? podSpec) => (podSpec?["containers"] as JsonArray ?? []).OfType<JsonObject>();

    private static string MatchLabels(JsonNode? labels) =>
        labels is JsonObject map && map.Count > 0 ? string.Join(",", map.Select(l => $"{l.Key}={l.Value}")) : "<none>";

    private static int Count(JsonNode? map) => (map as JsonObject)?.Count ?? 0;

    private static string Text(JsonNode? node, string fallback = "<none>") => node is JsonValue value ? value.ToString() : fallback;

    // A CRD printer column whose path is absent prints nothing rather than <none>.
    private static JsonNode? Optional(JsonNode? node) => node?.DeepClone();
}
