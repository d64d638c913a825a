using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification.Delivery;
using Kubernaut.Emulator.Tests.Hosting.Support;

namespace Kubernaut.Emulator.Tests.Standalone;

/// <summary>The built emulator run as a separate process, the way a developer or the `existing` target uses it.</summary>
public sealed class StandaloneTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] FreePorts = ["--api-port", "0", "--datastorage-port", "0", "--datastorage-health-port", "0", "--metrics-port", "0"];

    private readonly string _directory = Directory.CreateTempSubdirectory("standalone-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_standalone_emulator_prints_its_endpoints_writes_a_kubeconfig_and_stops_on_ctrl_c()
    {
        RequireUnix();
        var kubeconfig = Path.Combine(_directory, "config");
        await using var emulator = StartEmulator(["--kubeconfig", kubeconfig, "--namespace", "standalone-e2e", .. FreePorts]);

        var output = await emulator.WaitForOutputAsync(lines => lines.Any(l => l.StartsWith("Try:", StringComparison.Ordinal)), "the endpoints to be printed", StartTimeout);

        var api = Endpoint(output, "Kubernetes API");
        var config = YamlJson.Parse(await File.ReadAllTextAsync(kubeconfig, TestContext.Current.CancellationToken))!;
        var token = config["users"]![0]!["user"]!["token"]!.GetValue<string>();
        output.Concat(emulator.Error).Any(line => line.Contains(token, StringComparison.Ordinal)).Should().BeFalse("the admin token stays in the kubeconfig");
        Endpoint(output, "CA certificate").LocalPath.Should().Be(Path.Combine(_directory, "inter-service-ca.pem"));
        config["clusters"]![0]!["cluster"]!["server"]!.GetValue<string>().Should().Be(api.GetLeftPart(UriPartial.Authority));
        using (var client = ClientFromKubeconfig(config))
        {
            var namespaces = JsonNode.Parse(await client.GetStringAsync(new Uri(api, "api/v1/namespaces"), TestContext.Current.CancellationToken))!;
            namespaces["items"]!.AsArray().Select(n => n!["metadata"]!["name"]!.GetValue<string>()).Should().Contain("standalone-e2e");
            (await client.GetAsync(new Uri(Endpoint(output, "DataStorage health"), "readyz"), TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.GetAsync(new Uri(Endpoint(output, "Notification metrics"), "metrics"), TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        if (Kubectl.Locate() is { } executable)
        {
            await new Kubectl(executable, kubeconfig, Path.Combine(_directory, "cache")).SucceedsAsync("get", "notificationrequests", "-A");
        }

        emulator.Interrupt();

        (await emulator.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, emulator.Describe());
        emulator.Output.Should().EndWith("Stopped.");
    }

    [Fact]
    public async Task A_port_in_use_is_one_message_naming_the_port_and_the_option_to_change_it()
    {
        RequireUnix();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var emulator = StartEmulator(["--kubeconfig", Path.Combine(_directory, "config"), .. FreePorts[..2], "--datastorage-port", port.ToString(), .. FreePorts[4..]]);

        (await emulator.WaitForExitAsync(StartTimeout)).Should().Be(1, emulator.Describe());

        emulator.Error.Should().Equal($"Port {port} (DataStorage API) on 127.0.0.1 is already in use. Stop the process that holds it, or choose another port with --datastorage-port (0 picks a free one).");
    }

    [Fact]
    public async Task The_default_api_port_falls_back_to_a_free_one_when_taken()
    {
        RequireUnix();
        using var holder = new TcpListener(IPAddress.Loopback, EmulatorOptions.StandalonePorts.KubernetesApi);
        try
        {
            holder.Start();
        }
        catch (SocketException)
        {
            // Another process holds 6443 already: the emulator must fall back all the same.
        }
        await using var emulator = StartEmulator(["--kubeconfig", Path.Combine(_directory, "config"), .. FreePorts[2..]]);

        var output = await emulator.WaitForOutputAsync(lines => lines.Any(l => l.StartsWith("Try:", StringComparison.Ordinal)), "the endpoints to be printed", StartTimeout);

        output.Should().Contain("Port 6443 is in use; the Kubernetes API listens on a free port instead (choose one with --api-port).");
        Endpoint(output, "Kubernetes API").Port.Should().NotBe(EmulatorOptions.StandalonePorts.KubernetesApi);
    }

    [Fact]
    public async Task A_bad_fault_file_is_refused_with_its_path_and_the_reason()
    {
        var faults = Path.Combine(_directory, "faults.json");
        await File.WriteAllTextAsync(faults, """{"stuckDeployment":[]}""", TestContext.Current.CancellationToken);
        await using var emulator = StartEmulator(["--faults", faults, "--kubeconfig", Path.Combine(_directory, "config"), .. FreePorts]);

        (await emulator.WaitForExitAsync(StartTimeout)).Should().Be(2, emulator.Describe());

        emulator.Error.Should().ContainSingle().Which.Should().StartWith($"Cannot use --faults {faults}: invalid fault document: unknown field 'stuckDeployment'");
    }

    private static ChildProcess StartEmulator(IEnumerable<string> arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return ChildProcess.Start(dotnet, [Path.Combine(AppContext.BaseDirectory, "Kubernaut.Emulator.dll"), .. arguments]);
    }

    private static Uri Endpoint(IReadOnlyList<string> output, string label)
    {
        var line = output.FirstOrDefault(l => l.TrimStart().StartsWith(label + ":", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No \"{label}:\" line in the output:\n{string.Join('\n', output)}");
        var value = Regex.Match(line, @":\s+(\S+)").Groups[1].Value;
        return value.StartsWith('/') ? new Uri("file://" + value) : new Uri(value);
    }

    // The kubeconfig alone is enough to call the API: server CA from certificate-authority-data, bearer token of the user.
    private static HttpClient ClientFromKubeconfig(JsonNode config)
    {
        var caPem = Encoding.ASCII.GetString(Convert.FromBase64String(config["clusters"]![0]!["cluster"]!["certificate-authority-data"]!.GetValue<string>()));
        var trusting = new CaTrustingHttpClient(X509Certificate2.CreateFromPem(caPem), TimeSpan.FromSeconds(30));
        trusting.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config["users"]![0]!["user"]!["token"]!.GetValue<string>());
        return trusting.Client;
    }

    private static void RequireUnix()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Stopping the standalone emulator with SIGINT needs a Unix `kill`; on Windows stop it with Ctrl+C by hand.");
        }
    }
}
