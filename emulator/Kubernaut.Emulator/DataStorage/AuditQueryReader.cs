using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>Reads and validates the query parameters of GET /api/v1/audit/events as the spec and handler define them.</summary>
internal static partial class AuditQueryReader
{
    /// <summary>The query, or null with every parameter error added to <paramref name="errors"/>.</summary>
    public static AuditQuery? Read(IQueryCollection parameters, DateTimeOffset now, IDictionary<string, string> errors)
    {
        string? Single(string name) => parameters.TryGetValue(name, out var values) ? values[0] : null;

        var outcome = Single("event_outcome");
        if (outcome is not null && !AuditEventRequestReader.EventOutcomes.Contains(outcome, StringComparer.Ordinal))
        {
            errors["event_outcome"] = $"must be one of {string.Join(", ", AuditEventRequestReader.EventOutcomes)}; got \"{outcome}\"";
        }
        var limit = Integer(Single("limit"), "limit", AuditQuery.DefaultLimit, 1, AuditQuery.MaxLimit, errors);
        var offset = Integer(Single("offset"), "offset", 0, 0, int.MaxValue, errors);
        var since = Since(Single("since"), now, errors);
        var until = Until(Single("until"), errors);

        var detailKey = Single("detail_key");
        var detailValue = Single("detail_value");
        if (detailKey is not null && !DetailKeyPattern().IsMatch(detailKey))
        {
            errors["detail_key"] = $"must match ^[a-zA-Z0-9_]+$ (an event_data field name), got \"{detailKey}\"";
        }
        if ((detailKey is null) != (detailValue is null))
        {
            errors[detailKey is null ? "detail_key" : "detail_value"] = "detail_key and detail_value must be provided together";
        }

        return errors.Count > 0 ? null : new AuditQuery
        {
            EventType = Single("event_type"),
            EventCategory = Single("event_category"),
            EventOutcome = outcome,
            Severity = Single("severity"),
            CorrelationId = Single("correlation_id"),
            Since = since,
            Until = until,
            DetailKey = detailKey,
            DetailValue = detailValue,
            Limit = limit,
            Offset = offset,
        };
    }

    private static int Integer(string? text, string name, int fallback, int min, int max, IDictionary<string, string> errors)
    {
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors[name] = $"must be an integer, got \"{text}\"";
        }
        else if (value < min || value > max)
        {
            errors[name] = max == int.MaxValue ? $"must be at least {min}, got {value}" : $"must be between {min} and {max}, got {value}";
        }
        return value;
    }

    private static DateTimeOffset? Since(string? text, DateTimeOffset now, IDictionary<string, string> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (TimeFormats.TryParseGoDuration(text, out var window))
        {
            return now - window;
        }
        if (TimeFormats.TryParseRfc3339(text, out var absolute))
        {
            return TimeFormats.ToMicroseconds(absolute);
        }
        errors["since"] = $"must be a relative duration such as 24h or 30m, or an RFC 3339 date-time such as 2026-08-22T10:00:00Z; got \"{text}\"";
        return null;
    }

    private static DateTimeOffset? Until(string? text, IDictionary<string, string> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (TimeFormats.TryParseRfc3339(text, out var absolute))
        {
            return TimeFormats.ToMicroseconds(absolute);
        }
        errors["until"] = $"must be an RFC 3339 date-time such as 2026-08-22T23:59:59Z; got \"{text}\"";
        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DetailKeyPattern();
}
