using System.Globalization;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Security;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.Kubernetes.Workloads;

/// <summary>
/// The namespace lifecycle: every namespace gets its "default" ServiceAccount, and deleting a namespace deletes
/// everything in it. Deletion first marks the namespace Terminating (new content is refused with 403, so controllers
/// cannot recreate what is being removed), deletes deployments before the rest, then the namespace itself.
/// </summary>
public sealed class NamespaceController(ObjectStore store, ILogger<NamespaceController> logger, TimeProvider? time = null) : IAsyncDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly CancellationTokenSource _stopping = new();
    private ObjectWatch? _watch;
    private Task _running = Task.CompletedTask;

    /// <summary>Creates what every namespace has (the default ServiceAccount) in existing namespaces, then follows new ones.</summary>
    public void Start()
    {
        foreach (var ns in store.List(ResourceKinds.Namespace).Items)
        {
            EnsureDefaults(ObjectMeta.Name(ns));
        }
        _watch = store.Watch(ResourceKinds.Namespace, fromResourceVersion: store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture));
        _running = Task.Run(FollowAsync);
    }

    public void EnsureDefaults(string @namespace)
    {
        try
        {
            if (store.Get(ResourceKinds.ServiceAccount, @namespace, "default") is null)
            {
                store.Create(ResourceKinds.ServiceAccount, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = @namespace } });
            }
        }
        catch (ApiException ex)
        {
            // Lost a race with a delete or another creator: nothing to add.
            logger.LogDebug("Default ServiceAccount for namespace {Namespace} not created: {Message}", @namespace, ex.Message);
        }
    }

    /// <summary>Deletes a namespace and its content; returns the namespace as last seen (phase Terminating).</summary>
    public JsonObject Delete(string name, UserInfo? user)
    {
        var terminating = store.Mutate(ResourceKinds.Namespace, "", name, ns =>
        {
            ObjectMeta.Metadata(ns)["deletionTimestamp"] = ObjectMeta.Timestamp(_time.GetUtcNow());
            ns["status"] = new JsonObject { ["phase"] = "Terminating" };
        }, user: user);
        var kinds = ResourceKinds.All.Where(k => k.Namespaced).OrderBy(k => k == ResourceKinds.Deployment ? 0 : 1);
        foreach (var kind in kinds)
        {
            foreach (var item in store.List(kind, name).Items)
            {
                try
                {
                    store.Delete(kind, name, ObjectMeta.Name(item), user);
                }
                catch (ApiException ex) when (ex.Reason == "NotFound")
                {
                    // Removed meanwhile (e.g. a deployment's pods).
                }
            }
        }
        store.Delete(ResourceKinds.Namespace, "", name, user);
        return terminating;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _watch?.Dispose();
        await _running;
        _stopping.Dispose();
    }

    private async Task FollowAsync()
    {
        try
        {
            await foreach (var change in _watch!.Events.ReadAllAsync(_stopping.Token))
            {
                if (change.Type == WatchEventType.Added)
                {
                    EnsureDefaults(ObjectMeta.Name(change.Object));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
