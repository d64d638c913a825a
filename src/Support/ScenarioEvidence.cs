using Kubernaut.Acceptance.Drivers;
using Kubernaut.Acceptance.Drivers.DataStorage;

namespace Kubernaut.Acceptance.Support;

/// <summary>
/// What a failed scenario leaves behind for whoever reads the report (design.md section 4): each notification's
/// status, the events of the scenario's namespace, the controller's logs and the audit trail of the remediation.
/// Every piece is collected independently, so one failing source never hides the others.
/// </summary>
public sealed class ScenarioEvidence(
    NotificationDriver notifications,
    ClusterDriver cluster,
    AuditTrailDriver auditTrail,
    RemediationUnderTest remediation,
    ScenarioNamespace scenarioNamespace,
    AcceptanceSettings settings)
{
    public async Task<IReadOnlyList<(string Name, string Text)>> CollectAsync(CancellationToken cancellationToken)
    {
        var evidence = new List<(string, string)>();
        async Task Add(string name, Func<Task<string>> collect)
        {
            try
            {
                evidence.Add((name, await collect().ConfigureAwait(false)));
            }
            catch (Exception error)
            {
                evidence.Add((name, $"could not be collected: {error.GetType().Name}: {error.Message}"));
            }
        }

        foreach (var name in notifications.Submitted)
        {
            await Add($"notification-{name}.txt", async () => (await notifications.ReadAsync(name, cancellationToken).ConfigureAwait(false)).Describe()).ConfigureAwait(false);
        }
        if (scenarioNamespace.Created)
        {
            await Add("events.txt", () => cluster.EventsAsync(scenarioNamespace.Name, cancellationToken)).ConfigureAwait(false);
        }
        await Add("notification-controller.log", () => cluster.LogsAsync(settings.KubernautNamespace, "notification-controller", 200, cancellationToken)).ConfigureAwait(false);
        if (remediation.IsKnown)
        {
            await Add("audit-trail.txt", async () => AuditEvent.Table(await auditTrail.EventsAsync(remediation.CorrelationId, "notification", cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
        }
        return evidence;
    }
}
