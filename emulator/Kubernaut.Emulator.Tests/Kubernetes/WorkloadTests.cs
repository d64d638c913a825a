using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Tests.Kubernetes.Support;
using Kubernaut.Emulator.Tests.Notification.Support;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>Deployments, their pods and status as a cluster reports them, the Kubernaut footprint, and stuck-pod faults.</summary>
public sealed class WorkloadTests(SharedEmulator emulator) : IClassFixture<SharedEmulator>
{
    private const string Footprint = "notification-e2e";

    [Fact]
    public async Task The_kubernaut_footprint_is_deployed_and_ready()
    {
        using var api = emulator.Client();

        var deployments = (await api.GetAsync($"/apis/apps/v1/namespaces/{Footprint}/deployments")).Expect(HttpStatusCode.OK).Items;
        var services = (await api.GetAsync($"/api/v1/namespaces/{Footprint}/services")).Expect(HttpStatusCode.OK).Items;
        var accounts = (await api.GetAsync($"/api/v1/namespaces/{Footprint}/serviceaccounts")).Expect(HttpStatusCode.OK).Items;
        var clientRole = (await api.GetAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles/data-storage-client")).Expect(HttpStatusCode.OK).Object;
        var binding = (await api.GetAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{Footprint}/rolebindings/notification-controller-data-storage-client")).Expect(HttpStatusCode.OK).Object;

        deployments.Select(ObjectMeta.Name).Should().Contain(["datastorage", "mock-webhook", "notification-controller", "postgresql", "redis"]);
        foreach (var deployment in deployments.Where(d => ObjectMeta.Name(d) is "datastorage" or "postgresql" or "redis" or "notification-controller" or "mock-webhook"))
        {
            Condition(deployment, "Available").Should().Be(("True", "MinimumReplicasAvailable"), $"{ObjectMeta.Name(deployment)} is available");
            deployment["status"]!["readyReplicas"]!.GetValue<long>().Should().Be(1);
            deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should().Be($"localhost/kubernaut/{ObjectMeta.Name(deployment)}:emulator");
        }
        deployments.Single(d => ObjectMeta.Name(d) == "notification-controller")["spec"]!["template"]!["spec"]!["containers"]![0]!["name"]!.GetValue<string>().Should().Be("manager");
        Ports(services.Single(s => ObjectMeta.Name(s) == "data-storage-service")).Should().Equal("https:8080:30090", "metrics:9090:30181", "health:8081:30281");
        Ports(services.Single(s => ObjectMeta.Name(s) == "notification-metrics")).Should().Equal("metrics:9090:30186");
        services.Select(ObjectMeta.Name).Should().Contain(["postgresql", "redis", "mock-webhook"]);
        accounts.Select(ObjectMeta.Name).Should().Contain(["notification-controller", "datastorage", "default"]);
        clientRole["rules"]!.ToJsonString().Should().Be("""[{"apiGroups":[""],"resources":["services"],"resourceNames":["data-storage-service"],"verbs":["create","get","list","update","delete"]}]""");
        binding["roleRef"]!["name"]!.GetValue<string>().Should().Be("data-storage-client");
        binding["subjects"]![0]!["name"]!.GetValue<string>().Should().Be("notification-controller");
    }

    [Fact]
    public async Task Pods_report_the_kubelets_status_and_carry_the_template_labels()
    {
        using var api = emulator.Client();

        var pod = (await api.GetAsync($"/api/v1/namespaces/{Footprint}/pods?labelSelector=app%3Dnotification-controller")).Expect(HttpStatusCode.OK).Items.Single();

        ObjectMeta.Name(pod).Should().MatchRegex("^notification-controller-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$");
        var labels = pod["metadata"]!["labels"]!.AsObject();
        labels["control-plane"]!.GetValue<string>().Should().Be("controller-manager");
        ObjectMeta.Name(pod).Should().Contain(labels["pod-template-hash"]!.GetValue<string>());
        pod["status"]!["phase"]!.GetValue<string>().Should().Be("Running");
        foreach (var type in new[] { "PodScheduled", "Initialized", "ContainersReady", "Ready" })
        {
            Condition(pod, type).Status.Should().Be("True", $"{type} is True for a running pod");
        }
        var container = pod["status"]!["containerStatuses"]![0]!;
        container["name"]!.GetValue<string>().Should().Be("manager");
        container["image"]!.GetValue<string>().Should().Be("localhost/kubernaut/notification-controller:emulator");
        container["imageID"]!.GetValue<string>().Should().StartWith("localhost/kubernaut/notification-controller@sha256:");
        container["ready"]!.GetValue<bool>().Should().BeTrue();
        container["started"]!.GetValue<bool>().Should().BeTrue();
        container["restartCount"]!.GetValue<long>().Should().Be(0);
        container["state"]!["running"]!["startedAt"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
    }

    [Fact]
    public async Task A_user_deployment_gets_ready_pods_that_are_replaced_scaled_and_deleted_with_it()
    {
        var ns = await emulator.NewNamespaceAsync("workload");
        using var api = emulator.Client();
        var path = $"/apis/apps/v1/namespaces/{ns}/deployments";
        (await api.PostAsync(path, ApiSemanticsTests.Deployment("web", replicas: 2))).Expect(HttpStatusCode.Created);

        var pods = await PodsAsync(api, ns, "app=web", p => p.Count == 2 && p.All(IsReady), "two ready web pods");
        var deployment = await Eventually.UntilAsync(() => api.GetAsync($"{path}/web"), r => r.Object["status"]?["readyReplicas"]?.GetValue<long>() == 2, "web to report 2 ready replicas");
        deployment.Object["status"]!["updatedReplicas"]!.GetValue<long>().Should().Be(2);
        deployment.Object["status"]!["availableReplicas"]!.GetValue<long>().Should().Be(2);
        deployment.Object["status"]!["observedGeneration"]!.GetValue<long>().Should().Be(1);
        Condition(deployment.Object, "Progressing").Should().Be(("True", "NewReplicaSetAvailable"));
        pods.Should().AllSatisfy(p => p["metadata"]!["labels"]!["tier"]!.GetValue<string>().Should().Be("test"));

        (await api.DeleteAsync($"/api/v1/namespaces/{ns}/pods/{ObjectMeta.Name(pods[0])}")).Expect(HttpStatusCode.OK);
        var replaced = await PodsAsync(api, ns, "app=web", p => p.Count == 2 && p.All(IsReady) && p.All(x => ObjectMeta.Name(x) != ObjectMeta.Name(pods[0])), "a replacement for the deleted pod");
        replaced.Select(ObjectMeta.Name).Should().Contain(ObjectMeta.Name(pods[1]));

        (await api.PatchAsync($"{path}/web/scale", JsonNode.Parse("""{"spec":{"replicas":1}}""")!, "application/merge-patch+json")).Expect(HttpStatusCode.OK);
        await PodsAsync(api, ns, "app=web", p => p.Count == 1, "scaling down to one pod");

        (await api.DeleteAsync($"{path}/web")).Expect(HttpStatusCode.OK);
        await PodsAsync(api, ns, "app=web", p => p.Count == 0, "the pods to go with their deployment");
    }

    [Fact]
    public async Task A_template_change_rolls_out_new_pods_with_a_new_hash()
    {
        var ns = await emulator.NewNamespaceAsync("rollout");
        using var api = emulator.Client();
        (await api.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments", ApiSemanticsTests.Deployment("web", replicas: 1))).Expect(HttpStatusCode.Created);
        var before = (await PodsAsync(api, ns, "app=web", p => p.Count == 1 && p.All(IsReady), "the first pod")).Single();

        (await api.PatchAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web", JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}}""")!, "application/strategic-merge-patch+json"))
            .Expect(HttpStatusCode.OK);

        var after = (await PodsAsync(api, ns, "app=web", p => p.Count == 1 && ObjectMeta.Name(p[0]) != ObjectMeta.Name(before) && p.All(IsReady), "the rolled-out pod")).Single();
        after["metadata"]!["labels"]!["pod-template-hash"]!.GetValue<string>().Should().NotBe(before["metadata"]!["labels"]!["pod-template-hash"]!.GetValue<string>());
        after["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should().Be("nginx:1.27");
    }

    [Theory]
    [InlineData(PodFailure.ErrImagePull)]
    [InlineData(PodFailure.ImagePullBackOff)]
    [InlineData(PodFailure.CrashLoopBackOff)]
    public async Task A_stuck_deployment_reports_the_kubelets_reason_and_events_until_the_fault_clears(PodFailure failure)
    {
        var ns = await emulator.NewNamespaceAsync($"stuck-{failure.ToString().ToLowerInvariant()}");
        using var api = emulator.Client();
        const string image = "registry.example/app:missing";
        (await api.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments", ApiSemanticsTests.Deployment("app", replicas: 1, image))).Expect(HttpStatusCode.Created);
        await PodsAsync(api, ns, "app=app", p => p.Count == 1 && p.All(IsReady), "the pod to start before the fault");

        emulator.Host.Faults.StickDeployment(ns, "app", failure);

        var stuck = (await PodsAsync(api, ns, "app=app", p => p.Count == 1 && WaitingReason(p[0]) == failure.ToString() && (failure != PodFailure.CrashLoopBackOff || RestartCount(p[0]) >= 2),
            $"the pod to wait with {failure}")).Single();
        stuck["status"]!["containerStatuses"]![0]!["ready"]!.GetValue<bool>().Should().BeFalse();
        Condition(stuck, "Ready").Should().Be(("False", "ContainersNotReady"));
        var message = stuck["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["message"]!.GetValue<string>();
        var events = await Eventually.UntilAsync(() => api.GetAsync($"/api/v1/namespaces/{ns}/events?fieldSelector=involvedObject.name%3D{ObjectMeta.Name(stuck)}"),
            r => r.Items.Any(e => e["reason"]!.GetValue<string>() is "Failed" or "BackOff"), "the kubelet's events");
        var described = events.Items.Select(e => $"{e["type"]} {e["reason"]} {e["message"]}").ToList();
        switch (failure)
        {
            case PodFailure.CrashLoopBackOff:
                stuck["status"]!["phase"]!.GetValue<string>().Should().Be("Running");
                message.Should().StartWith("back-off ").And.Contain($"restarting failed container=app pod={ObjectMeta.Name(stuck)}_{ns}");
                stuck["status"]!["containerStatuses"]![0]!["lastState"]!["terminated"]!["exitCode"]!.GetValue<long>().Should().Be(1);
                described.Should().Contain(e => e.StartsWith($"Warning BackOff Back-off restarting failed container app in pod {ObjectMeta.Name(stuck)}_{ns}", StringComparison.Ordinal));
                break;
            default:
                stuck["status"]!["phase"]!.GetValue<string>().Should().Be("Pending");
                message.Should().Contain($"\"{image}\"").And.Contain("not found");
                described.Should().Contain($"Warning Failed Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found");
                described.Should().Contain("Warning Failed Error: ErrImagePull");
                if (failure == PodFailure.ImagePullBackOff)
                {
                    message.Should().StartWith($"Back-off pulling image \"{image}\"");
                    described.Should().Contain($"Normal BackOff Back-off pulling image \"{image}\"");
                    described.Should().Contain("Warning Failed Error: ImagePullBackOff");
                }
                break;
        }
        var deployment = await Eventually.UntilAsync(() => api.GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments/app"),
            r => Condition(r.Object, "Available").Status == "False", "the deployment to lose availability");
        Condition(deployment.Object, "Available").Should().Be(("False", "MinimumReplicasUnavailable"));
        deployment.Object["status"]!["unavailableReplicas"]!.GetValue<long>().Should().Be(1);

        emulator.Host.Faults.UnstickDeployment(ns, "app");

        await PodsAsync(api, ns, "app=app", p => p.Count == 1 && p.All(IsReady), "the pod to become Ready once the fault clears");
        await Eventually.UntilAsync(() => api.GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments/app"),
            r => Condition(r.Object, "Available") == ("True", "MinimumReplicasAvailable"), "the deployment to be available again");
    }

    internal static async Task<IReadOnlyList<JsonObject>> PodsAsync(ApiClient api, string ns, string selector, Func<IReadOnlyList<JsonObject>, bool> done, string awaited) =>
        (await Eventually.UntilAsync(() => api.GetAsync($"/api/v1/namespaces/{ns}/pods?labelSelector={Uri.EscapeDataString(selector)}"), r => done(r.Items), awaited)).Items;

    internal static bool IsReady(JsonObject pod) => Condition(pod, "Ready").Status == "True";

    private static string? WaitingReason(JsonObject pod) => pod["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.GetValue<string>();

    private static long RestartCount(JsonObject pod) => pod["status"]?["containerStatuses"]?[0]?["restartCount"]?.GetValue<long>() ?? 0;

    private static (string Status, string? Reason) Condition(JsonObject obj, string type)
    {
        var condition = (obj["status"]?["conditions"] as JsonArray ?? []).FirstOrDefault(c => c?["type"]?.GetValue<string>() == type);
        return (condition?["status"]?.GetValue<string>() ?? "absent", condition?["reason"]?.GetValue<string>());
    }

    private static IEnumerable<string> Ports(JsonObject service) =>
        service["spec"]!["ports"]!.AsArray().Select(p => $"{p!["name"]}:{p["port"]}:{p["nodePort"]}");
}
