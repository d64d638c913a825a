using Kubernaut.Kubernetes.Client.Models;

namespace Kubernaut.Kubernetes.Client;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Only a newer resourceVersion to resume from (<see cref="WatchOptions.AllowBookmarks"/>).</summary>
    Bookmark,

    /// <summary>The server ended the watch with a <see cref="Status"/>; see <see cref="WatchEvent{T}.IsResourceVersionExpired"/>.</summary>
    Error,
}

/// <summary>One change seen by a watch. <see cref="Object"/> is set for every type but <see cref="WatchEventType.Error"/>.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, Status? Error)
{
    /// <summary>
    /// The resourceVersion the watch started from is too old (410 Gone / Expired): list again and watch from the
    /// list's resourceVersion.
    /// </summary>
    public bool IsResourceVersionExpired => Type == WatchEventType.Error && (Error?.Code == 410 || Error?.Reason is "Expired" or "Gone");
}
