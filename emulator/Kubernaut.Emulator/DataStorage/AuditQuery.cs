namespace Kubernaut.Emulator.DataStorage;

/// <summary>The filters and page of GET /api/v1/audit/events; null filters match everything.</summary>
public sealed record AuditQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public string? EventType { get; init; }
    public string? EventCategory { get; init; }
    public string? EventOutcome { get; init; }
    public string? Severity { get; init; }
    public string? CorrelationId { get; init; }

    /// <summary>Inclusive lower bound on event_timestamp.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Inclusive upper bound on event_timestamp.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>With <see cref="DetailValue"/>: event_data-&gt;&gt;DetailKey = DetailValue.</summary>
    public string? DetailKey { get; init; }

    public string? DetailValue { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public int Offset { get; init; }

    internal bool Matches(StoredAuditEvent stored)
    {
        var e = stored.Event;
        return (EventType is null || e.EventType == EventType)
            && (EventCategory is null || e.EventCategory == EventCategory)
            && (EventOutcome is null || e.EventOutcome == EventOutcome)
            && (Severity is null || e.Severity == Severity)
            && (CorrelationId is null || e.CorrelationId == CorrelationId)
            && (Since is null || stored.Timestamp >= Since)
            && (Until is null || stored.Timestamp <= Until)
            && (DetailKey is null || stored.DetailText(DetailKey) == DetailValue);
    }
}

/// <summary>One page of matching events, newest first, and the total number that matched.</summary>
public sealed record AuditQueryResult(IReadOnlyList<StoredAuditEvent> Events, int Total, int Limit, int Offset)
{
    public bool HasMore => Offset + Events.Count < Total;
}
