using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubernaut.Acceptance.Support;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Kubernaut.Acceptance.Drivers.DataStorage;

/// <summary>
/// The DataStorage audit API over HTTPS with a ServiceAccount bearer token. Queries always filter by correlation id,
/// page through <c>has_more</c> (seed 002: 50 of 212 events), and retry transient failures (connection reset, 5xx) with
/// exponential backoff and jitter within an overall deadline (seeds 000 and 004); refusals (401/403) fail at once with
/// their fix.
/// </summary>
public sealed class AuditApiClient(HttpClient http, Uri baseAddress, string bearerToken, TimeSpan deadline)
{
    private const int PageSize = 200;

    /// <summary>Every event matching the query, all pages.</summary>
    public async Task<IReadOnlyList<AuditEvent>> QueryAllAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await WithTransientRetries(token => SendAsync(query, offset, bearerToken, token), cancellationToken).ConfigureAwait(false);
            if (page.StatusCode != 200)
            {
                throw new AuditApiException(RefusalMessage(query, page));
            }
            events.AddRange(page.Events);
            if (!page.HasMore)
            {
                return events;
            }
        }
    }

    /// <summary>One query with another caller's token, answering refusals instead of throwing (no retries).</summary>
    public async Task<AuditQueryAnswer> QueryAsAsync(AuditQuery query, string? token, CancellationToken cancellationToken)
    {
        var page = await ExplainingUnreachable(() => SendAsync(query, 0, token, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new AuditQueryAnswer(page.StatusCode, page.ProblemTitle, page.ProblemDetail, page.Events);
    }

    /// <summary>Writes events through the batch endpoint every Kubernaut service uses; returns the stored event ids.</summary>
    public Task<IReadOnlyList<string>> WriteBatchAsync(IReadOnlyList<JsonObject> events, CancellationToken cancellationToken) =>
        ExplainingUnreachable(() => SendBatchAsync(events, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<JsonObject> events, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "api/v1/audit/events/batch"))
        {
            Content = new StringContent(new JsonArray(events.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var problem = TryParse(body);
            throw new AuditApiException($"DataStorage refused a batch of {events.Count} audit events: {(int)response.StatusCode} {(string?)problem?["title"]} {(string?)problem?["detail"] ?? Truncate(body)}");
        }
        return (TryParse(body)?["event_ids"] as JsonArray)?.Select(id => id!.ToString()).ToList() ?? [];
    }

    private async Task<Page> WithTransientRetries(Func<CancellationToken, Task<Page>> send, CancellationToken cancellationToken)
    {
        Exception? lastError = null;
        var pipeline = new ResiliencePipelineBuilder<Page>()
            .AddTimeout(deadline)
            .AddRetry(new RetryStrategyOptions<Page>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(3),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: { } error } when !cancellationToken.IsCancellationRequested => TransientFailures.IsTransient(error),
                    { Result: { StatusCode: >= 500 } } => true,
                    _ => false,
                }),
                OnRetry = args =>
                {
                    lastError = args.Outcome.Exception ?? new HttpRequestException($"HTTP {args.Outcome.Result!.StatusCode}: {args.Outcome.Result.ProblemDetail}");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async token => await send(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new AuditApiException($"DataStorage at {baseAddress} kept failing for {deadline.TotalSeconds:0} s; last error: {lastError?.Message ?? "none"}. {UnreachableFix}", lastError);
        }
    }

    private const string UnreachableFix = "Fix: check that DataStorage is Ready and its /readyz answers 200, and that the suite uses the port the cluster maps (kind-config).";

    /// <summary>For the calls that are not retried: a network failure becomes one message with its cause and fix, the failure kept as the inner exception.</summary>
    private async Task<T> ExplainingUnreachable<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception error) when (TransientFailures.IsTransient(error) && !cancellationToken.IsCancellationRequested)
        {
            throw new AuditApiException($"DataStorage at {baseAddress} cannot be reached: {error.GetBaseException().Message} {UnreachableFix}", error);
        }
    }

    private async Task<Page> SendAsync(AuditQuery query, int offset, string? token, CancellationToken cancellationToken)
    {
        var parameters = new List<string>
        {
            $"correlation_id={Uri.EscapeDataString(query.CorrelationId)}",
            $"limit={PageSize}",
            $"offset={offset.ToString(CultureInfo.InvariantCulture)}",
        };
        if (query.Category is not null)
        {
            parameters.Add($"event_category={Uri.EscapeDataString(query.Category)}");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "api/v1/audit/events?" + string.Join('&', parameters)));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var json = TryParse(body);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Page((int)response.StatusCode, (string?)json?["title"], (string?)json?["detail"] ?? Truncate(body), [], false);
        }
        var data = json?["data"] as JsonArray ?? throw new AuditApiException($"GET {request.RequestUri}: 200 without a data array. Fix: point the suite at a Kubernaut DataStorage audit API.");
        return new Page(200, null, null, data.Select(e => ToAuditEvent((JsonObject)e!)).ToList(), (bool?)json!["pagination"]?["has_more"] ?? false);
    }

    private string RefusalMessage(AuditQuery query, Page page) => page.StatusCode switch
    {
        401 => $"DataStorage refused the suite's token (401 {page.ProblemDetail}). Fix: the suite's ServiceAccount token expired or belongs to another cluster; rerun to request a fresh one.",
        403 => $"DataStorage forbade the suite's ServiceAccount (403 {page.ProblemDetail}). Fix: bind it with a RoleBinding in DataStorage's namespace to the ClusterRole data-storage-client.",
        _ => $"DataStorage answered {page.StatusCode} to the audit query for correlation id {query.CorrelationId}: {page.ProblemTitle} {page.ProblemDetail}",
    };

    private static AuditEvent ToAuditEvent(JsonObject e)
    {
        var data = e["event_data"] as JsonObject;
        var metadata = (data?["metadata"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "") ?? [];
        return new AuditEvent(
            EventId: (string?)e["event_id"] ?? "",
            Timestamp: DateTimeOffset.Parse((string?)e["event_timestamp"] ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture),
            EventType: (string?)e["event_type"] ?? "",
            Category: (string?)e["event_category"] ?? "",
            Action: (string?)e["event_action"] ?? "",
            Outcome: (string?)e["event_outcome"] ?? "",
            CorrelationId: (string?)e["correlation_id"] ?? "",
            ActorType: (string?)e["actor_type"],
            ActorId: (string?)e["actor_id"],
            ResourceType: (string?)e["resource_type"],
            ResourceId: (string?)e["resource_id"],
            Namespace: (string?)e["namespace"],
            Channel: data?["channel"]?.ToString(),
            NotificationId: data?["notification_id"]?.ToString(),
            Error: data?["error"]?.ToString(),
            Metadata: metadata);
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private sealed record Page(int StatusCode, string? ProblemTitle, string? ProblemDetail, IReadOnlyList<AuditEvent> Events, bool HasMore);
}

/// <summary>The audit API could not be queried; the message names the cause and the fix.</summary>
public sealed class AuditApiException(string message, Exception? inner = null) : Exception(message, inner);
