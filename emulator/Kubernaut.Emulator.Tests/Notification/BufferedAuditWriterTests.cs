using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Notification.Audit;
using Kubernaut.Emulator.Notification.Delivery;
using Kubernaut.Emulator.Notification.Metrics;
using Kubernaut.Emulator.Security;
using Kubernaut.Emulator.Tests.DataStorage;
using Kubernaut.Emulator.Tests.Notification.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubernaut.Emulator.Tests.Notification;

/// <summary>Batching, retry and drop of the buffered audit writer against a DataStorage batch endpoint.</summary>
public sealed class BufferedAuditWriterTests : IAsyncLifetime
{
    private const string Service = "notification-controller";

    private readonly CertificateAuthority _ca = CertificateAuthority.Create();
    private readonly PodLogBook _logs = new();
    private readonly NotificationMetrics _metrics = new();
    private readonly FakeTokenIssuer _tokens = new();
    private FakeDataStorage _dataStorage = null!;
    private CaTrustingHttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _dataStorage = await FakeDataStorage.StartAsync(_ca);
        _http = new CaTrustingHttpClient(_ca.Certificate, TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        await _dataStorage.DisposeAsync();
        _http.Dispose();
        _ca.Dispose();
    }

    [Fact]
    public async Task A_full_batch_is_sent_at_once_and_the_rest_at_the_next_flush()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var writer = Writer(batchSize: 5, flushInterval: TimeSpan.FromSeconds(1), time: clock);

        WriteEvents(writer, 12);

        await Eventually.Until(_dataStorage.Requests, requests => requests.Count == 2, "the two full batches", describe: Describe);
        await Eventually.Stays(_dataStorage.Requests, requests => requests.Count == 2, "the partial batch to wait for the flush interval", TimeSpan.FromMilliseconds(200), Describe);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(_dataStorage.Requests, requests => requests.Count == 3, "the partial batch at the flush", describe: Describe);
        _dataStorage.Requests().Select(r => r.EventCount).Should().Equal(5, 5, 2);
        _dataStorage.Events().Select(e => (string?)e["correlation_id"]).Should().Equal(Enumerable.Range(0, 12).Select(i => $"corr-{i}"));
        // The writer counts a batch once DataStorage's answer reached it, which can be after the fake recorded the request.
        await Eventually.Until(() => _metrics.AuditEventsWritten.Value(Service), written => written == 12, "12 written events in the metrics");
    }

    [Fact]
    public async Task Batches_carry_the_service_accounts_bearer_token()
    {
        await using var writer = Writer();

        WriteEvents(writer, 1);

        await Eventually.Until(_dataStorage.Requests, requests => requests.Count == 1, "one batch", describe: Describe);
        _dataStorage.Requests()[0].BearerToken.Should().NotBeNull().And.Be(_tokens.TokenOf("notification-e2e", Service));
    }

    [Fact]
    public async Task A_failed_batch_is_retried_and_delivered_once()
    {
        _dataStorage.FailNextBatches(2);
        await using var writer = Writer(batchSize: 3, flushInterval: TimeSpan.FromHours(1));

        WriteEvents(writer, 3);

        await Eventually.Until(_dataStorage.Events, events => events.Count == 3, "the batch after two 503s");
        _dataStorage.Requests().Select(r => r.AnsweredStatus).Should().Equal(503, 503, 201);
        Log().Count(l => l.Contains("\"Failed to write audit batch\"", StringComparison.Ordinal)).Should().Be(2);
        _metrics.AuditEventsDropped.Value(Service).Should().Be(0);
    }

    [Fact]
    public async Task When_DataStorage_stays_down_the_batch_is_dropped_after_its_attempts_and_counted()
    {
        _dataStorage.AnswerEveryBatchWith = HttpStatusCode.ServiceUnavailable;
        await using var writer = Writer(batchSize: 4, flushInterval: TimeSpan.FromHours(1));

        WriteEvents(writer, 4);

        await Eventually.Until(() => _metrics.AuditEventsDropped.Value(Service), dropped => dropped == 4, "4 dropped events");
        _dataStorage.Requests().Should().HaveCount(3, "MaxRetries is the number of attempts per batch");
        _metrics.AuditBatchesFailed.Value(Service).Should().Be(1);
        Log().Should().Contain(l => l.Contains("AUDIT DATA LOSS", StringComparison.Ordinal) && l.Contains("503", StringComparison.Ordinal) && l.Contains("Fix DataStorage connectivity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_DataStorage_is_unreachable_the_batch_is_dropped_naming_the_endpoint()
    {
        var unreachable = new Uri("https://127.0.0.1:1/");
        await using var writer = Writer(batchSize: 2, flushInterval: TimeSpan.FromHours(1), dataStorage: unreachable);

        WriteEvents(writer, 2);

        await Eventually.Until(() => _metrics.AuditEventsDropped.Value(Service), dropped => dropped == 2, "2 dropped events");
        Log().Should().Contain(l => l.Contains("AUDIT DATA LOSS", StringComparison.Ordinal) && l.Contains("https://127.0.0.1:1/api/v1/audit/events/batch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rejected_batch_is_not_retried_and_the_log_says_how_to_fix_access()
    {
        _dataStorage.AnswerEveryBatchWith = HttpStatusCode.Forbidden;
        await using var writer = Writer(batchSize: 1);

        WriteEvents(writer, 1);

        await Eventually.Until(() => _metrics.AuditEventsDropped.Value(Service), dropped => dropped == 1, "the rejected event to be dropped");
        _dataStorage.Requests().Should().ContainSingle();
        Log().Should().Contain(l => l.Contains("Bind ServiceAccount notification-e2e/notification-controller to ClusterRole data-storage-client", StringComparison.Ordinal));
        Log().Should().NotContain(l => l.Contains(_tokens.TokenOf("notification-e2e", Service)!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_buffer_refuses_events_and_counts_them_dropped()
    {
        _dataStorage.AnswerEveryBatchWith = HttpStatusCode.ServiceUnavailable;
        await using var writer = Writer(bufferSize: 2, batchSize: 1, retryBackoffUnit: TimeSpan.FromSeconds(1));
        WriteEvents(writer, 1);
        await Eventually.Until(_dataStorage.Requests, requests => requests.Count == 1, "the writer to be busy retrying its first batch", describe: Describe);

        var accepted = Enumerable.Range(1, 5).Select(i => writer.TryWrite(Event(i))).ToList();

        accepted.Should().Equal(true, true, false, false, false);
        _metrics.AuditEventsDropped.Value(Service).Should().Be(3);
        Log().Should().Contain(l => l.Contains("Audit buffer full, event dropped", StringComparison.Ordinal));
        _dataStorage.AnswerEveryBatchWith = null;
    }

    [Fact]
    public async Task Disposing_sends_what_is_still_buffered()
    {
        var writer = Writer(flushInterval: TimeSpan.FromHours(1));
        WriteEvents(writer, 3);

        await writer.DisposeAsync();

        _dataStorage.Events().Should().HaveCount(3);
    }

    private BufferedAuditWriter Writer(int bufferSize = 100, int batchSize = 100, TimeSpan? flushInterval = null, Uri? dataStorage = null, TimeSpan? retryBackoffUnit = null, TimeProvider? time = null) =>
        new(Service, _http.Client, dataStorage ?? _dataStorage.BaseAddress, new ServiceAccountToken(_tokens, "notification-e2e", Service, time ?? TimeProvider.System),
            new AuditWriterSettings(bufferSize, batchSize, flushInterval ?? TimeSpan.FromMilliseconds(50), 3, retryBackoffUnit ?? TimeSpan.FromMilliseconds(10)),
            _metrics, new ControllerLog(_logs, "notification-e2e", NotificationNames.Controller, NullLogger.Instance, TimeProvider.System), time ?? TimeProvider.System);

    private static void WriteEvents(BufferedAuditWriter writer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            writer.TryWrite(Event(i)).Should().BeTrue();
        }
    }

    /// <summary>A complete AuditEventRequest: the fake DataStorage checks every batch against the spec.</summary>
    private static JsonObject Event(int index) => AuditEvents.Sent($"corr-{index}", $"nr-{index}");

    private IReadOnlyList<string> Log() => _logs.Read("notification-e2e", NotificationNames.Controller).Select(l => l.Text).ToList();

    private static string Describe(IReadOnlyList<BatchRequest> requests) => string.Join(", ", requests);
}
