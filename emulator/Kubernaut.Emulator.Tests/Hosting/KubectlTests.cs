using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Tests.Hosting.Support;

namespace Kubernaut.Emulator.Tests.Hosting;

/// <summary>The real kubectl against the emulator: apply, get (table, yaml, watch), events, logs, delete, typed create commands.</summary>
public sealed class KubectlTests : IAsyncLifetime
{
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromSeconds(30);

    private EmulatorHost _host = null!;
    private Kubectl? _kubectl;
    private string _directory = null!;

    public async ValueTask InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("kubectl-").FullName;
        _host = await EmulatorHost.StartAsync(new EmulatorOptions { KubeconfigPath = Path.Combine(_directory, "config") });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Kubectl_applies_gets_watches_and_deletes_a_notification_request()
    {
        var kubectl = Require();
        const string ns = "notification-e2e";

        var applied = await kubectl.SucceedsWithAsync(["apply", "-f", "-"], Notification("kubectl-first"));
        applied.StandardOutput.Should().Be("notificationrequest.kubernaut.ai/kubectl-first created");

        var table = await kubectl.SucceedsAsync("get", "notificationrequests", "-A");
        var lines = table.Split('\n');
        lines[0].Should().MatchRegex(@"^NAMESPACE\s+NAME\s+TYPE\s+PRIORITY\s+PHASE\s+ATTEMPTS\s+AGE$");
        lines.Should().Contain(line => line.StartsWith(ns, StringComparison.Ordinal) && line.Contains("kubectl-first") && line.Contains("Simple") && line.Contains("High"));

        var yaml = YamlJson.Parse(await kubectl.SucceedsAsync("get", "notificationrequest", "kubectl-first", "-n", ns, "-o", "yaml"))!;
        yaml["spec"]!["retentionDays"]!.GetValue<long>().Should().Be(7, "kubectl shows the object as stored, defaults included");
        yaml["metadata"]!["uid"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        await using (var watch = kubectl.Start("get", "notificationrequests", "-n", ns, "-w"))
        {
            await watch.WaitForOutputAsync(output => output.Any(l => l.StartsWith("kubectl-first", StringComparison.Ordinal)), "the existing notification in the watch", WatchTimeout);
            await kubectl.SucceedsWithAsync(["apply", "-f", "-"], Notification("kubectl-second"));
            await watch.WaitForOutputAsync(output => output.Any(l => l.StartsWith("kubectl-second", StringComparison.Ordinal) && l.Contains("Sent")),
                "the new notification to be watched until the controller sends it", WatchTimeout);
        }

        var deleted = await kubectl.SucceedsAsync("delete", "notificationrequest", "kubectl-first", "-n", ns);
        deleted.Should().Be("notificationrequest.kubernaut.ai \"kubectl-first\" deleted");
        var gone = await kubectl.FailsAsync(["get", "notificationrequest", "kubectl-first", "-n", ns]);
        gone.StandardError.Should().Contain("Error from server (NotFound): notificationrequests.kubernaut.ai \"kubectl-first\" not found");
    }

    [Fact]
    public async Task Kubectl_shows_the_validation_error_of_an_invalid_notification()
    {
        var kubectl = Require();

        var refused = await kubectl.FailsAsync(["apply", "-f", "-"], Notification("kubectl-invalid", type: "Urgent"));

        refused.StandardError.Should().Contain("The NotificationRequest \"kubectl-invalid\" is invalid: spec.type: Unsupported value: \"Urgent\"");
    }

    [Fact]
    public async Task Kubectl_reads_events_and_the_controller_logs_of_the_footprint()
    {
        var kubectl = Require();

        var events = await kubectl.SucceedsAsync("get", "events", "-n", "notification-e2e");
        var logs = await kubectl.SucceedsAsync("logs", "deploy/notification-controller", "-n", "notification-e2e");
        var pods = await kubectl.SucceedsAsync("get", "pods", "-n", "notification-e2e", "-l", "app=notification-controller");

        events.Split('\n')[0].Should().MatchRegex(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$");
        events.Should().Contain("Scheduled").And.Contain("deployment/notification-controller");
        logs.Should().NotBeEmpty("the controller logs its start-up");
        pods.Split('\n')[1].Should().MatchRegex(@"^notification-controller-\S+\s+1/1\s+Running\s+0\s+\d+s$");
    }

    [Fact]
    public async Task Kubectls_typed_commands_create_objects_and_tokens_and_check_access()
    {
        var kubectl = Require();

        (await kubectl.SucceedsAsync("create", "namespace", "typed")).Should().Be("namespace/typed created");
        (await kubectl.SucceedsAsync("create", "configmap", "settings", "-n", "typed", "--from-literal=mode=test")).Should().Be("configmap/settings created");
        (await kubectl.SucceedsAsync("create", "deployment", "web", "-n", "typed", "--image=nginx:1.25", "--replicas=2")).Should().Be("deployment.apps/web created");
        var token = await kubectl.SucceedsAsync("create", "token", "notification-controller", "-n", "notification-e2e");
        var canList = await kubectl.RunAsync(["auth", "can-i", "list", "pods", "-n", "notification-e2e", "--token", token]);
        var canGet = await kubectl.SucceedsAsync("auth", "can-i", "get", "services/data-storage-service", "-n", "notification-e2e", "--token", token);
        await kubectl.SucceedsAsync("rollout", "status", "deployment/web", "-n", "typed", "--timeout=30s");

        _host.Store.Get(ResourceKinds.ConfigMap, "typed", "settings")!["data"]!["mode"]!.GetValue<string>().Should().Be("test");
        _host.Tokens.Authenticate(token)!.Username.Should().Be("system:serviceaccount:notification-e2e:notification-controller");
        canList.StandardOutput.Should().Be("no", canList.ToString());
        canGet.Should().Be("yes");
    }

    private Kubectl Require() => _kubectl ??= Kubectl.Require(_host.KubeconfigPath!, Path.Combine(_directory, "cache"));

    private static string Notification(string name, string type = "Simple") => $"""
        apiVersion: kubernaut.ai/v1alpha1
        kind: NotificationRequest
        metadata:
          name: {name}
          namespace: notification-e2e
        spec:
          type: {type}
          priority: High
          subject: Written with kubectl
          body: The emulator answers kubectl like a cluster.
        """;
}
