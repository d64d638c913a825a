using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kubernaut.Emulator.Notification.Metrics;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Notification.Audit;

/// <summary>Buffering and retry settings of one audit writer (Kubernaut's pkg/audit Config).</summary>
internal sealed record AuditWriterSettings(int BufferSize, int BatchSize, TimeSpan FlushInterval, int MaxRetries, TimeSpan RetryBackoffUnit);

/// <summary>
/// Kubernaut's BufferedStore: events are accepted without blocking into a bounded buffer (dropped when it is full), sent in
/// batches to POST /api/v1/audit/events/batch when a batch fills or every flush interval, with the ServiceAccount's bearer
/// token over HTTPS that trusts only the emulator CA. A failed batch is retried (n² × unit between attempts) and dropped
/// after the last attempt; a 4xx is not retried. Every drop is logged and counted.
/// </summary>
internal sealed class BufferedAuditWriter : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    private readonly Channel<JsonObject> _buffer;
    private readonly HttpClient _http;
    private readonly Uri _batchEndpoint;
    private readonly ServiceAccountToken _token;
    private readonly AuditWriterSettings _settings;
    private readonly NotificationMetrics _metrics;
    private readonly ControllerLog _log;
    private readonly TimeProvider _time;
    private readonly string _service;
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _loop;

    public BufferedAuditWriter(string service, HttpClient http, Uri dataStorageApi, ServiceAccountToken token, AuditWriterSettings settings, NotificationMetrics metrics, ControllerLog log, TimeProvider time)
    {
        _service = service;
        _http = http;
        _batchEndpoint = new Uri(dataStorageApi, "api/v1/audit/events/batch");
        _token = token;
        _settings = settings;
        _metrics = metrics;
        _log = log;
        _time = time;
        _buffer = Channel.CreateBounded<JsonObject>(new BoundedChannelOptions(settings.BufferSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _log.Info("Audit store initialized", ("service", service), ("buffer_size", settings.BufferSize), ("batch_size", settings.BatchSize),
            ("flush_interval", settings.FlushInterval.ToString()), ("max_retries", settings.MaxRetries), ("endpoint", _batchEndpoint.ToString()));
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Buffers one event without blocking; false (and a counted drop) when the buffer is full or the writer is closed.</summary>
    public bool TryWrite(JsonObject auditEvent)
    {
        if (_buffer.Writer.TryWrite(auditEvent))
        {
            _metrics.AuditEventsBuffered.Inc(_service);
            return true;
        }
        _metrics.AuditEventsDropped.Inc(_service);
        _log.Error("Audit buffer full, event dropped", "audit buffer full", ("event_type", (string?)auditEvent["event_type"]), ("correlation_id", (string?)auditEvent["correlation_id"]));
        return false;
    }

    /// <summary>Stops accepting events, sends what is buffered (retries cut short after a grace period) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(ShutdownGrace, TimeProvider.System)) != _loop)
        {
            await _abort.CancelAsync();
        }
        await _loop;
        _abort.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_settings.FlushInterval, _time);
        var batch = new List<JsonObject>(_settings.BatchSize);
        var tick = timer.WaitForNextTickAsync().AsTask();
        var readable = _buffer.Reader.WaitToReadAsync().AsTask();
        while (true)
        {
            await Task.WhenAny(tick, readable);
            if (readable.IsCompleted)
            {
                var open = await readable;
                while (_buffer.Reader.TryRead(out var auditEvent))
                {
                    batch.Add(auditEvent);
                    if (batch.Count >= _settings.BatchSize)
                    {
                        await SendAsync(batch);
                    }
                }
                if (!open)
                {
                    await SendAsync(batch);
                    return;
                }
                readable = _buffer.Reader.WaitToReadAsync().AsTask();
            }
            if (tick.IsCompleted)
            {
                await SendAsync(batch);
                tick = timer.WaitForNextTickAsync().AsTask();
            }
        }
    }

    /// <summary>Writes and clears <paramref name="batch"/> (no-op when empty).</summary>
    private async Task SendAsync(List<JsonObject> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var events = batch.ToArray();
        batch.Clear();
        var body = new JsonArray(events.Select(e => (JsonNode)e).ToArray()).ToJsonString();
        var lastError = "";
        for (var attempt = 1; attempt <= _settings.MaxRetries; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _batchEndpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Current());
                using var response = await _http.SendAsync(request, _abort.Token);
                if (response.IsSuccessStatusCode)
                {
                    _metrics.AuditEventsWritten.Add(events.Length, _service);
                    _log.Info("Wrote audit batch", ("batch_size", events.Length), ("attempt", attempt));
                    return;
                }
                var detail = await response.Content.ReadAsStringAsync(_abort.Token);
                lastError = $"DataStorage answered {(int)response.StatusCode} {response.StatusCode}: {Shorten(detail)}";
                if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                {
                    Drop(events, lastError + Hint(response.StatusCode), attempt);
                    return;
                }
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                Drop(events, "shutdown while the batch was being written", attempt);
                return;
            }
            catch (HttpRequestException ex)
            {
                lastError = $"POST {_batchEndpoint} failed: {ex.Message}";
            }
            catch (TaskCanceledException)
            {
                lastError = $"POST {_batchEndpoint} timed out after {_http.Timeout.TotalSeconds:0.#}s";
            }
            _log.Error("Failed to write audit batch", lastError, ("attempt", attempt), ("batch_size", events.Length));
            if (attempt < _settings.MaxRetries)
            {
                try
                {
                    await Task.Delay(_settings.RetryBackoffUnit * (attempt * attempt), _time, _abort.Token);
                }
                catch (OperationCanceledException)
                {
                    Drop(events, "shutdown during retry backoff: " + lastError, attempt);
                    return;
                }
            }
        }
        Drop(events, lastError + $". Fix DataStorage connectivity: is {_batchEndpoint.GetLeftPart(UriPartial.Authority)} up and ready?", _settings.MaxRetries);
    }

    private void Drop(JsonObject[] events, string reason, int attempts)
    {
        _metrics.AuditBatchesFailed.Inc(_service);
        _metrics.AuditEventsDropped.Add(events.Length, _service);
        _log.Error("AUDIT DATA LOSS: dropping audit batch", reason, ("batch_size", events.Length), ("attempts", attempts),
            ("event_types", events.Select(e => (string?)e["event_type"] ?? "").Distinct().ToArray()));
    }

    private string Hint(HttpStatusCode code) => code switch
    {
        HttpStatusCode.Unauthorized => $". The ServiceAccount token of {_token.Subject} was not accepted",
        HttpStatusCode.Forbidden => $". Bind ServiceAccount {_token.Subject} to ClusterRole {NotificationNames.DataStorageClientRole} in DataStorage's namespace",
        _ => " (not retried: the batch is invalid)",
    };

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text.Trim();
}

/// <summary>A ServiceAccount token from TokenRequest (1 h), renewed after 50 minutes; never logged.</summary>
internal sealed class ServiceAccountToken(ITokenIssuer issuer, string @namespace, string serviceAccount, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RenewAfter = TimeSpan.FromMinutes(50);

    private readonly object _gate = new();
    private string? _token;
    private DateTimeOffset _issuedAt;

    public string Subject => $"{@namespace}/{serviceAccount}";

    public string Current()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_token is null || now - _issuedAt >= RenewAfter)
            {
                _token = issuer.IssueToken(@namespace, serviceAccount, Lifetime);
                _issuedAt = now;
            }
            return _token;
        }
    }
}
