namespace Kubernaut.Emulator.Faults;

/// <summary>Why an emulated pod never becomes Ready.</summary>
public enum PodFailure
{
    ErrImagePull,
    ImagePullBackOff,
    CrashLoopBackOff,
}

/// <summary>
/// The failure modes of Kubernaut's Go E2E suite (the seeds), injectable so the acceptance suite can prove it reports
/// them clearly. Set at start from configuration or at run time through the admin endpoint; read by the component that
/// misbehaves. Counters are consumed atomically, so "the next N" means exactly N across concurrent requests.
/// </summary>
public sealed class FaultPlan(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly object _gate = new();
    private readonly Dictionary<(string Namespace, string Deployment), PodFailure> _stuckDeployments = new();
    private DateTimeOffset _readinessFailsUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _unreachableUntil = DateTimeOffset.MinValue;
    private int _connectionResets;
    private int _queryFailures;
    private int _auditDuplication = 1;

    /// <summary>Raised after any fault is set or cleared (the workload controller re-evaluates stuck deployments).</summary>
    public event Action? Changed;

    /// <summary>DataStorage /readyz answers 503 for this long, while its pod keeps reporting Ready (seed 002: readiness that lies).</summary>
    public void FailDataStorageReadiness(TimeSpan duration) => Set(() => _readinessFailsUntil = _time.GetUtcNow() + duration);

    public bool DataStorageReadinessFailing { get { lock (_gate) { return _time.GetUtcNow() < _readinessFailsUntil; } } }

    /// <summary>The next <paramref name="count"/> connections to the DataStorage API are reset (seed 000: connection reset by peer).</summary>
    public void ResetDataStorageConnections(int count) => Set(() => _connectionResets = count);

    public bool TryConsumeConnectionReset() => TryConsume(ref _connectionResets);

    /// <summary>The next <paramref name="count"/> audit queries answer 500 (seed 004: flaky DataStorage 500s).</summary>
    public void FailAuditQueries(int count) => Set(() => _queryFailures = count);

    public bool TryConsumeQueryFailure() => TryConsume(ref _queryFailures);

    /// <summary>Every audit event written is stored <paramref name="factor"/> times (seed 002: expected 9, got 27).</summary>
    public void DuplicateAuditEvents(int factor) => Set(() => _auditDuplication = Math.Max(1, factor));

    public int AuditDuplication { get { lock (_gate) { return _auditDuplication; } } }

    /// <summary>DataStorage refuses every connection for this long (the controller's audit writer drops batches after its retries).</summary>
    public void MakeDataStorageUnreachable(TimeSpan duration) => Set(() => _unreachableUntil = _time.GetUtcNow() + duration);

    public bool DataStorageUnreachable { get { lock (_gate) { return _time.GetUtcNow() < _unreachableUntil; } } }

    /// <summary>The named deployment's pod never starts, with the waiting reason and events of <paramref name="failure"/> (seed 001).</summary>
    public void StickDeployment(string @namespace, string deployment, PodFailure failure) => Set(() => _stuckDeployments[(@namespace, deployment)] = failure);

    /// <summary>Lets the named deployment's pod start again.</summary>
    public void UnstickDeployment(string @namespace, string deployment) => Set(() => _stuckDeployments.Remove((@namespace, deployment)));

    public PodFailure? DeploymentFailure(string @namespace, string deployment)
    {
        lock (_gate)
        {
            return _stuckDeployments.TryGetValue((@namespace, deployment), out var failure) ? failure : null;
        }
    }

    /// <summary>Clears every fault.</summary>
    public void Reset() => Set(() =>
    {
        _stuckDeployments.Clear();
        _readinessFailsUntil = _unreachableUntil = DateTimeOffset.MinValue;
        _connectionResets = _queryFailures = 0;
        _auditDuplication = 1;
    });

    /// <summary>What is armed right now (time windows as their remaining duration; zero when over).</summary>
    public FaultPlanSnapshot Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return new FaultPlanSnapshot(
                Remaining(_readinessFailsUntil, now),
                _connectionResets,
                _queryFailures,
                _auditDuplication,
                Remaining(_unreachableUntil, now),
                _stuckDeployments
                    .OrderBy(e => e.Key.Namespace, StringComparer.Ordinal).ThenBy(e => e.Key.Deployment, StringComparer.Ordinal)
                    .Select(e => new StuckDeploymentFault(e.Key.Namespace, e.Key.Deployment, e.Value))
                    .ToList());
        }
    }

    private static TimeSpan Remaining(DateTimeOffset until, DateTimeOffset now) => until > now ? until - now : TimeSpan.Zero;

    private void Set(Action change)
    {
        lock (_gate)
        {
            change();
        }
        Changed?.Invoke();
    }

    private bool TryConsume(ref int counter)
    {
        lock (_gate)
        {
            if (counter <= 0)
            {
                return false;
            }
            counter--;
            return true;
        }
    }
}

/// <summary>A deployment whose pod is kept from starting, and why.</summary>
public sealed record StuckDeploymentFault(string Namespace, string Deployment, PodFailure Reason);

/// <summary>The faults armed at one moment; see <see cref="FaultPlan.Snapshot"/>.</summary>
public sealed record FaultPlanSnapshot(
    TimeSpan DataStorageReadinessFailureRemaining,
    int DataStorageConnectionResets,
    int AuditQueryFailures,
    int AuditEventDuplication,
    TimeSpan DataStorageUnreachableRemaining,
    IReadOnlyList<StuckDeploymentFault> StuckDeployments);
