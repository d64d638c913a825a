using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Kubernetes.Client.Tests;

/// <summary>Exec credential plugins, run as real /bin/sh scripts written by the tests.</summary>
public sealed class ExecCredentialTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 8, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory directory = new();
    private readonly ManualTimeProvider clock = new(Now);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task The_plugins_token_is_sent_and_the_plugin_gets_its_args_env_and_cluster_info()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        WriteTokenPlugin(expiresAt: Now.AddHours(1));
        using var client = ClientFor(server, """
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: ./plugin.sh
              args: ["--cluster", "notification-e2e"]
              env:
              - name: TEAM
                value: kubernaut
              provideClusterInfo: true
              interactiveMode: Never
            """);

        await client.GetVersionAsync(Cancellation);

        server.SingleRequest.Authorization.Should().Be("Bearer exec-token-1");
        File.ReadAllText(directory.File("args")).Should().Be("--cluster\nnotification-e2e\n");
        File.ReadAllText(directory.File("env")).Should().Be("kubernaut");
        var info = JsonNode.Parse(File.ReadAllText(directory.File("exec-info.json")))!;
        info["apiVersion"]!.GetValue<string>().Should().Be("client.authentication.k8s.io/v1");
        info["kind"]!.GetValue<string>().Should().Be("ExecCredential");
        info["spec"]!["interactive"]!.GetValue<bool>().Should().BeFalse();
        info["spec"]!["cluster"]!["server"]!.GetValue<string>().Should().Be(server.Url.ToString());
        info["spec"]!["cluster"]!["certificate-authority-data"]!.GetValue<string>().Should().Be(server.Authority.CertificatePemBase64);
    }

    [Fact]
    public async Task The_credential_is_cached_until_its_expiration_timestamp()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        WriteTokenPlugin(expiresAt: Now.AddHours(1));
        using var client = ClientFor(server, ExecUser());

        await client.GetVersionAsync(Cancellation);
        clock.Advance(TimeSpan.FromMinutes(59));
        await client.GetVersionAsync(Cancellation);
        clock.Advance(TimeSpan.FromMinutes(2));
        await client.GetVersionAsync(Cancellation);

        PluginRuns().Should().Be(2);
        server.Requests.Select(request => request.Authorization).Should().Equal("Bearer exec-token-1", "Bearer exec-token-1", "Bearer exec-token-2");
    }

    [Fact]
    public async Task A_401_runs_the_plugin_again_and_retries_once()
    {
        await using var server = await FakeApiServer.StartAsync(context => context.Request.Headers.Authorization == "Bearer exec-token-1"
            ? Respond.Status(context, 401, "Unauthorized", "Unauthorized")
            : Respond.Json(context, "{\"gitVersion\":\"v1.36.1\"}"));
        WriteTokenPlugin(expiresAt: null);
        using var client = ClientFor(server, ExecUser());

        var version = await client.GetVersionAsync(Cancellation);

        version.GitVersion.Should().Be("v1.36.1");
        PluginRuns().Should().Be(2);
        server.Requests.Select(request => request.Authorization).Should().Equal("Bearer exec-token-1", "Bearer exec-token-2");
    }

    [Fact]
    public async Task A_fresh_credential_that_is_rejected_too_fails_once_without_showing_it()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Status(context, 401, "Unauthorized", "Unauthorized"));
        WriteTokenPlugin(expiresAt: null);
        using var client = ClientFor(server, ExecUser());

        var act = () => client.GetVersionAsync(Cancellation);

        var exception = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        PluginRuns().Should().Be(2);
        exception.Fix.Should().StartWith($"the API server did not accept the exec plugin \"{directory.File("plugin.sh")}\" of user \"test-user\"")
            .And.Contain(", even after the exec plugin issued a fresh credential: refresh the credentials");
        exception.Message.Should().NotContain("exec-token");
    }

    [Fact]
    public async Task A_failing_plugin_reports_its_exit_code_stderr_and_install_hint()
    {
        directory.WriteScript("plugin.sh", "echo 'error: SSO session expired' >&2\necho 'run: aws sso login' >&2\nexit 3\n");
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = ClientFor(server, ExecUser(extra: "installHint: Install the AWS CLI v2 from https://aws.amazon.com/cli/"));

        var message = await ExecFailure(client);

        message.Should().Be(
            $"exec plugin \"{directory.File("plugin.sh")}\" of user \"test-user\" in kubeconfig {directory.File("config")}: " +
            "it exited with code 3: error: SSO session expired | run: aws sso login. " +
            "Fix: run the command by hand to see the error. Install the AWS CLI v2 from https://aws.amazon.com/cli/.");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_plugin_command_points_at_its_install_hint()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = ClientFor(server, """
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: kubernaut-no-such-plugin
              installHint: "brew install kubernaut-login"
            """);

        var message = await ExecFailure(client);

        message.Should().StartWith("exec plugin \"kubernaut-no-such-plugin\" of user \"test-user\"")
            .And.Contain(": the command cannot be started (")
            .And.EndWith("Fix: install the plugin: brew install kubernaut-login.");
    }

    [Fact]
    public async Task Output_that_is_not_JSON_is_reported_without_being_shown()
    {
        directory.WriteScript("plugin.sh", "echo 'token=s3cret-plugin-output'\n");
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = ClientFor(server, ExecUser());

        var message = await ExecFailure(client);

        message.Should().Contain("it printed output that is not JSON (").And.Contain("output not shown)")
            .And.EndWith("Fix: make the plugin print an ExecCredential object on stdout and everything else on stderr.");
        message.Should().NotContain("s3cret");
    }

    [Fact]
    public async Task A_plugin_answering_another_apiVersion_is_named()
    {
        WriteTokenPlugin(expiresAt: null);
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = ClientFor(server, ExecUser(apiVersion: "client.authentication.k8s.io/v1beta1"));

        var message = await ExecFailure(client);

        message.Should().Contain("it returned apiVersion \"client.authentication.k8s.io/v1\" but the kubeconfig asks for \"client.authentication.k8s.io/v1beta1\"");
    }

    [Fact]
    public async Task A_v1beta1_plugin_is_supported()
    {
        WriteTokenPlugin(expiresAt: null, apiVersion: "client.authentication.k8s.io/v1beta1");
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = ClientFor(server, ExecUser(apiVersion: "client.authentication.k8s.io/v1beta1"));

        await client.GetVersionAsync(Cancellation);

        server.SingleRequest.Authorization.Should().Be("Bearer exec-token-1");
        JsonNode.Parse(File.ReadAllText(directory.File("exec-info.json")))!["apiVersion"]!.GetValue<string>().Should().Be("client.authentication.k8s.io/v1beta1");
    }

    [Fact]
    public async Task The_removed_v1alpha1_api_is_refused()
    {
        WriteTokenPlugin(expiresAt: null);
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = ClientFor(server, ExecUser(apiVersion: "client.authentication.k8s.io/v1alpha1"));

        (await ExecFailure(client)).Should().Contain("its apiVersion \"client.authentication.k8s.io/v1alpha1\" is not supported. Fix: set users[].user.exec.apiVersion to client.authentication.k8s.io/v1");
    }

    [Fact]
    public async Task A_plugin_that_needs_a_terminal_is_refused()
    {
        WriteTokenPlugin(expiresAt: null);
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = ClientFor(server, ExecUser(extra: "interactiveMode: Always"));

        (await ExecFailure(client)).Should().Contain("it requires an interactive terminal (interactiveMode: Always)");
        PluginRuns().Should().Be(0);
    }

    [Fact]
    public async Task A_credential_without_token_or_certificate_is_named()
    {
        directory.WriteScript("plugin.sh", "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{}}'\n");
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = ClientFor(server, ExecUser());

        (await ExecFailure(client)).Should().Contain("its ExecCredential status has neither a token nor both clientCertificateData and clientKeyData");
    }

    [Fact]
    public async Task A_plugin_can_supply_a_client_certificate()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"), new FakeApiServerOptions { RequireClientCertificate = true });
        var (certificatePem, keyPem) = server.Authority.IssueClient("exec-user", KeyKind.Ec);
        directory.Write("credential.json", new JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1",
            ["kind"] = "ExecCredential",
            ["status"] = new JsonObject { ["clientCertificateData"] = certificatePem, ["clientKeyData"] = keyPem },
        }.ToJsonString());
        directory.WriteScript("plugin.sh", "cat \"$(dirname \"$0\")/credential.json\"\n");
        using var client = ClientFor(server, ExecUser());

        await client.GetVersionAsync(Cancellation);

        server.SingleRequest.ClientCertificateSubject.Should().Be("CN=exec-user, O=system:masters");
        server.SingleRequest.Authorization.Should().BeNull();
    }

    [Fact]
    public async Task A_plugin_that_hangs_is_stopped_after_its_timeout()
    {
        var plugin = directory.WriteScript("plugin.sh", "exec sleep 30\n");
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = new KubernetesClient(server.Configuration(KubernetesCredentials.Exec(new ExecCredentialSettings
        {
            Command = plugin,
            UserName = "slow-user",
            Timeout = TimeSpan.FromMilliseconds(300),
        })));

        (await ExecFailure(client)).Should().Be(
            $"exec plugin \"{plugin}\" of user \"slow-user\": it did not finish within 0.3 s. " +
            "Fix: run the command by hand to see where it waits (a login prompt, an unreachable identity provider).");
    }

    /// <summary>A plugin that prints exec-token-N on its Nth run and records its args, env and KUBERNETES_EXEC_INFO.</summary>
    private void WriteTokenPlugin(DateTimeOffset? expiresAt, string apiVersion = ExecCredentialSettings.V1)
    {
        var expiration = expiresAt is null ? "" : $",\"expirationTimestamp\":\"{expiresAt:yyyy-MM-ddTHH:mm:ssZ}\"";
        var credential = $"{{\"apiVersion\":\"{apiVersion}\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"exec-token-'\"$n\"'\"{expiration}}}}}";
        directory.WriteScript("plugin.sh", $$"""
            dir=$(dirname "$0")
            echo run >> "$dir/runs"
            n=$(wc -l < "$dir/runs" | tr -d ' ')
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$dir/exec-info.json"
            printf '%s\n' "$@" > "$dir/args"
            printf '%s' "$TEAM" > "$dir/env"
            echo '{{credential}}'

            """);
    }

    private int PluginRuns() => File.Exists(directory.File("runs")) ? File.ReadAllLines(directory.File("runs")).Length : 0;

    private static string ExecUser(string apiVersion = ExecCredentialSettings.V1, string extra = "") => $"""
        exec:
          apiVersion: {apiVersion}
          command: ./plugin.sh
          {extra}
        """;

    private KubernetesClient ClientFor(FakeApiServer server, string userFields)
    {
        var path = directory.Write("config", KubeconfigYaml.Single(
            clusterFields: $"server: {server.Url}\ncertificate-authority-data: {server.Authority.CertificatePemBase64}",
            userFields: userFields));
        return KubernetesClient.FromKubeconfig(KubeconfigYaml.Options(path) with { TimeProvider = clock });
    }

    private static async Task<string> ExecFailure(KubernetesClient client)
    {
        var act = () => client.GetVersionAsync(Cancellation);
        return (await act.Should().ThrowAsync<ExecCredentialException>()).Which.Message;
    }
}
