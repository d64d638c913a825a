using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Kubernetes.Api;
using Kubernaut.Emulator.Tests.Kubernetes.Support;
using Kubernaut.Emulator.Tests.Notification.Support;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>pods/log over the PodLogBook, and the Table output kubectl get prints.</summary>
public sealed class PodLogAndTableTests(SharedEmulator emulator) : IClassFixture<SharedEmulator>
{
    private const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    [Fact]
    public async Task Pod_logs_serve_what_the_deployment_wrote_with_tail_and_timestamps()
    {
        using var api = emulator.Client();
        var (ns, pod) = await DeploymentPodAsync(api, "logs");
        emulator.Host.Logs.Append(ns, "web", "first line");
        emulator.Host.Logs.Append(ns, "web", "second line");
        var log = $"/api/v1/namespaces/{ns}/pods/{pod}/log";

        (await api.GetAsync(log)).Expect(HttpStatusCode.OK).Text.Should().Be("first line\nsecond line\n");
        (await api.GetAsync($"{log}?tailLines=1")).Expect(HttpStatusCode.OK).Text.Should().Be("second line\n");
        (await api.GetAsync($"{log}?timestamps=true&container=app")).Expect(HttpStatusCode.OK).Text.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z first line\n");
        (await api.GetAsync($"{log}?container=sidecar")).Expect(HttpStatusCode.BadRequest).Object["message"]!.GetValue<string>().Should().Be($"container sidecar is not valid for pod {pod}");
        (await api.GetAsync($"/api/v1/namespaces/{ns}/pods/nowhere/log")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Following_a_pod_log_streams_lines_written_later()
    {
        using var api = emulator.Client();
        var (ns, pod) = await DeploymentPodAsync(api, "follow");
        emulator.Host.Logs.Append(ns, "web", "before");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        using var response = await api.Http.GetAsync($"/api/v1/namespaces/{ns}/pods/{pod}/log?follow=true", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        (await reader.ReadLineAsync(timeout.Token)).Should().Be("before");
        emulator.Host.Logs.Append(ns, "web", "after");
        (await reader.ReadLineAsync(timeout.Token)).Should().Be("after");
    }

    [Fact]
    public async Task A_container_that_cannot_pull_its_image_has_no_log_yet()
    {
        using var api = emulator.Client();
        var (ns, _) = await DeploymentPodAsync(api, "nolog");
        emulator.Host.Faults.StickDeployment(ns, "web", PodFailure.ErrImagePull);
        var stuck = await WorkloadTests.PodsAsync(api, ns, "app=web", p => p.Count == 1 && !WorkloadTests.IsReady(p[0]), "the pod to fail pulling");

        var answer = (await api.GetAsync($"/api/v1/namespaces/{ns}/pods/{ObjectMeta.Name(stuck[0])}/log")).Expect(HttpStatusCode.BadRequest).Object;

        answer["message"]!.GetValue<string>().Should().Be($"container \"app\" in pod \"{ObjectMeta.Name(stuck[0])}\" is waiting to start: trying and failing to pull image");
        emulator.Host.Faults.UnstickDeployment(ns, "web");
    }

    [Fact]
    public async Task Pods_and_deployments_print_kubectls_columns()
    {
        using var api = emulator.Client();
        var (ns, pod) = await DeploymentPodAsync(api, "table");

        var pods = (await api.GetAsync($"/api/v1/namespaces/{ns}/pods", Table)).Expect(HttpStatusCode.OK).Object;
        var deployments = (await api.GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments", Table)).Expect(HttpStatusCode.OK).Object;

        Columns(pods).Should().Equal("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates");
        Cells(pods, 0).Take(4).Should().Equal(pod, "1/1", "Running", "0");
        pods["rows"]![0]!["object"]!["kind"]!.GetValue<string>().Should().Be("PartialObjectMetadata");
        Columns(deployments).Should().Equal("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        Cells(deployments, 0).Should().StartWith(["web", "1/1", "1", "1"]);
        Cells(deployments, 0).Skip(5).Should().Equal("app", "nginx:1.25", "app=web");
    }

    [Fact]
    public async Task Config_maps_events_and_namespaces_print_kubectls_columns()
    {
        using var api = emulator.Client();
        var (ns, _) = await DeploymentPodAsync(api, "table-more");
        (await api.PostAsync($"/api/v1/namespaces/{ns}/configmaps", JsonNode.Parse("""{"metadata":{"name":"two"},"data":{"a":"1","b":"2"}}"""))).Expect(HttpStatusCode.Created);

        var configMaps = (await api.GetAsync($"/api/v1/namespaces/{ns}/configmaps", Table)).Expect(HttpStatusCode.OK).Object;
        var events = (await api.GetAsync($"/api/v1/namespaces/{ns}/events?fieldSelector=reason%3DScheduled", Table)).Expect(HttpStatusCode.OK).Object;
        var namespaces = (await api.GetAsync($"/api/v1/namespaces?fieldSelector=metadata.name%3D{ns}", Table)).Expect(HttpStatusCode.OK).Object;

        Columns(configMaps).Should().Equal("Name", "Data", "Age");
        configMaps["rows"]![0]!["cells"]![1]!.GetValue<long>().Should().Be(2);
        Columns(events).Take(5).Should().Equal("Last Seen", "Type", "Reason", "Object", "Subobject");
        Cells(events, 0)[1..3].Should().Equal("Normal", "Scheduled");
        Cells(events, 0)[3].Should().StartWith("pod/web-");
        Cells(events, 0)[6].Should().StartWith($"Successfully assigned {ns}/web-");
        Cells(namespaces, 0).Take(2).Should().Equal(ns, "Active");
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(5 * 3600 + 120, "5h2m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 3600, "3d1h")]
    [InlineData(30 * 86400, "30d")]
    [InlineData(800 * 86400, "2y70d")]
    public void Ages_print_as_kubernetes_prints_durations(int seconds, string expected)
    {
        Tables.HumanDuration(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
    }

    /// <summary>A new namespace with a ready one-replica deployment "web"; returns the namespace and the pod's name.</summary>
    private async Task<(string Namespace, string Pod)> DeploymentPodAsync(ApiClient api, string prefix)
    {
        var ns = await emulator.NewNamespaceAsync(prefix);
        (await api.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments", ApiSemanticsTests.Deployment("web", replicas: 1))).Expect(HttpStatusCode.Created);
        var pods = await WorkloadTests.PodsAsync(api, ns, "app=web", p => p.Count == 1 && p.All(WorkloadTests.IsReady), "the web pod");
        await Eventually.UntilAsync(() => api.GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web"), r => r.Object["status"]?["readyReplicas"] is not null, "web to report a ready replica");
        return (ns, ObjectMeta.Name(pods[0]));
    }

    private static IReadOnlyList<string> Columns(JsonObject table) => table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();

    private static string[] Cells(JsonObject table, int row) => table["rows"]![row]!["cells"]!.AsArray().Select(c => c?.ToString() ?? "").ToArray();
}
