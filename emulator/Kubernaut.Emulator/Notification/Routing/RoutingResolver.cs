using Kubernaut.Emulator.Notification.Model;

namespace Kubernaut.Emulator.Notification.Routing;

/// <summary>What routing decided for one NotificationRequest, with the RoutingResolved condition that explains it.</summary>
internal sealed record RoutingDecision(IReadOnlyList<string> Receivers, IReadOnlyList<ChannelTarget> Channels, bool Resolved, string Reason, string Message);

/// <summary>Resolves delivery channels from spec attributes against the current routing table (BR-NOT-065, BR-NOT-068, BR-NOT-069).</summary>
internal static class RoutingResolver
{
    public const string RuleMatched = "RoutingRuleMatched";
    public const string Fallback = "RoutingFallback";
    public const string Failed = "RoutingFailed";

    /// <summary>The receiver used when no routing configuration is loaded, as Kubernaut's DefaultConfig.</summary>
    public const string ConsoleFallbackReceiver = "console-fallback";

    /// <summary>
    /// Routing attributes: type, severity, phase, review-source and priority from the spec (when set), then the flattened
    /// context, then every extension (extensions win on a clash).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Attributes(NotificationRequestView request)
    {
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Set(string key, string value)
        {
            if (value.Length > 0)
            {
                attributes[key] = value;
            }
        }
        Set("type", request.Type);
        Set("severity", request.Severity);
        Set("phase", request.Phase);
        Set("review-source", request.ReviewSource);
        Set("priority", request.Priority);
        foreach (var (key, value) in request.FlattenedContext)
        {
            Set(key, value);
        }
        foreach (var (key, value) in request.Extensions)
        {
            Set(key, value);
        }
        return attributes;
    }

    /// <param name="table">The loaded routing table, or null when none is loaded (console fallback).</param>
    public static RoutingDecision Resolve(RoutingTable? table, NotificationRequestView request)
    {
        var attributes = Attributes(request);
        var described = attributes.Count == 0 ? "(no attributes)" : $"(attributes: {string.Join(", ", attributes.Select(a => $"{a.Key}={a.Value}"))})";
        if (table is null)
        {
            return new RoutingDecision([ConsoleFallbackReceiver], [new ChannelTarget("console", ChannelKind.Console, ConsoleFallbackReceiver)], true, Fallback,
                $"No routing rules matched {described}, using console fallback");
        }
        var receivers = table.Root.FindReceivers(attributes);
        var channels = new List<ChannelTarget>();
        foreach (var name in receivers)
        {
            foreach (var channel in table.Receiver(name)?.Channels ?? [])
            {
                if (!channels.Any(c => c.Name == channel.Name))
                {
                    channels.Add(channel);
                }
            }
        }
        if (channels.Count == 0)
        {
            return new RoutingDecision(receivers, [], false, Failed,
                $"Receiver(s) '{string.Join("', '", receivers)}' matched {described} but define no delivery channel: add consoleConfigs, slackConfigs, ... to the receiver in the routing ConfigMap");
        }
        return new RoutingDecision(receivers, channels, true, RuleMatched,
            $"Matched rule '{string.Join("', '", receivers)}' {described} → channels: {string.Join(", ", channels.Select(c => c.Name))}");
    }
}
