using System.Globalization;
using System.Net;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Notification.Reconciliation;

/// <summary>
/// An informer's watch loop over the object store: lists (ADDED for every object) or resumes from a resourceVersion, then
/// follows changes; when the watch ends it resumes from the last resourceVersion seen, or relists when that version is gone (410).
/// The first watch is opened before this method first yields, so no change made after the call is missed.
/// </summary>
internal static class ResilientWatch
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromMilliseconds(200);

    /// <param name="resumeFrom">Null lists first; a resourceVersion replays only the changes after it.</param>
    public static async Task RunAsync(ObjectStore store, ResourceKind kind, string? @namespace, string? resumeFrom, Action<WatchEvent> onChange, ControllerLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ObjectWatch watch;
            try
            {
                watch = store.Watch(kind, @namespace, resumeFrom);
            }
            catch (ApiException ex) when (ex.Code == HttpStatusCode.Gone)
            {
                log.Info("Watch resource version expired, relisting", ("resource", kind.QualifiedName), ("resourceVersion", resumeFrom));
                resumeFrom = null;
                continue;
            }
            using (watch)
            {
                try
                {
                    await foreach (var change in watch.Events.ReadAllAsync(cancellationToken))
                    {
                        resumeFrom = change.ResourceVersion.ToString(CultureInfo.InvariantCulture);
                        Deliver(change, onChange, log);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
            log.Info("Watch closed, resuming", ("resource", kind.QualifiedName), ("resourceVersion", resumeFrom));
            try
            {
                await Task.Delay(RestartDelay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A failing handler is logged and the watch goes on, as an informer keeps running past a handler's error.</summary>
    private static void Deliver(WatchEvent change, Action<WatchEvent> onChange, ControllerLog log)
    {
        try
        {
            onChange(change);
        }
        catch (Exception ex)
        {
            log.Error("Watch handler failed", ex.Message, ("resource", change.Kind.QualifiedName), ("object", ObjectMeta.Name(change.Object)), ("type", change.WireType));
        }
    }
}
