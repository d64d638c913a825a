namespace Kubernaut.Emulator.DataStorage;

/// <summary>
/// DataStorage's audit_events table, in memory. Events are kept sorted by (event_timestamp, event_id) in one list per
/// correlation id and per event type beside the full list, so the filtered queries the suite makes touch only the
/// events of one correlation id. One lock serialises writers (a batch lands atomically, nothing is lost); readers copy
/// the candidate list under the lock and filter outside it.
/// </summary>
public sealed class AuditEventStore
{
    private readonly object _gate = new();
    private readonly List<StoredAuditEvent> _all = [];
    private readonly Dictionary<string, List<StoredAuditEvent>> _byCorrelationId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredAuditEvent>> _byEventType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _chainHeads = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _all.Count;
            }
        }
    }

    /// <summary>
    /// Stores each event <paramref name="copies"/> times (each copy with its own event id, chained like a separate
    /// write) and returns what was stored, in request order.
    /// </summary>
    public IReadOnlyList<StoredAuditEvent> Append(IReadOnlyList<AuditEventInput> events, int copies = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        var stored = new List<StoredAuditEvent>(events.Count * copies);
        lock (_gate)
        {
            foreach (var input in events)
            {
                for (var copy = 0; copy < copies; copy++)
                {
                    var previousHash = _chainHeads.GetValueOrDefault(input.CorrelationId, "");
                    var e = StoredAuditEvent.Create(input, previousHash);
                    _chainHeads[input.CorrelationId] = e.EventHash;
                    InsertSorted(_all, e);
                    InsertSorted(IndexList(_byCorrelationId, input.CorrelationId), e);
                    InsertSorted(IndexList(_byEventType, input.EventType), e);
                    stored.Add(e);
                }
            }
        }
        return stored;
    }

    /// <summary>Matching events newest first (event_timestamp DESC, event_id DESC), paged by limit and offset.</summary>
    public AuditQueryResult Query(AuditQuery query)
    {
        var candidates = Candidates(query);
        var page = new List<StoredAuditEvent>(Math.Min(query.Limit, candidates.Length));
        var total = 0;
        for (var i = candidates.Length - 1; i >= 0; i--)
        {
            if (!query.Matches(candidates[i]))
            {
                continue;
            }
            if (total >= query.Offset && page.Count < query.Limit)
            {
                page.Add(candidates[i]);
            }
            total++;
        }
        return new AuditQueryResult(page, total, query.Limit, query.Offset);
    }

    /// <summary>Deletes every event (a fresh database).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _all.Clear();
            _byCorrelationId.Clear();
            _byEventType.Clear();
            _chainHeads.Clear();
        }
    }

    private StoredAuditEvent[] Candidates(AuditQuery query)
    {
        lock (_gate)
        {
            var source = _all;
            if (query.CorrelationId is not null)
            {
                source = _byCorrelationId.GetValueOrDefault(query.CorrelationId) ?? [];
            }
            if (query.EventType is not null)
            {
                var byType = _byEventType.GetValueOrDefault(query.EventType) ?? [];
                source = byType.Count < source.Count ? byType : source;
            }
            return [.. source];
        }
    }

    private static List<StoredAuditEvent> IndexList(Dictionary<string, List<StoredAuditEvent>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        return list;
    }

    // Writers mostly arrive in timestamp order, so this is almost always an append.
    private static void InsertSorted(List<StoredAuditEvent> list, StoredAuditEvent e)
    {
        if (list.Count == 0 || list[^1].CompareTo(e) <= 0)
        {
            list.Add(e);
            return;
        }
        var index = list.BinarySearch(e);
        list.Insert(index < 0 ? ~index : index, e);
    }
}
