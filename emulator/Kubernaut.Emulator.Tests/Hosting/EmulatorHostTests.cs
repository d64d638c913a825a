using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Hosting;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Tests.Kubernetes.Support;

namespace Kubernaut.Emulator.Tests.Hosting;

/// <summary>The in-process host: endpoints, kubeconfig, the fault admin endpoint, start-up faults and port conflicts.</summary>
public sealed class EmulatorHostTests
{
    [Fact]
    public async Task StartAsync_serves_every_endpoint_on_loopback()
    {
        await using var host = await EmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var api = new ApiClient(host, token: "");
        using var plain = new HttpClient();
        var ct = TestContext.Current.CancellationToken;

        new[] { host.KubernetesApiUrl, host.DataStorageApiUrl, host.DataStorageHealthUrl, host.NotificationMetricsUrl }
            .Should().AllSatisfy(url => url.Host.Should().Be("127.0.0.1"));
        host.KubernetesApiUrl.Scheme.Should().Be("https");
        host.DataStorageApiUrl.Scheme.Should().Be("https");
        (await api.GetAsync("/version")).Expect(HttpStatusCode.OK);
        (await plain.GetAsync(new Uri(host.DataStorageHealthUrl, "readyz"), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await plain.GetAsync(new Uri(host.NotificationMetricsUrl, "metrics"), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        host.CaPem.Should().StartWith("-----BEGIN CERTIFICATE-----");
        host.AdminToken.Should().NotBeNullOrEmpty();
        host.Store.Get(ResourceKinds.Deployment, host.Namespace, "notification-controller").Should().NotBeNull();
    }

    [Fact]
    public async Task WriteKubeconfig_writes_the_server_ca_admin_token_and_context_readable_by_the_owner_only()
    {
        await using var host = await EmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var directory = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

        var path = host.WriteKubeconfig(Path.Combine(directory, "config"));

        var config = YamlJson.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!;
        config["current-context"]!.GetValue<string>().Should().Be("kubernaut-emulator");
        var cluster = config["clusters"]![0]!["cluster"]!;
        cluster["server"]!.GetValue<string>().Should().Be(host.KubernetesApiUrl.GetLeftPart(UriPartial.Authority));
        Encoding.ASCII.GetString(Convert.FromBase64String(cluster["certificate-authority-data"]!.GetValue<string>())).Should().Be(host.CaPem);
        config["users"]![0]!["user"]!["token"]!.GetValue<string>().Should().Be(host.AdminToken);
        config["contexts"]![0]!["context"]!["namespace"]!.GetValue<string>().Should().Be("notification-e2e");
        (await File.ReadAllTextAsync(Path.Combine(directory, "inter-service-ca.pem"), TestContext.Current.CancellationToken)).Should().Be(host.CaPem);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        host.KubeconfigPath.Should().Be(path);
    }

    [Fact]
    public async Task The_fault_admin_endpoint_sets_shows_adds_and_clears_faults_for_the_admin_only()
    {
        await using var host = await EmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var admin = new ApiClient(host);
        using var controller = new ApiClient(host, host.Tokens.IssueToken(host.Namespace, "notification-controller", TimeSpan.FromHours(1)));
        using var anonymous = new ApiClient(host, token: "");

        var set = (await admin.PutAsync(FaultAdministration.Path, JsonNode.Parse("""
            {"dataStorageReadinessFailureSeconds":30,"dataStorageConnectionResets":2,"auditQueryFailures":3,"auditEventDuplication":3,
             "dataStorageUnreachableSeconds":10,"stuckDeployments":[{"namespace":"notification-e2e","deployment":"datastorage","reason":"ImagePullBackOff"}]}
            """)!)).Expect(HttpStatusCode.OK).Object;
        var snapshot = host.Faults.Snapshot();
        set["dataStorageConnectionResets"]!.GetValue<int>().Should().Be(2);
        set["dataStorageReadinessFailureSeconds"]!.GetValue<int>().Should().BeInRange(29, 30);
        snapshot.AuditQueryFailures.Should().Be(3);
        snapshot.AuditEventDuplication.Should().Be(3);
        host.Faults.DataStorageUnreachable.Should().BeTrue();
        host.Faults.DeploymentFailure("notification-e2e", "datastorage").Should().Be(PodFailure.ImagePullBackOff);

        var added = (await admin.PatchAsync(FaultAdministration.Path, JsonNode.Parse("""{"stuckDeployments":[{"namespace":"notification-e2e","deployment":"redis","reason":"CrashLoopBackOff"}]}""")!, "application/json"))
            .Expect(HttpStatusCode.OK).Object;
        added["stuckDeployments"]!.AsArray().Should().HaveCount(2);
        (await admin.GetAsync(FaultAdministration.Path)).Expect(HttpStatusCode.OK).Object["auditQueryFailures"]!.GetValue<int>().Should().Be(3);

        var cleared = (await admin.DeleteAsync(FaultAdministration.Path)).Expect(HttpStatusCode.OK).Object;
        cleared["stuckDeployments"]!.AsArray().Should().BeEmpty();
        host.Faults.DataStorageUnreachable.Should().BeFalse();
        host.Faults.DeploymentFailure("notification-e2e", "datastorage").Should().BeNull();

        (await controller.GetAsync(FaultAdministration.Path)).Expect(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync(FaultAdministration.Path)).Expect(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"bogus":1}""", "unknown field")]
    [InlineData("""{"auditQueryFailures":-1}""", "auditQueryFailures is -1; it must be 0 or more")]
    [InlineData("""{"stuckDeployments":[{"namespace":"ns","deployment":"d","reason":"Sleepy"}]}""", "ErrImagePull, ImagePullBackOff, CrashLoopBackOff")]
    [InlineData("""{"stuckDeployments":[{"namespace":"ns","reason":"ErrImagePull"}]}""", "stuckDeployments[0]")]
    public async Task A_bad_fault_document_is_a_400_naming_what_is_wrong(string document, string expected)
    {
        await using var host = await EmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var admin = new ApiClient(host);

        var refused = (await admin.PutAsync(FaultAdministration.Path, JsonNode.Parse(document)!)).Expect(HttpStatusCode.BadRequest).Object;

        refused["message"]!.GetValue<string>().Should().Contain(expected).And.NotContain("Kubernaut.Emulator.", "the message speaks JSON, not .NET type names");
    }

    [Fact]
    public async Task Faults_given_at_start_are_armed_before_anything_runs()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Faults = FaultSettings.Parse("""{"auditQueryFailures":2,"stuckDeployments":[{"namespace":"notification-e2e","deployment":"postgresql","reason":"ErrImagePull"}]}"""),
        }, TestContext.Current.CancellationToken);

        host.Faults.Snapshot().AuditQueryFailures.Should().Be(2);
        var pod = host.Store.List(ResourceKinds.Pod, host.Namespace, LabelSelector.Parse("app=postgresql")).Items.Single();
        pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]!.GetValue<string>().Should().Be("ErrImagePull", "the pod never started");
    }

    [Theory]
    [InlineData(nameof(EmulatorOptions.KubernetesApiPort))]
    [InlineData(nameof(EmulatorOptions.DataStorageApiPort))]
    [InlineData(nameof(EmulatorOptions.DataStorageHealthPort))]
    [InlineData(nameof(EmulatorOptions.NotificationMetricsPort))]
    public async Task A_port_in_use_fails_start_with_a_message_naming_the_port_and_the_option(string option)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var options = option switch
        {
            nameof(EmulatorOptions.KubernetesApiPort) => new EmulatorOptions { KubernetesApiPort = port },
            nameof(EmulatorOptions.DataStorageApiPort) => new EmulatorOptions { DataStorageApiPort = port },
            nameof(EmulatorOptions.DataStorageHealthPort) => new EmulatorOptions { DataStorageHealthPort = port },
            _ => new EmulatorOptions { NotificationMetricsPort = port },
        };

        var start = () => EmulatorHost.StartAsync(options, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<EmulatorStartException>()).Which.Message.Should().Contain($"127.0.0.1:{port}").And.EndWith($"(In-process the port is EmulatorOptions.{option}.)");
    }
}
