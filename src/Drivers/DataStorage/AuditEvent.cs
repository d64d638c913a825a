using System.Globalization;
using System.Text;

namespace Kubernaut.Acceptance.Drivers.DataStorage;

/// <summary>One audit event as DataStorage returns it, reduced to what scenarios assert on.</summary>
public sealed record AuditEvent(
    string EventId,
    DateTimeOffset Timestamp,
    string EventType,
    string Category,
    string Action,
    string Outcome,
    string CorrelationId,
    string? ActorType,
    string? ActorId,
    string? ResourceType,
    string? ResourceId,
    string? Namespace,
    string? Channel,
    string? NotificationId,
    string? Error,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>A fixed-width table of events for failure messages and evidence.</summary>
    public static string Table(IEnumerable<AuditEvent> events)
    {
        var rows = events.OrderBy(e => e.Timestamp).ToList();
        if (rows.Count == 0)
        {
            return "  (no events)";
        }
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"timestamp",-27} {"event type",-36} {"outcome",-8} {"actor",-32} {"channel",-30} resource");
        foreach (var e in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {e.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ} {e.EventType,-36} {e.Outcome,-8} {$"{e.ActorType}/{e.ActorId}",-32} {e.Channel ?? "-",-30} {e.ResourceType}/{e.ResourceId}");
        }
        return text.ToString().TrimEnd();
    }
}

/// <summary>The filters of GET /api/v1/audit/events the suite uses; correlation id is always set (design.md section 4).</summary>
public sealed record AuditQuery(string CorrelationId, string? Category = null);

/// <summary>What one query answered, including refusals (for scenarios about DataStorage's auth).</summary>
public sealed record AuditQueryAnswer(int StatusCode, string? ProblemTitle, string? ProblemDetail, IReadOnlyList<AuditEvent> Events);
