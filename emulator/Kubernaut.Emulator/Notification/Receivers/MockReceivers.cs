using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kubernaut.Emulator.Hosting;
using Kubernaut.Emulator.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.Notification.Receivers;

/// <summary>One request a mock receiver got: which listener, the path, and the body as sent.</summary>
public sealed record ReceivedRequest(string Receiver, string Method, string Path, string ContentType, string Body, DateTimeOffset ReceivedAt);

/// <summary>The base addresses of the TLS receivers, one per certificate case of Kubernaut's Slack TLS tests (BR-NOT-058).</summary>
public sealed record TlsReceiverAddresses(Uri ValidCertificate, Uri SelfSignedCertificate, Uri ExpiredCertificate, Uri WrongHostCertificate);

/// <summary>
/// Kubernaut's E2E mock-webhook (nginx) as loopback listeners: /webhook 200, /webhook/fail 503, /pagerduty 202
/// {"status":"success","dedup_key":"mock"}, /pagerduty/fail 503, /teams 200, /teams/fail 503, on plain HTTP and on four
/// HTTPS listeners (valid, self-signed, expired and wrong-host certificates). Every POST is recorded, also as
/// GET /received on each listener, so tests and the suite can see what the controller sent.
/// </summary>
public sealed class MockReceivers : IAsyncDisposable
{
    public const string HttpReceiver = "http";
    public const string ValidTlsReceiver = "tls-valid";
    public const string SelfSignedTlsReceiver = "tls-self-signed";
    public const string ExpiredTlsReceiver = "tls-expired";
    public const string WrongHostTlsReceiver = "tls-wrong-host";

    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly List<LoopbackServer> _servers = [];
    private readonly List<X509Certificate2> _certificates = [];
    private readonly TimeProvider _time;

    private MockReceivers(TimeProvider time) => _time = time;

    /// <summary>Plain HTTP listener, e.g. http://127.0.0.1:41234/ (append webhook, pagerduty/fail, ...).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public TlsReceiverAddresses Tls { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Received() => _received.ToArray();

    public IReadOnlyList<ReceivedRequest> Received(string receiver, string path) =>
        _received.Where(r => r.Receiver == receiver && r.Path == path).ToArray();

    public static async Task<MockReceivers> StartAsync(CertificateAuthority ca, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        var receivers = new MockReceivers(time);
        try
        {
            // Leaves are issued within the CA's own validity (a leaf may not outlive or predate its issuer); the expired
            // one lives in the CA's first minute, which starts 5 minutes back.
            var caValidFrom = new DateTimeOffset(ca.Certificate.NotBefore.ToUniversalTime()).AddSeconds(1);
            var caValidTo = new DateTimeOffset(ca.Certificate.NotAfter.ToUniversalTime()).AddSeconds(-1);
            receivers.BaseAddress = await receivers.ListenAsync(HttpReceiver, null, loggerFactory, cancellationToken);
            receivers.Tls = new TlsReceiverAddresses(
                await receivers.ListenAsync(ValidTlsReceiver, ca.IssueServerCertificate("mock-receiver", CertificateAuthority.LoopbackNames, caValidFrom, caValidTo), loggerFactory, cancellationToken),
                await receivers.ListenAsync(SelfSignedTlsReceiver, CertificateAuthority.CreateSelfSignedServerCertificate("mock-receiver-self-signed", CertificateAuthority.LoopbackNames), loggerFactory, cancellationToken),
                await receivers.ListenAsync(ExpiredTlsReceiver, ca.IssueServerCertificate("mock-receiver-expired", CertificateAuthority.LoopbackNames, caValidFrom, caValidFrom.AddMinutes(1)), loggerFactory, cancellationToken),
                await receivers.ListenAsync(WrongHostTlsReceiver, ca.IssueServerCertificate("mock-receiver-wrong-host", ["wrong-host.invalid"], caValidFrom, caValidTo), loggerFactory, cancellationToken));
            return receivers;
        }
        catch
        {
            await receivers.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        foreach (var certificate in _certificates)
        {
            certificate.Dispose();
        }
    }

    private async Task<Uri> ListenAsync(string name, X509Certificate2? certificate, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (certificate is not null)
        {
            _certificates.Add(certificate);
        }
        var server = await LoopbackServer.StartAsync($"mock receiver {name}", 0, certificate, app => Map(app, name), loggerFactory, cancellationToken: cancellationToken);
        _servers.Add(server);
        return server.BaseAddress;
    }

    private void Map(WebApplication app, string receiver)
    {
        app.MapPost("/webhook", context => Answer(context, receiver, StatusCodes.Status200OK, "text/plain", "ok"));
        app.MapPost("/webhook/fail", context => Answer(context, receiver, StatusCodes.Status503ServiceUnavailable, "text/plain", "Service Unavailable"));
        app.MapPost("/pagerduty", context => Answer(context, receiver, StatusCodes.Status202Accepted, "application/json", """{"status":"success","dedup_key":"mock"}"""));
        app.MapPost("/pagerduty/fail", context => Answer(context, receiver, StatusCodes.Status503ServiceUnavailable, "text/plain", "Service Unavailable"));
        app.MapPost("/teams", context => Answer(context, receiver, StatusCodes.Status200OK, "text/plain", "1"));
        app.MapPost("/teams/fail", context => Answer(context, receiver, StatusCodes.Status503ServiceUnavailable, "text/plain", "Service Unavailable"));
        app.MapGet("/received", context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(_received.Where(r => r.Receiver == receiver), JsonOptions));
        });
    }

    private async Task Answer(HttpContext context, string receiver, int status, string contentType, string body)
    {
        using var reader = new StreamReader(context.Request.Body);
        var received = await reader.ReadToEndAsync(context.RequestAborted);
        _received.Enqueue(new ReceivedRequest(receiver, context.Request.Method, context.Request.Path.Value ?? "", context.Request.ContentType ?? "", received, _time.GetUtcNow()));
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
