using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>
/// Defaulting and the validation clients trip over for Deployments and Pods: the apps/v1 defaults (replicas 1,
/// RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600) and pod-spec defaults (restartPolicy,
/// dnsPolicy, imagePullPolicy, ...); a Deployment needs a selector that matches its template labels (and keeps it),
/// and every container needs a name and an image.
/// </summary>
public sealed class WorkloadAdmission : IAdmissionPlugin
{
    public bool Handles(ResourceKind kind) => kind == ResourceKinds.Deployment || kind == ResourceKinds.Pod;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation == AdmissionOperation.Delete || request.Subresource is not null || request.Object is not { } obj)
        {
            return;
        }
        var errors = new FieldErrors();
        if (request.Kind == ResourceKinds.Deployment)
        {
            AdmitDeployment(obj, request.OldObject, errors);
        }
        else if (request.Operation == AdmissionOperation.Create)
        {
            var spec = obj["spec"] as JsonObject;
            if (spec is null)
            {
                errors.Required("spec.containers");
            }
            else
            {
                DefaultPodSpec(spec);
                ValidateContainers(spec, "spec", errors);
            }
        }
        errors.ThrowIfAny(request.Kind, ObjectMeta.Name(obj));
    }

    /// <summary>The defaults the API server gives a pod spec (shared by pod templates).</summary>
    public static void DefaultPodSpec(JsonObject podSpec)
    {
        podSpec.TryAdd("restartPolicy", "Always");
        podSpec.TryAdd("terminationGracePeriodSeconds", 30);
        podSpec.TryAdd("dnsPolicy", "ClusterFirst");
        podSpec.TryAdd("schedulerName", "default-scheduler");
        podSpec.TryAdd("securityContext", new JsonObject());
        foreach (var container in (podSpec["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var image = ObjectMeta.ReadString(container["image"]) ?? "";
            container.TryAdd("imagePullPolicy", image.EndsWith(":latest", StringComparison.Ordinal) || !image.Contains(':', StringComparison.Ordinal) ? "Always" : "IfNotPresent");
            container.TryAdd("terminationMessagePath", "/dev/termination-log");
            container.TryAdd("terminationMessagePolicy", "File");
            container.TryAdd("resources", new JsonObject());
            foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                port.TryAdd("protocol", "TCP");
            }
            foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" }.Select(p => container[p]).OfType<JsonObject>())
            {
                DefaultProbe(probe);
            }
        }
    }

    private static void DefaultProbe(JsonObject probe)
    {
        probe.TryAdd("timeoutSeconds", 1);
        probe.TryAdd("periodSeconds", 10);
        probe.TryAdd("successThreshold", 1);
        probe.TryAdd("failureThreshold", 3);
        if (probe["httpGet"] is JsonObject httpGet)
        {
            httpGet.TryAdd("scheme", "HTTP");
        }
    }

    private static void AdmitDeployment(JsonObject deployment, JsonObject? old, FieldErrors errors)
    {
        if (deployment["spec"] is not JsonObject spec)
        {
            errors.Required("spec.selector");
            errors.Required("spec.template.spec.containers");
            return;
        }
        spec.TryAdd("replicas", 1);
        spec.TryAdd("revisionHistoryLimit", 10);
        spec.TryAdd("progressDeadlineSeconds", 600);
        spec.TryAdd("strategy", new JsonObject
        {
            ["type"] = "RollingUpdate",
            ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
        });
        if (ObjectMeta.ReadInt64(spec["replicas"]) < 0)
        {
            errors.Invalid("spec.replicas", spec["replicas"], "must be greater than or equal to 0");
        }
        var selector = LabelSelector.FromObject(spec["selector"]);
        if (spec["selector"] is null)
        {
            errors.Required("spec.selector");
        }
        else if (selector.IsEmpty)
        {
            errors.Invalid("spec.selector", spec["selector"], "empty selector is invalid for deployment");
        }
        else if (old?["spec"]?["selector"] is { } oldSelector && !JsonNode.DeepEquals(oldSelector, spec["selector"]))
        {
            errors.Invalid("spec.selector", spec["selector"], "field is immutable");
        }
        var template = spec["template"] as JsonObject;
        var templateLabels = template?["metadata"]?["labels"] as JsonObject;
        if (!selector.IsEmpty && !selector.Matches(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = templateLabels?.DeepClone() } }))
        {
            errors.Invalid("spec.template.metadata.labels", templateLabels, "`selector` does not match template `labels`");
        }
        if (template?["spec"] is not JsonObject podSpec)
        {
            errors.Required("spec.template.spec.containers");
            return;
        }
        DefaultPodSpec(podSpec);
        ValidateContainers(podSpec, "spec.template.spec", errors);
    }

    private static void ValidateContainers(JsonObject podSpec, string path, FieldErrors errors)
    {
        if (podSpec["containers"] is not JsonArray { Count: > 0 } containers)
        {
            errors.Required($"{path}.containers");
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] as JsonObject ?? [];
            var name = ObjectMeta.ReadString(container["name"]) ?? "";
            if (name.Length == 0)
            {
                errors.Required($"{path}.containers[{i}].name");
            }
            else if (!names.Add(name))
            {
                errors.Duplicate($"{path}.containers[{i}].name", name);
            }
            if ((ObjectMeta.ReadString(container["image"]) ?? "").Length == 0)
            {
                errors.Required($"{path}.containers[{i}].image");
            }
        }
    }
}
