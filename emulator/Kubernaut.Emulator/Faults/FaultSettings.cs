using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubernaut.Emulator.Faults;

/// <summary>
/// The faults to arm, as one small JSON document (the admin endpoint's body and the standalone --faults file). Absent
/// fields arm nothing; see <see cref="FaultPlan"/> for what each fault does.
/// </summary>
public sealed record FaultSettings
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter<PodFailure>() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>DataStorage /readyz answers 503 for this many seconds.</summary>
    public int? DataStorageReadinessFailureSeconds { get; init; }

    /// <summary>The next N connections to the DataStorage API are reset.</summary>
    public int? DataStorageConnectionResets { get; init; }

    /// <summary>The next N audit queries answer 500.</summary>
    public int? AuditQueryFailures { get; init; }

    /// <summary>Every audit event written is stored this many times (1 = normal).</summary>
    public int? AuditEventDuplication { get; init; }

    /// <summary>DataStorage refuses connections for this many seconds.</summary>
    public int? DataStorageUnreachableSeconds { get; init; }

    /// <summary>Deployments whose pods never become Ready, with the reason.</summary>
    public IReadOnlyList<StuckDeploymentFault>? StuckDeployments { get; init; }

    /// <summary>Parses and checks a fault document; the exception message names the field at fault and what is allowed.</summary>
    public static FaultSettings Parse(string json)
    {
        FaultSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<FaultSettings>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at {ex.Path}";
            throw new FormatException($"invalid fault document: {Explain(ex)}{where}. Supported fields: {SupportedFields}; stuckDeployments[].reason is one of {string.Join(", ", Enum.GetNames<PodFailure>())}.", ex);
        }
        settings = settings ?? throw new FormatException("invalid fault document: expected a JSON object, got null");
        settings.Validate();
        return settings;
    }

    // System.Text.Json words its errors in .NET type names; say what is wrong in the document's own terms.
    private static string Explain(JsonException error)
    {
        var quoted = System.Text.RegularExpressions.Regex.Matches(error.Message, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
        return error.Message switch
        {
            var m when m.Contains("could not be mapped", StringComparison.Ordinal) => $"unknown field '{quoted.FirstOrDefault()}'",
            var m when m.Contains("missing required properties", StringComparison.Ordinal) => $"missing required field '{quoted.LastOrDefault()}'",
            var m when m.Contains("could not be converted", StringComparison.Ordinal) => "unsupported value",
            _ => $"malformed JSON ({error.Message})",
        };
    }

    public static string SupportedFields =>
        "dataStorageReadinessFailureSeconds, dataStorageConnectionResets, auditQueryFailures, auditEventDuplication, dataStorageUnreachableSeconds, stuckDeployments[{namespace, deployment, reason}]";

    /// <summary>The faults armed in <paramref name="plan"/> now, in this document's shape (time windows as remaining whole seconds).</summary>
    public static FaultSettings From(FaultPlan plan)
    {
        var snapshot = plan.Snapshot();
        return new FaultSettings
        {
            DataStorageReadinessFailureSeconds = (int)Math.Ceiling(snapshot.DataStorageReadinessFailureRemaining.TotalSeconds),
            DataStorageConnectionResets = snapshot.DataStorageConnectionResets,
            AuditQueryFailures = snapshot.AuditQueryFailures,
            AuditEventDuplication = snapshot.AuditEventDuplication,
            DataStorageUnreachableSeconds = (int)Math.Ceiling(snapshot.DataStorageUnreachableRemaining.TotalSeconds),
            StuckDeployments = snapshot.StuckDeployments,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Arms every fault this document names, leaving the others as they are.</summary>
    public void ApplyTo(FaultPlan plan)
    {
        if (DataStorageReadinessFailureSeconds is { } readiness)
        {
            plan.FailDataStorageReadiness(TimeSpan.FromSeconds(readiness));
        }
        if (DataStorageConnectionResets is { } resets)
        {
            plan.ResetDataStorageConnections(resets);
        }
        if (AuditQueryFailures is { } failures)
        {
            plan.FailAuditQueries(failures);
        }
        if (AuditEventDuplication is { } duplication)
        {
            plan.DuplicateAuditEvents(duplication);
        }
        if (DataStorageUnreachableSeconds is { } unreachable)
        {
            plan.MakeDataStorageUnreachable(TimeSpan.FromSeconds(unreachable));
        }
        foreach (var stuck in StuckDeployments ?? [])
        {
            plan.StickDeployment(stuck.Namespace, stuck.Deployment, stuck.Reason);
        }
    }

    private void Validate()
    {
        var negative = new (string Name, int? Value)[]
        {
            ("dataStorageReadinessFailureSeconds", DataStorageReadinessFailureSeconds),
            ("dataStorageConnectionResets", DataStorageConnectionResets),
            ("auditQueryFailures", AuditQueryFailures),
            ("dataStorageUnreachableSeconds", DataStorageUnreachableSeconds),
        }.FirstOrDefault(f => f.Value < 0);
        if (negative.Name is not null)
        {
            throw new FormatException($"invalid fault document: {negative.Name} is {negative.Value}; it must be 0 or more");
        }
        if (AuditEventDuplication < 1)
        {
            throw new FormatException($"invalid fault document: auditEventDuplication is {AuditEventDuplication}; it must be 1 (no duplication) or more");
        }
        foreach (var (stuck, index) in (StuckDeployments ?? []).Select((s, i) => (s, i)))
        {
            if (string.IsNullOrEmpty(stuck?.Namespace) || string.IsNullOrEmpty(stuck.Deployment))
            {
                throw new FormatException($"invalid fault document: stuckDeployments[{index}] needs a namespace and a deployment");
            }
        }
    }
}
