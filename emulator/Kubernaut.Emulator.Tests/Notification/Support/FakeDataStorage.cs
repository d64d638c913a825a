using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Hosting;
using Kubernaut.Emulator.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.Tests.Notification.Support;

/// <summary>One POST to the batch endpoint: who sent it, how many events, and what it was answered.</summary>
internal sealed record BatchRequest(string? BearerToken, int EventCount, int AnsweredStatus);

/// <summary>
/// The DataStorage batch endpoint over HTTPS (a CA-issued certificate), capturing what audit writers send until the
/// emulator's real DataStorage is wired in. Can answer errors and report itself not ready.
/// </summary>
internal sealed class FakeDataStorage : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonObject> _events = new();
    private readonly ConcurrentQueue<BatchRequest> _requests = new();
    private LoopbackServer _server = null!;
    private int _failNext;

    public Uri BaseAddress => _server.BaseAddress;

    public Uri HealthUrl => new(_server.BaseAddress, "readyz");

    /// <summary>When set, every batch is answered with this status (e.g. 503 for "DataStorage down").</summary>
    public HttpStatusCode? AnswerEveryBatchWith { get; set; }

    public bool Ready { get; set; } = true;

    /// <summary>The next <paramref name="count"/> batches are answered 503.</summary>
    public void FailNextBatches(int count) => Interlocked.Exchange(ref _failNext, count);

    public IReadOnlyList<JsonObject> Events() => _events.ToArray();

    public IReadOnlyList<JsonObject> EventsFor(string correlationId) => _events.Where(e => (string?)e["correlation_id"] == correlationId).ToArray();

    public IReadOnlyList<BatchRequest> Requests() => _requests.ToArray();

    public static async Task<FakeDataStorage> StartAsync(CertificateAuthority ca)
    {
        var dataStorage = new FakeDataStorage();
        // Within the CA's validity: a leaf may not outlive its issuer.
        var certificate = ca.IssueServerCertificate("data-storage-service", ["localhost", "127.0.0.1"],
            new DateTimeOffset(ca.Certificate.NotBefore.ToUniversalTime()).AddSeconds(1), new DateTimeOffset(ca.Certificate.NotAfter.ToUniversalTime()).AddSeconds(-1));
        dataStorage._server = await LoopbackServer.StartAsync("fake datastorage", 0, certificate, app =>
        {
            app.MapPost("/api/v1/audit/events/batch", (Func<HttpContext, Task<IResult>>)dataStorage.AcceptBatchAsync);
            app.MapGet("/readyz", () => dataStorage.Ready
                ? Results.Json(new { status = "ready" })
                : Results.Json(new { status = "not_ready", reason = "database_unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        });
        return dataStorage;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<IResult> AcceptBatchAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
        var batch = (await JsonNode.ParseAsync(context.Request.Body))!.AsArray();
        var status = AnswerEveryBatchWith is { } forced ? (int)forced
            : Interlocked.Decrement(ref _failNext) >= 0 ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status201Created;
        _requests.Enqueue(new BatchRequest(token, batch.Count, status));
        if (status != StatusCodes.Status201Created)
        {
            return Results.Problem(title: "unavailable", statusCode: status);
        }
        foreach (var auditEvent in batch)
        {
            _events.Enqueue(auditEvent!.AsObject());
        }
        return Results.Json(new { event_ids = batch.Select(_ => Guid.NewGuid()).ToArray(), message = $"{batch.Count} audit events created" }, statusCode: StatusCodes.Status201Created);
    }
}
