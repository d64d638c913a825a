using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kubernaut.Kubernetes.Client.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Kubernetes.Client.Tests.Support;

/// <summary>One request as the fake server received it.</summary>
internal sealed record RecordedRequest(
    string Method, string PathAndQuery, string? ContentType, string? Authorization, string Body, string? ClientCertificateSubject)
{
    public string Path => PathAndQuery.Split('?')[0];

    public string? Query(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(PathAndQuery.Contains('?') ? PathAndQuery[PathAndQuery.IndexOf('?')..] : "")
            .TryGetValue(name, out var value) ? value.ToString() : null;
}

internal sealed record FakeApiServerOptions
{
    /// <summary>The certificate to present; by default one issued by the server's CA for localhost and 127.0.0.1.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Require a client certificate issued by the server's CA.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>Serve plain HTTP instead of HTTPS.</summary>
    public bool PlainHttp { get; init; }
}

/// <summary>
/// An HTTPS server on 127.0.0.1 that answers with a test's handler and records what it received, standing in for a
/// Kubernetes API server.
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeApiServer(WebApplication app, TestCertificateAuthority authority, Uri url)
    {
        this.app = app;
        Authority = authority;
        Url = url;
    }

    public TestCertificateAuthority Authority { get; }

    public Uri Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public RecordedRequest SingleRequest => Requests.Should().ContainSingle().Subject;

    public static async Task<FakeApiServer> StartAsync(RequestDelegate handler, FakeApiServerOptions? options = null)
    {
        options ??= new FakeApiServerOptions();
        var authority = new TestCertificateAuthority();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (options.PlainHttp)
            {
                return;
            }

            listen.UseHttps(https =>
            {
                https.ServerCertificate = options.Certificate ?? authority.IssueServer("localhost", "127.0.0.1");
                if (options.RequireClientCertificate)
                {
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => authority.Issued(certificate);
                }
            });
        }));
        var app = builder.Build();
        FakeApiServer? server = null;
        app.Run(async context =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            server!.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.ContentType,
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : null,
                body,
                context.Connection.ClientCertificate?.Subject));
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new FakeApiServer(app, authority, new Uri(address));
        return server;
    }

    /// <summary>A configuration that trusts this server's CA, like a kubeconfig with certificate-authority-data.</summary>
    public KubernetesClientConfiguration Configuration(KubernetesCredentials? credentials = null, X509Certificate2? clientCertificate = null) => new()
    {
        Server = Url,
        ServerTrust = ServerCertificateTrust.FromPem(Authority.CertificatePem, "the test CA"),
        Credentials = credentials ?? KubernetesCredentials.None,
        ClientCertificate = clientCertificate,
        ContextName = "fake",
        UserName = "tester",
    };

    public KubernetesClient CreateClient(KubernetesCredentials? credentials = null, KubernetesClientOptions? options = null) =>
        new(Configuration(credentials), options);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Response helpers for fake-server handlers.</summary>
internal static class Respond
{
    public static Task Json(HttpContext context, object body, int statusCode = 200)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body as string ?? KubernetesJson.Serialize(body));
    }

    /// <summary>A metav1.Status error the way kube-apiserver writes it.</summary>
    public static Task Status(HttpContext context, int code, string reason, string message, object? details = null) =>
        Json(context, new { kind = "Status", apiVersion = "v1", metadata = new { }, status = "Failure", message, reason, details, code }, code);

    /// <summary>One line of a streamed response (watch event, log line), flushed so the client sees it now.</summary>
    public static async Task Line(HttpContext context, object line)
    {
        context.Response.ContentType ??= "application/json";
        await context.Response.WriteAsync((line as string ?? KubernetesJson.Serialize(line)) + "\n");
        await context.Response.Body.FlushAsync();
    }

    public static Task Text(HttpContext context, string text, int statusCode = 200, string contentType = "text/plain")
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(text);
    }
}
