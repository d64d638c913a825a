using System.Net;
using System.Net.Sockets;
using Kubernaut.Kubernetes.Client.Tls;

namespace Kubernaut.Kubernetes.Client.Tests;

/// <summary>Reaching the server: kubeconfig end to end, TLS trust, client certificates, proxies, and what happens when it fails.</summary>
public sealed class ConnectionTests : IDisposable
{
    private readonly TempDirectory directory = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_kubeconfig_with_CA_data_and_a_token_reaches_the_server()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{\"gitVersion\":\"v1.36.1\"}"));
        var path = directory.Write("config", KubeconfigYaml.Single(clusterFields: $"server: {server.Url}\ncertificate-authority-data: {server.Authority.CertificatePemBase64}"));

        using var client = KubernetesClient.FromKubeconfig(KubeconfigYaml.Options(path));
        var version = await client.GetVersionAsync(Cancellation);

        version.GitVersion.Should().Be("v1.36.1");
        server.SingleRequest.Authorization.Should().Be($"Bearer {KubeconfigYaml.Token}");
    }

    [Theory]
    [InlineData(KeyKind.Rsa)]
    [InlineData(KeyKind.Ec)]
    public async Task A_kubeconfig_client_certificate_authenticates_to_a_server_that_requires_one(KeyKind keyKind)
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"), new FakeApiServerOptions { RequireClientCertificate = true });
        var (certificatePem, keyPem) = server.Authority.IssueClient("kind-admin", keyKind);
        directory.Write("admin.crt", certificatePem);
        directory.Write("admin.key", keyPem);
        var path = directory.Write("config", KubeconfigYaml.Single(
            clusterFields: $"server: {server.Url}\ncertificate-authority-data: {server.Authority.CertificatePemBase64}",
            userFields: "client-certificate: admin.crt\nclient-key: admin.key"));

        using var client = KubernetesClient.FromKubeconfig(KubeconfigYaml.Options(path));
        await client.GetVersionAsync(Cancellation);

        server.SingleRequest.ClientCertificateSubject.Should().Be("CN=kind-admin, O=system:masters");
        server.SingleRequest.Authorization.Should().BeNull();
    }

    [Fact]
    public async Task A_server_that_requires_a_client_certificate_refuses_a_client_without_one()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"), new FakeApiServerOptions { RequireClientCertificate = true });
        using var client = server.CreateClient(KubernetesCredentials.BearerToken("t"));

        var exception = await ConnectionFailure(() => client.GetVersionAsync(Cancellation));

        exception.Message.Should().StartWith($"GET {server.Url}version: the server closed the connection without answering (").And.EndWith(
            $"Fix: check that {server.Url} accepts a bearer token: a server that requires a client certificate drops connections that present none or an untrusted one.");
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_rejected_naming_the_CA_that_was_trusted()
    {
        var stranger = new TestCertificateAuthority("someone-elses-ca");
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"),
            new FakeApiServerOptions { Certificate = stranger.IssueServer("localhost", "127.0.0.1") });
        var path = directory.Write("config", KubeconfigYaml.Single(clusterFields: $"server: {server.Url}\ncertificate-authority-data: {server.Authority.CertificatePemBase64}"));
        using var client = KubernetesClient.FromKubeconfig(KubeconfigYaml.Options(path));

        var exception = await ConnectionFailure(() => client.GetVersionAsync(Cancellation));

        exception.Failure.Should().Be(KubernetesConnectionFailure.UntrustedCertificate);
        exception.Message.Should().StartWith($"GET {server.Url}version: TLS handshake failed: the server certificate (subject \"CN=localhost\", issuer \"CN=someone-elses-ca\"")
            .And.Contain($"is not trusted by the certificate-authority-data of cluster \"test-cluster\" in {path}: ")
            .And.EndWith($"Fix: use the kubeconfig written for this cluster (context \"kind-test\" in kubeconfig {path}): its certificate authority must be the CA that signed the API server's certificate (for Kind: kind export kubeconfig --name <cluster>).");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_rejected_and_tls_server_name_accepts_it()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"), new FakeApiServerOptions { Certificate = null });
        await using var renamed = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"),
            new FakeApiServerOptions { Certificate = server.Authority.IssueServer("apiserver.internal") });
        var trust = ServerCertificateTrust.FromPem(server.Authority.CertificatePem, "the test CA");
        using var byAddress = new KubernetesClient(new KubernetesClientConfiguration { Server = renamed.Url, ServerTrust = trust });
        using var byServerName = new KubernetesClient(new KubernetesClientConfiguration { Server = renamed.Url, ServerTrust = trust, TlsServerName = "apiserver.internal" });

        var exception = await ConnectionFailure(() => byAddress.GetVersionAsync(Cancellation));
        await byServerName.GetVersionAsync(Cancellation);

        exception.Failure.Should().Be(KubernetesConnectionFailure.UntrustedCertificate);
        exception.Cause.Should().EndWith("is not valid for the name \"127.0.0.1\" (its names: apiserver.internal)");
        exception.Fix.Should().Be("connect through one of the names in the certificate, or set clusters[].cluster.tls-server-name to one of them");
        renamed.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_accepts_any_certificate()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"),
            new FakeApiServerOptions { Certificate = new TestCertificateAuthority("unknown").IssueServer("elsewhere") });
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = server.Url, ServerTrust = ServerCertificateTrust.InsecureSkipVerify() });

        await client.GetVersionAsync(Cancellation);

        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Without_a_CA_the_system_trust_store_decides_and_rejects_a_private_CA()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = server.Url });

        var exception = await ConnectionFailure(() => client.GetVersionAsync(Cancellation));

        exception.Cause.Should().Contain("is not trusted by the system trust store: its chain does not lead to a trusted root");
    }

    [Fact]
    public async Task The_CA_helper_gives_other_HTTPS_clients_the_same_pinning()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{\"status\":\"ready\"}"));
        var caPath = directory.Write("inter-service-ca.pem", server.Authority.CertificatePem);
        var stranger = ServerCertificateTrust.FromPem(new TestCertificateAuthority("other").CertificatePem, "another CA");

        using var pinned = new HttpClient(ServerCertificateTrust.FromPemFile(caPath).CreateHandler());
        using var wronglyPinned = new HttpClient(stranger.CreateHandler());

        (await pinned.GetStringAsync(new Uri(server.Url, "readyz"), Cancellation)).Should().Be("{\"status\":\"ready\"}");
        await ((Func<Task>)(() => wronglyPinned.GetStringAsync(new Uri(server.Url, "readyz"), Cancellation))).Should().ThrowAsync<HttpRequestException>();
        stranger.LastRejection!.Reason.Should().Contain("is not trusted by another CA");
    }

    [Fact]
    public async Task An_https_url_to_a_plain_http_server_says_the_handshake_failed()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"), new FakeApiServerOptions { PlainHttp = true });
        var httpsUrl = new UriBuilder(server.Url) { Scheme = "https" }.Uri;
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = httpsUrl });

        var exception = await ConnectionFailure(() => client.GetVersionAsync(Cancellation));

        exception.Failure.Should().Be(KubernetesConnectionFailure.TlsHandshake);
        exception.Message.Should().StartWith($"GET {httpsUrl}version: TLS handshake failed (")
            .And.Contain($"Fix: check that {httpsUrl} speaks HTTPS on that port (use http:// for a plain-HTTP server)");
    }

    [Fact]
    public async Task An_unreachable_server_is_named_with_the_context_it_came_from()
    {
        var port = FreePort();
        var path = directory.Write("config", KubeconfigYaml.Single(clusterFields: $"server: https://127.0.0.1:{port}"));
        using var client = KubernetesClient.FromKubeconfig(KubeconfigYaml.Options(path));

        var exception = await ConnectionFailure(() => client.Resources<Pod>().ListAsync("ns", cancellationToken: Cancellation));

        exception.Failure.Should().Be(KubernetesConnectionFailure.Unreachable);
        exception.Message.Should().Be(
            $"GET https://127.0.0.1:{port}/api/v1/namespaces/ns/pods: cannot connect to the API server (Connection refused). " +
            $"Fix: check that the cluster is running and that https://127.0.0.1:{port}/ is its API server (context \"kind-test\" in kubeconfig {path}); " +
            "for Kind: kind get clusters; for the emulator: start it first.");
    }

    [Fact]
    public async Task A_server_that_does_not_answer_times_out_with_a_message()
    {
        await using var server = await FakeApiServer.StartAsync(context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        using var client = server.CreateClient(options: new KubernetesClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var exception = await ConnectionFailure(() => client.GetVersionAsync(Cancellation));

        exception.Failure.Should().Be(KubernetesConnectionFailure.Timeout);
        exception.Message.Should().Be($"GET {server.Url}version: no response within 0.3 s. Fix: check that {server.Url} is healthy (kubectl get --raw /readyz), or raise KubernetesClientOptions.RequestTimeout.");
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_failure()
    {
        await using var server = await FakeApiServer.StartAsync(context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        using var client = server.CreateClient();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => client.GetVersionAsync(cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_response_that_is_not_Kubernetes_JSON_is_reported_as_the_wrong_server()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Text(context, "<html>Grafana</html>", contentType: "text/html"));
        using var client = server.CreateClient();

        var exception = await ConnectionFailure(() => client.Resources<Pod>().GetAsync("p", "ns", Cancellation));

        exception.Failure.Should().Be(KubernetesConnectionFailure.InvalidResponse);
        exception.Message.Should().Be(
            $"GET {server.Url}api/v1/namespaces/ns/pods/p: the response is not a JSON Pod (Content-Type text/html: <html>Grafana</html>). " +
            $"Fix: check that {server.Url} is a Kubernetes API server and not another service or proxy (context \"fake\").");
    }

    [Fact]
    public async Task Proxy_url_sends_requests_through_the_proxy()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        await using var proxy = new ConnectProxy();
        var path = directory.Write("config", KubeconfigYaml.Single(
            clusterFields: $"server: {server.Url}\ncertificate-authority-data: {server.Authority.CertificatePemBase64}\nproxy-url: {proxy.Url}"));
        using var client = KubernetesClient.FromKubeconfig(KubeconfigYaml.Options(path));

        await client.GetVersionAsync(Cancellation);

        proxy.Tunnels.Should().Equal($"127.0.0.1:{server.Url.Port}");
        server.Requests.Should().ContainSingle();
    }

    /// <summary>
    /// A server that resets every connection as soon as it accepts it. HttpClient reports the reset in several ways,
    /// depending on when it arrives (wrapped in HttpRequestException, or as an unwrapped SocketException when it comes
    /// between the connect and the request): each must end as one connection error naming the request and a fix.
    /// </summary>
    [Fact]
    public async Task A_server_that_resets_every_connection_is_reported_as_a_connection_failure_each_time()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var resetting = Task.Run(async () =>
        {
            while (!Cancellation.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(Cancellation);
                socket.LingerState = new LingerOption(enable: true, seconds: 0);
            }
        }, Cancellation);
        var path = directory.Write("config", KubeconfigYaml.Single(clusterFields: $"server: http://127.0.0.1:{port}"));
        using var client = KubernetesClient.FromKubeconfig(KubeconfigYaml.Options(path));

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var exception = await ConnectionFailure(() => client.Resources<Pod>().ListAsync("ns", cancellationToken: Cancellation));

            exception.Message.Should().StartWith($"GET http://127.0.0.1:{port}/api/v1/namespaces/ns/pods: ").And.Contain(" Fix: ");
            resetting.IsFaulted.Should().BeFalse();
        }
    }

    private static async Task<KubernetesConnectionException> ConnectionFailure(Func<Task> call) =>
        (await call.Should().ThrowAsync<KubernetesConnectionException>()).Which;

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
