using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes.Admission;
using Kubernaut.Emulator.Kubernetes.Workloads;
using Kubernaut.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>The subresources with behaviour of their own: pods/log, serviceaccounts/token and deployments/scale.</summary>
internal sealed class SubresourceEndpoints(ObjectStore store, PodLogBook logs, TokenAuthority tokens, TimeProvider time)
{
    public const long MinTokenSeconds = 600;
    public const long DefaultTokenSeconds = 3600;

    /// <summary>GET pods/{name}/log: the lines the pod's deployment wrote to the <see cref="PodLogBook"/>.</summary>
    public async Task LogAsync(HttpContext context, ApiTarget target)
    {
        var pod = store.GetRequired(ResourceKinds.Pod, target.Namespace, target.Name!);
        var query = context.Request.Query;
        var container = ChooseContainer(pod, query["container"]);
        EnsureStarted(pod, container);
        var deployment = WorkloadController.OwnerDeployment(pod);
        var timestamps = query["timestamps"] == "true";
        var lines = deployment is null ? [] : logs.Read(target.Namespace, deployment);
        var shown = Filter(lines, query);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain";
        var limitBytes = long.TryParse(query["limitBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : long.MaxValue;
        var written = 0L;
        foreach (var line in shown)
        {
            var text = Format(line, timestamps);
            written += Encoding.UTF8.GetByteCount(text);
            if (written > limitBytes)
            {
                return;
            }
            await response.WriteAsync(text, context.RequestAborted);
        }
        if (query["follow"] != "true" || deployment is null)
        {
            return;
        }
        await response.Body.FlushAsync(context.RequestAborted);
        var seen = lines.Count;
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await logs.WaitForLinesBeyondAsync(target.Namespace, deployment, seen, context.RequestAborted);
                var all = logs.Read(target.Namespace, deployment);
                foreach (var line in all.Skip(seen))
                {
                    await response.WriteAsync(Format(line, timestamps), context.RequestAborted);
                }
                seen = all.Count;
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // kubectl logs -f was stopped.
        }
    }

    /// <summary>POST serviceaccounts/{name}/token: a TokenRequest answered with a bound, expiring token.</summary>
    public async Task TokenAsync(HttpContext context, ApiTarget target)
    {
        var request = await RequestBodies.ReadNodeAsync(context.Request) as JsonObject ?? [];
        var spec = request["spec"] as JsonObject ?? [];
        var seconds = spec["expirationSeconds"] is null ? DefaultTokenSeconds : ObjectMeta.ReadInt64(spec["expirationSeconds"]);
        var errors = new FieldErrors();
        if (seconds < MinTokenSeconds)
        {
            errors.Invalid("spec.expirationSeconds", spec["expirationSeconds"], "may not specify a duration less than 10 minutes");
        }
        else if (seconds > uint.MaxValue)
        {
            errors.Invalid("spec.expirationSeconds", spec["expirationSeconds"], "may not specify a duration larger than 2^32 seconds");
        }
        errors.ThrowIfAny(new ResourceKind("authentication.k8s.io", "v1", "TokenRequest", "tokenrequests", true, []), target.Name!);
        var audiences = (spec["audiences"] as JsonArray ?? []).Select(a => a?.ToString() ?? "").Where(a => a.Length > 0).ToList();
        var issued = tokens.Issue(target.Namespace, target.Name!, TimeSpan.FromSeconds(seconds), audiences);
        await ApiResponses.WriteJsonAsync(context, new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = target.Name,
                ["namespace"] = target.Namespace,
                ["creationTimestamp"] = ObjectMeta.Timestamp(time.GetUtcNow()),
            },
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray((audiences.Count > 0 ? audiences : [TokenAuthority.Issuer]).Select(a => (JsonNode)a).ToArray()),
                ["expirationSeconds"] = seconds,
                ["boundObjectRef"] = spec["boundObjectRef"]?.DeepClone(),
            },
            ["status"] = new JsonObject
            {
                ["token"] = issued.Token,
                ["expirationTimestamp"] = ObjectMeta.Timestamp(issued.ExpiresAt),
            },
        }, StatusCodes.Status201Created);
    }

    /// <summary>GET/PUT/PATCH deployments/{name}/scale (kubectl scale): an autoscaling/v1 Scale over spec.replicas.</summary>
    public async Task ScaleAsync(HttpContext context, ApiTarget target, UserInfo user)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method))
        {
            await ApiResponses.WriteJsonAsync(context, Scale(store.GetRequired(ResourceKinds.Deployment, target.Namespace, target.Name!)));
            return;
        }
        var body = await RequestBodies.ReadNodeAsync(context.Request) ?? throw ApiException.BadRequest("the request body is empty");
        var scale = HttpMethods.IsPatch(method)
            ? Patches.Apply(Scale(store.GetRequired(ResourceKinds.Deployment, target.Namespace, target.Name!)), body, Patches.TypeOf(context.Request.ContentType))
            : body as JsonObject ?? throw ApiException.BadRequest("the request body must be an autoscaling/v1 Scale");
        var replicas = ObjectMeta.ReadInt64(scale["spec"]?["replicas"]);
        if (replicas < 0)
        {
            var errors = new FieldErrors();
            errors.Invalid("spec.replicas", scale["spec"]?["replicas"], "must be greater than or equal to 0");
            errors.ThrowIfAny(new ResourceKind("autoscaling", "v1", "Scale", "scale", true, []), target.Name!);
        }
        var updated = store.Mutate(ResourceKinds.Deployment, target.Namespace, target.Name!, d => d["spec"]!["replicas"] = replicas, user: user);
        await ApiResponses.WriteJsonAsync(context, Scale(updated));
    }

    private static JsonObject Scale(JsonObject deployment) => new()
    {
        ["kind"] = "Scale",
        ["apiVersion"] = "autoscaling/v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = ObjectMeta.Name(deployment),
            ["namespace"] = ObjectMeta.Namespace(deployment),
            ["uid"] = ObjectMeta.Uid(deployment),
            ["resourceVersion"] = ObjectMeta.ResourceVersion(deployment),
            ["creationTimestamp"] = deployment["metadata"]?["creationTimestamp"]?.DeepClone(),
        },
        ["spec"] = new JsonObject { ["replicas"] = ObjectMeta.ReadInt64(deployment["spec"]?["replicas"]) },
        ["status"] = new JsonObject
        {
            ["replicas"] = ObjectMeta.ReadInt64(deployment["status"]?["replicas"]),
            ["selector"] = string.Join(",", (deployment["spec"]?["selector"]?["matchLabels"] as JsonObject ?? []).Select(l => $"{l.Key}={l.Value}")),
        },
    };

    private static string ChooseContainer(JsonObject pod, string? requested)
    {
        var names = (pod["spec"]?["containers"] as JsonArray ?? []).Select(c => ObjectMeta.ReadString(c?["name"]) ?? "").ToList();
        var podName = ObjectMeta.Name(pod);
        if (!string.IsNullOrEmpty(requested))
        {
            return names.Contains(requested) ? requested : throw ApiException.BadRequest($"container {requested} is not valid for pod {podName}");
        }
        if (names.Count == 1)
        {
            return names[0];
        }
        return ObjectMeta.Annotations(pod).GetValueOrDefault("kubectl.kubernetes.io/default-container")
            ?? throw ApiException.BadRequest($"a container name must be specified for pod {podName}, choose one of: [{string.Join(" ", names)}]");
    }

    // A container that never started has no log: the kubelet answers 400 with the reason it is waiting.
    private static void EnsureStarted(JsonObject pod, string container)
    {
        var status = (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(s => ObjectMeta.ReadString(s["name"]) == container);
        var waiting = ObjectMeta.ReadString(status?["state"]?["waiting"]?["reason"]);
        var why = waiting switch
        {
            "ErrImagePull" or "ImagePullBackOff" => "trying and failing to pull image",
            "ContainerCreating" => "ContainerCreating",
            _ => null,
        };
        if (why is not null)
        {
            throw new ApiException(HttpStatusCode.BadRequest, "BadRequest", $"container \"{container}\" in pod \"{ObjectMeta.Name(pod)}\" is waiting to start: {why}");
        }
    }

    private IEnumerable<PodLogBook.LogLine> Filter(IReadOnlyList<PodLogBook.LogLine> lines, IQueryCollection query)
    {
        IEnumerable<PodLogBook.LogLine> shown = lines;
        if (long.TryParse(query["sinceSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var sinceSeconds) && sinceSeconds > 0)
        {
            var since = time.GetUtcNow() - TimeSpan.FromSeconds(sinceSeconds);
            shown = shown.Where(l => l.Time >= since);
        }
        if (DateTimeOffset.TryParse(query["sinceTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sinceTime))
        {
            shown = shown.Where(l => l.Time >= sinceTime);
        }
        if (long.TryParse(query["tailLines"], NumberStyles.None, CultureInfo.InvariantCulture, out var tail))
        {
            var list = shown.ToList();
            shown = list.Skip(Math.Max(0, list.Count - (int)Math.Min(tail, int.MaxValue)));
        }
        return shown;
    }

    private static string Format(PodLogBook.LogLine line, bool timestamps) =>
        (timestamps ? line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z' ", CultureInfo.InvariantCulture) : "") + line.Text.TrimEnd('\n') + "\n";
}
