using System.Globalization;
using System.Text.Json.Nodes;
using Kubernaut.Acceptance.Drivers.DataStorage;
using Kubernaut.Acceptance.Support;
using Kubernaut.Kubernetes.Client.Models;

namespace Kubernaut.Acceptance.Drivers;

/// <summary>
/// Callers of the DataStorage audit API other than the suite itself: ServiceAccounts with or without the
/// data-storage-client binding, or no token at all, and bulk writes to exercise paging. Everything it creates is removed
/// at scenario end.
/// </summary>
public sealed class DataStorageAccessDriver(TargetConnection target, RemediationUnderTest remediation, RunIdentity run, AcceptanceSettings settings) : IAsyncDisposable
{
    private readonly List<string> _serviceAccounts = [];
    private string? _callerToken;

    public AuditQueryAnswer? LastAnswer { get; private set; }

    /// <summary>Creates a ServiceAccount in DataStorage's namespace (bound to data-storage-client when asked) and uses its token for the next query.</summary>
    public async Task ActAsServiceAccountAsync(bool withDataStorageAccess, CancellationToken cancellationToken = default)
    {
        var name = run.UniqueName(withDataStorageAccess ? "reader" : "stranger");
        await target.Kubernetes.Resources<ServiceAccount>().CreateAsync(
            new ServiceAccount { Metadata = { Name = name, Namespace = settings.KubernautNamespace, Labels = new Dictionary<string, string> { [RunIdentity.LabelKey] = run.Id } } },
            cancellationToken).ConfigureAwait(false);
        _serviceAccounts.Add(name);
        if (withDataStorageAccess)
        {
            await DataStorageAccess.GrantAsync(target.Kubernetes, settings.KubernautNamespace, name, cancellationToken).ConfigureAwait(false);
        }
        _callerToken = await target.TokenForAsync(settings.KubernautNamespace, name, cancellationToken).ConfigureAwait(false);
    }

    public void ActWithoutToken() => _callerToken = null;

    public async Task QueryAsync(CancellationToken cancellationToken = default)
    {
        if (!remediation.IsKnown)
        {
            remediation.CorrelationId = run.UniqueName("access-check");
        }
        LastAnswer = await target.AuditApi.QueryAsAsync(new AuditQuery(remediation.CorrelationId, "notification"), _callerToken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="count"/> notification.message.sent events for one remediation, in batches, as the suite's ServiceAccount.</summary>
    public async Task RecordSentEventsAsync(int count, string remediationName, CancellationToken cancellationToken = default)
    {
        remediation.CorrelationId = run.UniqueName(remediationName);
        const int batchSize = 100;
        for (var offset = 0; offset < count; offset += batchSize)
        {
            var batch = Enumerable.Range(offset, Math.Min(batchSize, count - offset)).Select(SentEvent).ToList();
            await target.AuditApi.WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _serviceAccounts)
        {
            await target.Kubernetes.Resources<RoleBinding>().DeleteIfExistsAsync(DataStorageAccess.BindingName(name), settings.KubernautNamespace).ConfigureAwait(false);
            await target.Kubernetes.Resources<ServiceAccount>().DeleteIfExistsAsync(name, settings.KubernautNamespace).ConfigureAwait(false);
        }
    }

    // A payload valid for DataStorage's NotificationMessageSentPayload schema, so a real DataStorage accepts it too.
    private JsonObject SentEvent(int index) => new()
    {
        ["version"] = "1.0",
        ["event_type"] = "notification.message.sent",
        ["event_timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["event_category"] = "notification",
        ["event_action"] = "sent",
        ["event_outcome"] = "success",
        ["correlation_id"] = remediation.CorrelationId,
        ["actor_type"] = "service",
        ["actor_id"] = TargetConnection.SuiteServiceAccount,
        ["resource_type"] = "NotificationRequest",
        ["resource_id"] = $"{remediation.CorrelationId}-{index}",
        ["event_data"] = new JsonObject
        {
            ["event_type"] = "notification.message.sent",
            ["notification_id"] = $"{remediation.CorrelationId}-{index}",
            ["channel"] = "console",
            ["subject"] = $"Paging check {index}",
            ["body"] = $"Acceptance run {run.Id}",
            ["priority"] = "Low",
            ["type"] = "Simple",
        },
    };
}
