using System.Diagnostics;
using FluentAssertions;
using Kubernaut.Acceptance.Drivers;
using Kubernaut.Acceptance.Drivers.DataStorage;
using Kubernaut.Acceptance.Support;
using Kubernaut.Emulator.Faults;

namespace Kubernaut.Acceptance.SelfTests;

/// <summary>Each seed's failure mode, injected into the emulator: the suite either rides it out or fails saying exactly what and why.</summary>
public sealed class SeedFailureModeTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_waits_for_DataStorage_readyz_even_when_its_pod_is_Ready()
    {
        await using var harness = await SeedHarness.StartAsync();
        harness.Emulator.Faults.FailDataStorageReadiness(TimeSpan.FromSeconds(2));
        var stopwatch = Stopwatch.StartNew();

        await using var target = await harness.ConnectAsync();

        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9), "the pod was Ready all along but /readyz answered 503 for 2 s (seed 002)");
    }

    [Fact]
    public async Task A_readiness_that_never_comes_fails_with_the_last_answer_seen()
    {
        await using var harness = await SeedHarness.StartAsync(new AcceptanceSettings { ReadinessTimeout = TimeSpan.FromSeconds(2) });
        harness.Emulator.Faults.FailDataStorageReadiness(TimeSpan.FromMinutes(5));

        var connect = async () => await harness.ConnectAsync();

        (await connect.Should().ThrowAsync<WaitTimeoutException>()).Which.Message.Should()
            .Contain("waiting for DataStorage readiness").And.Contain("HTTP 503").And.Contain("not_ready");
    }

    [Fact]
    public async Task A_pod_stuck_in_ImagePullBackOff_stops_the_wait_early_with_its_reason_and_events()
    {
        await using var harness = await SeedHarness.StartAsync(new AcceptanceSettings { ReadinessTimeout = TimeSpan.FromSeconds(60) });
        harness.Emulator.Faults.StickDeployment(harness.Settings.KubernautNamespace, "datastorage", PodFailure.ImagePullBackOff);
        var stopwatch = Stopwatch.StartNew();

        var connect = async () => await harness.ConnectAsync();

        var failure = (await connect.Should().ThrowAsync<WaitTimeoutException>()).Which;
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "a terminal waiting reason does not heal by waiting (seed 001: a 300 s timeout)");
        failure.Message.Should().Contain("Stopped early").And.Contain("ImagePullBackOff").And.Contain("localhost/kubernaut/datastorage");
    }

    [Fact]
    public async Task Audit_queries_ride_out_connection_resets_and_server_errors()
    {
        await using var harness = await SeedHarness.StartAsync();
        await using var target = await harness.ConnectAsync();
        harness.Emulator.Faults.ResetDataStorageConnections(3);
        harness.Emulator.Faults.FailAuditQueries(2);

        var events = await target.AuditApi.QueryAllAsync(new AuditQuery("no-such-remediation", "notification"), Cancellation);

        events.Should().BeEmpty("the query succeeded once the resets (seed 000) and the 500s (seed 004) were over");
    }

    [Fact]
    public async Task An_unreachable_DataStorage_fails_the_query_within_the_deadline_naming_the_fix()
    {
        await using var harness = await SeedHarness.StartAsync(new AcceptanceSettings { AuditTimeout = TimeSpan.FromSeconds(2) });
        await using var target = await harness.ConnectAsync();
        harness.Emulator.Faults.MakeDataStorageUnreachable(TimeSpan.FromMinutes(5));

        var query = () => target.AuditApi.QueryAllAsync(new AuditQuery("any", "notification"), Cancellation);

        (await query.Should().ThrowAsync<AuditApiException>()).Which.Message.Should()
            .Contain("kept failing for 2 s").And.Contain("last error").And.Contain("Fix:");
    }

    [Fact]
    public async Task An_unreachable_DataStorage_fails_an_unretried_query_or_write_at_once_naming_the_fix()
    {
        await using var harness = await SeedHarness.StartAsync();
        await using var target = await harness.ConnectAsync();
        harness.Emulator.Faults.MakeDataStorageUnreachable(TimeSpan.FromMinutes(5));

        var query = () => target.AuditApi.QueryAsAsync(new AuditQuery("any", "notification"), "another-token", Cancellation);
        var write = () => target.AuditApi.WriteBatchAsync([], Cancellation);

        foreach (var failure in new[] { (await query.Should().ThrowAsync<AuditApiException>()).Which, (await write.Should().ThrowAsync<AuditApiException>()).Which })
        {
            failure.Message.Should().StartWith("DataStorage at ").And.Contain("cannot be reached: ").And.Contain("Fix: check that DataStorage is Ready");
            failure.InnerException.Should().NotBeNull("the network failure is kept as evidence");
        }
    }

    [Fact]
    public async Task Duplicated_audit_events_fail_the_exact_count_and_list_every_event()
    {
        await using var harness = await SeedHarness.StartAsync();
        await using var target = await harness.ConnectAsync();
        harness.Emulator.Faults.DuplicateAuditEvents(3);
        var (notifications, auditTrail, remediation) = harness.Drivers(target);
        notifications.Describe(new NotificationDraft("Simple", "Low", "duplicates"));
        await notifications.SubmitAsync(Cancellation);
        await notifications.WaitForPhaseAsync("Sent", Cancellation);

        var exactly = () => auditTrail.WaitForExactlyAsync(remediation.CorrelationId,
            [new AuditExpectation("notification.message.sent", 1, "console"), new AuditExpectation("notification.message.acknowledged", 1)], Cancellation);

        var failure = (await exactly.Should().ThrowAsync<WaitTimeoutException>()).Which;
        failure.Message.Should().Contain("Stopped early", "more events than expected never heal (seed 002: expected 9, got 27)")
            .And.Contain("expected 1 × notification.message.sent on console, found 3")
            .And.Contain("events found (6)");
    }

    [Fact]
    public async Task A_notification_that_settles_in_another_phase_stops_the_wait_with_its_status()
    {
        await using var harness = await SeedHarness.StartAsync();
        await using var target = await harness.ConnectAsync();
        var (notifications, _, _) = harness.Drivers(target);
        notifications.Describe(new NotificationDraft("Simple", "High", "wrong-phase") { ChannelSet = "slack-failure", MaxAttempts = 1 });
        await notifications.SubmitAsync(Cancellation);

        var wait = () => notifications.WaitForPhaseAsync("Sent", Cancellation);

        (await wait.Should().ThrowAsync<WaitTimeoutException>()).Which.Message.Should()
            .Contain("it settled in terminal phase Failed").And.Contain("MaxRetriesExhausted").And.Contain("slack:slack-failure");
    }
}
