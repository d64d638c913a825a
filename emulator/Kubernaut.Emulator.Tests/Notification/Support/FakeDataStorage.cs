using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Hosting;
using Kubernaut.Emulator.Kubernetes.Workloads;
using Kubernaut.Emulator.Security;
using Kubernaut.Emulator.Tests.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Kubernaut.Emulator.Tests.Notification.Support;

/// <summary>One POST to the batch endpoint: who sent it, how many events, and what it was answered.</summary>
internal sealed record BatchRequest(string? BearerToken, int EventCount, int AnsweredStatus);

/// <summary>
/// The DataStorage batch endpoint over HTTPS (a CA-issued certificate), capturing what audit writers send. Can answer
/// errors and report itself not ready. Every exchange it serves is recorded; disposing checks them against the
/// DataStorage OpenAPI spec and fails the test listing each violation (when the spec is absent, only that check is
/// skipped, and the test output says so).
/// </summary>
internal sealed class FakeDataStorage : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonObject> _events = new();
    private readonly ConcurrentQueue<BatchRequest> _requests = new();
    private readonly ConcurrentQueue<HttpExchange> _exchanges = new();
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

    /// <summary>Every request served so far and its answer, as the contract check sees them.</summary>
    public IReadOnlyList<HttpExchange> Exchanges => _exchanges.ToArray();

    public static async Task<FakeDataStorage> StartAsync(CertificateAuthority ca)
    {
        var dataStorage = new FakeDataStorage();
        var certificate = ca.IssueServerCertificate(KubernautFootprint.DataStorageService);
        dataStorage._server = await LoopbackServer.StartAsync("fake datastorage", 0, certificate, app =>
        {
            app.Use(dataStorage.RecordAsync);
            app.MapPost("/api/v1/audit/events/batch", (Func<HttpContext, Task<IResult>>)dataStorage.AcceptBatchAsync);
            app.MapGet("/readyz", () => dataStorage.Ready
                ? Results.Json(new { status = "ready" })
                : Results.Json(new { status = "not_ready", reason = "database_unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        });
        return dataStorage;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        DataStorageContract.AssertConforms(Exchanges, "the fake DataStorage (what the audit writers sent)");
    }

    /// <summary>Keeps the request and the answer (both bodies buffered); recorded before the client gets the answer.</summary>
    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        using var requestBody = new MemoryStream();
        await request.Body.CopyToAsync(requestBody, context.RequestAborted);
        requestBody.Position = 0;
        request.Body = requestBody;
        var client = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = client;
        }
        _exchanges.Enqueue(new HttpExchange(
            request.Method,
            new Uri(request.GetEncodedUrl()),
            request.ContentType,
            requestBody.Length == 0 ? null : requestBody.ToArray(),
            context.Response.StatusCode,
            context.Response.ContentType,
            answer.ToArray()));
        answer.Position = 0;
        await answer.CopyToAsync(client, context.RequestAborted);
    }

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
