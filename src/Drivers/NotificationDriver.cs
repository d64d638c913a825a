using System.Text;
using Kubernaut.Acceptance.Support;
using Kubernaut.Kubernetes.Client;
using Kubernaut.Kubernetes.Client.Models;

namespace Kubernaut.Acceptance.Drivers;

/// <summary>What a scenario says about the notification it is about to submit.</summary>
public sealed record NotificationDraft(string Type, string Priority, string Remediation)
{
    public string? ChannelSet { get; init; }

    public int? MaxAttempts { get; init; }

    public string Subject => $"{Type} notification for remediation {Remediation}";
}

/// <summary>A NotificationRequest as it stands, reduced to what scenarios assert on.</summary>
public sealed record NotificationOutcome(
    string Name,
    string? Phase,
    string? Reason,
    string? Message,
    IReadOnlyList<DeliveryAttemptOutcome> Attempts,
    IReadOnlyList<ConditionOutcome> Conditions)
{
    public string Describe()
    {
        var text = new StringBuilder($"  {Name}: phase {Phase ?? "(none)"}, reason {Reason ?? "(none)"}, message \"{Message}\"");
        foreach (var attempt in Attempts)
        {
            text.Append($"{Environment.NewLine}  attempt {attempt.Attempt} on {attempt.Channel}: {attempt.Status}{(attempt.Error is null ? "" : $" ({attempt.Error})")}");
        }
        foreach (var condition in Conditions)
        {
            text.Append($"{Environment.NewLine}  condition {condition.Type}={condition.Status} ({condition.Reason})");
        }
        return text.ToString();
    }
}

public sealed record DeliveryAttemptOutcome(string Channel, int Attempt, string Status, string? Error);

public sealed record ConditionOutcome(string Type, string Status, string Reason);

/// <summary>
/// Submits NotificationRequests for a scenario and observes how the Notification controller handles them. Each
/// scenario gets its own namespace and run-unique correlation ids, so parallel scenarios never share audit trails.
/// Channels are chosen like Kubernaut's E2E suite does: through spec.extensions["test-channel-set"] (FACTS section 10).
/// </summary>
public sealed class NotificationDriver(
    KubernetesClient kubernetes, ScenarioNamespace scenarioNamespace, RemediationUnderTest remediation, RunIdentity run, AcceptanceSettings settings)
{
    public const string ChannelSetKey = "test-channel-set";

    private readonly List<string> _submitted = [];
    private NotificationDraft? _draft;
    private NotificationOutcome? _lastOutcome;

    /// <summary>The outcome last observed by <see cref="WaitForPhaseAsync"/>.</summary>
    public NotificationOutcome LastOutcome => _lastOutcome ?? throw new InvalidOperationException(
        "No notification outcome was observed yet: add a step like Then the notification is \"Sent\" with reason \"AllDeliveriesSucceeded\" first.");

    /// <summary>Names of the NotificationRequests this scenario created (for evidence on failure).</summary>
    public IReadOnlyList<string> Submitted => _submitted;

    public string Namespace => scenarioNamespace.Name;

    public void Describe(NotificationDraft draft)
    {
        _draft = draft;
        remediation.CorrelationId = run.UniqueName(draft.Remediation);
    }

    public void RouteTo(string channelSet) => _draft = Draft with { ChannelSet = channelSet };

    public void LimitAttempts(int maxAttempts) => _draft = Draft with { MaxAttempts = maxAttempts };

    /// <summary>Creates the described NotificationRequest; its name is returned.</summary>
    public async Task<string> SubmitAsync(CancellationToken cancellationToken = default)
    {
        var draft = Draft;
        var @namespace = await scenarioNamespace.EnsureAsync(draft.Remediation, cancellationToken).ConfigureAwait(false);
        var name = run.UniqueName($"notification-{draft.Remediation}");
        var created = await kubernetes.Resources<NotificationRequest>().CreateAsync(new NotificationRequest
        {
            Metadata = { Name = name, Namespace = @namespace, Labels = new Dictionary<string, string> { [RunIdentity.LabelKey] = run.Id } },
            Spec = new NotificationRequestSpec
            {
                Type = draft.Type,
                Priority = draft.Priority,
                Subject = draft.Subject,
                Body = $"Acceptance run {run.Id}: {draft.Subject}.",
                RemediationRequestRef = new ObjectReference { Name = remediation.CorrelationId, Namespace = @namespace },
                Context = new NotificationContext { Lineage = new LineageContext { RemediationRequest = remediation.CorrelationId } },
                Extensions = draft.ChannelSet is null ? null : new Dictionary<string, string> { [ChannelSetKey] = draft.ChannelSet },
                RetryPolicy = draft.MaxAttempts is null ? null : new RetryPolicy
                {
                    MaxAttempts = draft.MaxAttempts,
                    InitialBackoffSeconds = 1,
                    BackoffMultiplier = 2,
                    MaxBackoffSeconds = 60,
                },
            },
        }, cancellationToken).ConfigureAwait(false);
        _submitted.Add(created.Metadata.Name!);
        return created.Metadata.Name!;
    }

    /// <summary>Waits for the latest notification to reach <paramref name="phase"/>; stops early when it settles in another terminal phase.</summary>
    public async Task<NotificationOutcome> WaitForPhaseAsync(string phase, CancellationToken cancellationToken = default)
    {
        var name = LatestName;
        _lastOutcome = await Eventually.UntilAsync(
            $"NotificationRequest {Namespace}/{name} to reach phase {phase}",
            token => ReadAsync(name, token),
            outcome => outcome.Phase == phase,
            outcome => outcome.Describe(),
            WaitPolicy.Within(settings.PhaseTimeout),
            cancellationToken,
            stopWhen: outcome => NotificationPhases.IsTerminal(outcome.Phase) ? $"it settled in terminal phase {outcome.Phase}" : null).ConfigureAwait(false);
        return _lastOutcome;
    }

    public async Task<NotificationOutcome> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var notification = await kubernetes.Resources<NotificationRequest>().GetAsync(name, Namespace, cancellationToken).ConfigureAwait(false);
        var status = notification.Status;
        return new NotificationOutcome(
            name,
            status?.Phase,
            status?.Reason,
            status?.Message,
            (status?.DeliveryAttempts ?? []).Select(a => new DeliveryAttemptOutcome(a.Channel ?? "", a.Attempt, a.Status ?? "", a.Error)).ToList(),
            (status?.Conditions ?? []).Select(c => new ConditionOutcome(c.Type ?? "", c.Status ?? "", c.Reason ?? "")).ToList());
    }

    public Task DeleteLatestAsync(CancellationToken cancellationToken = default) =>
        kubernetes.Resources<NotificationRequest>().DeleteAsync(LatestName, Namespace, cancellationToken: cancellationToken);

    /// <summary>The name of the notification submitted last: its correlation id for events owned by the auth webhook.</summary>
    public string LatestName => _submitted.LastOrDefault()
        ?? throw new InvalidOperationException("No notification was submitted in this scenario: add a step like When the notification is submitted first.");

    private NotificationDraft Draft => _draft ?? throw new InvalidOperationException(
        "No notification was described in this scenario: start with a step like Given a \"Simple\" notification with priority \"Critical\" for remediation \"x\".");
}
