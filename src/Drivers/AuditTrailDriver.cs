using System.Text;
using Kubernaut.Acceptance.Drivers.DataStorage;
using Kubernaut.Acceptance.Support;

namespace Kubernaut.Acceptance.Drivers;

/// <summary>One row of an exact audit expectation: this many events of this type (on this channel, by this actor).</summary>
public sealed record AuditExpectation(string EventType, int Count, string? Channel = null, string? ActorType = null)
{
    public bool Matches(AuditEvent e) =>
        e.EventType == EventType && (Channel is null || e.Channel == Channel) && (ActorType is null || e.ActorType == ActorType);

    public override string ToString() =>
        $"{Count} × {EventType}{(Channel is null ? "" : $" on {Channel}")}{(ActorType is null ? "" : $" by a {ActorType}")}";
}

/// <summary>
/// Proves what a service did through its audit trail, exactly (design.md section 4): filter by correlation id and
/// category, require every expected row's exact count and no other events, keep it exact for a settle window
/// (late duplicates fail: "expected 9, got 27"), and print the events found when it does not hold.
/// </summary>
public sealed class AuditTrailDriver(AuditApiClient auditApi, AcceptanceSettings settings)
{
    public Task<IReadOnlyList<AuditEvent>> EventsAsync(string correlationId, string category, CancellationToken cancellationToken = default) =>
        auditApi.QueryAllAsync(new AuditQuery(correlationId, category), cancellationToken);

    /// <summary>The audit category (ADR-034: the emitting service's domain) an event type belongs to (FACTS section 3).</summary>
    public static string CategoryOf(string eventType) => eventType switch
    {
        _ when eventType.StartsWith("notification.", StringComparison.Ordinal) || eventType.StartsWith("webhook.notification.", StringComparison.Ordinal) => "notification",
        _ when eventType.StartsWith("gateway.", StringComparison.Ordinal) => "gateway",
        _ when eventType.StartsWith("orchestrator.", StringComparison.Ordinal) => "orchestration",
        _ when eventType.StartsWith("aianalysis.", StringComparison.Ordinal) => "analysis",
        _ when eventType.StartsWith("workflowexecution.", StringComparison.Ordinal) => "workflowexecution",
        _ when eventType.StartsWith("signalprocessing.", StringComparison.Ordinal) => "signalprocessing",
        _ when eventType.StartsWith("effectiveness.", StringComparison.Ordinal) => "effectiveness",
        _ => throw new ArgumentException($"No audit category is known for event type \"{eventType}\"; FACTS section 3 lists the event types per service."),
    };

    /// <summary>
    /// Waits until the trail of <paramref name="correlationId"/> is exactly <paramref name="expected"/> (all rows of one
    /// category), then checks it stays so for the settle window.
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> WaitForExactlyAsync(
        string correlationId, IReadOnlyList<AuditExpectation> expected, CancellationToken cancellationToken = default)
    {
        var categories = expected.Select(row => CategoryOf(row.EventType)).Distinct().ToList();
        if (categories.Count != 1)
        {
            throw new ArgumentException($"An exact audit expectation covers one category; these rows span {string.Join(", ", categories)}. Split them into separate steps.");
        }
        var category = categories[0];
        var what = $"the {category} audit trail of correlation id {correlationId} to hold exactly: {string.Join(", ", expected)}";
        Task<IReadOnlyList<AuditEvent>> Probe(CancellationToken token) => EventsAsync(correlationId, category, token);
        bool Exact(IReadOnlyList<AuditEvent> events) => Discrepancies(events, expected).Count == 0;
        string Describe(IReadOnlyList<AuditEvent> events) => Report(events, expected);

        var events = await Eventually.UntilAsync(what, Probe, Exact, Describe, WaitPolicy.Within(settings.AuditTimeout), cancellationToken,
            stopWhen: found => Overshot(found, expected)).ConfigureAwait(false);
        await Eventually.HoldsAsync(what, Probe, Exact, Describe, settings.AuditSettleWindow, TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        return events;
    }

    /// <summary>Each expected row whose count differs, plus events no row expects.</summary>
    public static IReadOnlyList<string> Discrepancies(IReadOnlyList<AuditEvent> events, IReadOnlyList<AuditExpectation> expected)
    {
        var problems = new List<string>();
        foreach (var row in expected)
        {
            var found = events.Count(row.Matches);
            if (found != row.Count)
            {
                problems.Add($"expected {row}, found {found}");
            }
        }
        var unexpected = events.Where(e => !expected.Any(row => row.Matches(e))).ToList();
        if (unexpected.Count > 0)
        {
            problems.Add($"{unexpected.Count} unexpected event(s): {string.Join(", ", unexpected.Select(e => e.EventType).Distinct())}");
        }
        return problems;
    }

    // More events of a kind than expected never heals (events are immutable), so waiting longer is pointless.
    private static string? Overshot(IReadOnlyList<AuditEvent> events, IReadOnlyList<AuditExpectation> expected)
    {
        var over = expected.FirstOrDefault(row => events.Count(row.Matches) > row.Count);
        return over is null ? null : $"more than {over} already stored";
    }

    private static string Report(IReadOnlyList<AuditEvent> events, IReadOnlyList<AuditExpectation> expected)
    {
        var text = new StringBuilder();
        foreach (var problem in Discrepancies(events, expected))
        {
            text.AppendLine($"  - {problem}");
        }
        text.AppendLine($"  events found ({events.Count}):");
        text.Append(AuditEvent.Table(events));
        return text.ToString();
    }
}
