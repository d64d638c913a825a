using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Kubernaut.Emulator.Notification.Routing;

internal enum ChannelKind
{
    Console,
    File,
    Log,
    Slack,
    PagerDuty,
    Teams,
    Webhook,
    Email,
}

/// <summary>
/// One delivery channel of a receiver, under the name Kubernaut records in deliveryAttempts[].channel and audit
/// event_data.channel: console/file/log/webhook/email bare, credentialed channels qualified by receiver (slack:slack-failure).
/// </summary>
internal sealed record ChannelTarget(string Name, ChannelKind Kind, string Receiver, string? CredentialRef = null, string? Url = null, string? SlackChannel = null);

/// <summary>A routing node: match/match_re on routing attributes (AND), children evaluated first-match-wins, continue for fan-out.</summary>
internal sealed record Route(string Receiver, IReadOnlyDictionary<string, string> Match, IReadOnlyDictionary<string, Regex> MatchRe, bool Continue, IReadOnlyList<Route> Routes)
{
    public bool Matches(IReadOnlyDictionary<string, string> attributes) =>
        Match.All(m => attributes.TryGetValue(m.Key, out var value) && value == m.Value)
        && MatchRe.All(m => attributes.TryGetValue(m.Key, out var value) && m.Value.IsMatch(value));

    /// <summary>
    /// Alertmanager semantics as Kubernaut implements them: children in order; a matching child contributes its own matching
    /// sub-routes' receivers or else its receiver; evaluation stops at a matching child without continue; nothing matched → this receiver.
    /// </summary>
    public IReadOnlyList<string> FindReceivers(IReadOnlyDictionary<string, string> attributes)
    {
        var matched = new List<string>();
        foreach (var child in Routes.Where(r => r.Matches(attributes)))
        {
            var fromChildren = child.Routes.Count > 0 ? child.FindReceivers(attributes) : [];
            var contributed = fromChildren.Count > 0 ? fromChildren : child.Receiver.Length > 0 ? [child.Receiver] : [];
            matched.AddRange(contributed.Where(name => !matched.Contains(name)));
            if (!child.Continue)
            {
                return matched;
            }
        }
        return matched.Count == 0 && Receiver.Length > 0 ? [Receiver] : matched;
    }
}

internal sealed record Receiver(string Name, IReadOnlyList<ChannelTarget> Channels);

/// <summary>
/// A parsed routing.yaml (BR-NOT-066, Alertmanager style): route + receivers. <see cref="Parse"/> rejects what Kubernaut's
/// ParseConfig rejects, with a message naming the fix.
/// </summary>
internal sealed class RoutingTable
{
    private readonly Dictionary<string, Receiver> _receivers;

    private RoutingTable(Route root, IReadOnlyList<Receiver> receivers)
    {
        Root = root;
        _receivers = receivers.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public Route Root { get; }

    public Receiver? Receiver(string name) => _receivers.GetValueOrDefault(name);

    /// <exception cref="RoutingConfigException">The YAML is malformed or inconsistent.</exception>
    public static RoutingTable Parse(string yaml, string source)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            throw new RoutingConfigException($"{source} is empty: it must hold a routing configuration with 'route' and 'receivers'.");
        }
        RoutingDocument document;
        try
        {
            document = Deserializer.Deserialize<RoutingDocument?>(yaml) ?? new RoutingDocument();
        }
        catch (YamlException ex)
        {
            throw new RoutingConfigException($"{source} is not valid routing YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        if (document.Route is null)
        {
            throw new RoutingConfigException($"{source}: 'route' is required (add a root route with a 'receiver').");
        }
        if (document.Receivers is not { Count: > 0 })
        {
            throw new RoutingConfigException($"{source}: at least one receiver is required under 'receivers'.");
        }
        var receivers = new List<Receiver>();
        foreach (var (node, index) in document.Receivers.Select((r, i) => (r, i)))
        {
            if (node is null || string.IsNullOrWhiteSpace(node.Name))
            {
                throw new RoutingConfigException($"{source}: receivers[{index}] has no name.");
            }
            receivers.Add(new Receiver(node.Name, ChannelsOf(node, source)));
        }
        var names = receivers.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        return new RoutingTable(BuildRoute(document.Route, names, source, "route"), receivers);
    }

    private static Route BuildRoute(RouteNode node, HashSet<string> receivers, string source, string path)
    {
        var receiver = node.Receiver ?? "";
        if (receiver.Length > 0 && !receivers.Contains(receiver))
        {
            throw new RoutingConfigException($"{source}: {path} names receiver '{receiver}', which is not in the receivers list.");
        }
        var patterns = new Dictionary<string, Regex>(StringComparer.Ordinal);
        foreach (var (key, pattern) in (node.MatchRe ?? []).Concat(node.MatchReSnakeCase ?? []))
        {
            try
            {
                patterns[key] = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException ex)
            {
                throw new RoutingConfigException($"{source}: {path} has an invalid match_re pattern for '{key}': \"{pattern}\" ({ex.Message}).", ex);
            }
        }
        var children = (node.Routes ?? []).Select((child, i) => child is null
            ? throw new RoutingConfigException($"{source}: {path}.routes[{i}] is empty.")
            : BuildRoute(child, receivers, source, $"{path}.routes[{i}]")).ToList();
        return new Route(receiver, new Dictionary<string, string>(node.Match ?? [], StringComparer.Ordinal), patterns, node.Continue, children);
    }

    /// <summary>Kubernaut's Receiver.QualifiedChannels: credentialed channels are named type:receiver (type:receiver:index when several).</summary>
    private static List<ChannelTarget> ChannelsOf(ReceiverNode node, string source)
    {
        var channels = new List<ChannelTarget>();
        AddQualified(channels, "slack", node.Name!, node.SlackConfigs, c => new ChannelTarget("", ChannelKind.Slack, node.Name!, c.CredentialRef, SlackChannel: c.Channel));
        AddQualified(channels, "pagerduty", node.Name!, node.PagerdutyConfigs, c => new ChannelTarget("", ChannelKind.PagerDuty, node.Name!, c.CredentialRef, c.Url));
        AddQualified(channels, "teams", node.Name!, node.TeamsConfigs, c => new ChannelTarget("", ChannelKind.Teams, node.Name!, c.CredentialRef));
        AddBare(channels, "email", ChannelKind.Email, node.Name!, node.EmailConfigs);
        if (node.WebhookConfigs is { Count: > 0 } webhooks)
        {
            var url = webhooks[0]?.Url;
            if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                throw new RoutingConfigException($"{source}: receiver '{node.Name}' webhookConfigs[0] needs an absolute 'url'.");
            }
            channels.Add(new ChannelTarget("webhook", ChannelKind.Webhook, node.Name!, Url: url));
        }
        AddBare(channels, "console", ChannelKind.Console, node.Name!, node.ConsoleConfigs);
        AddBare(channels, "file", ChannelKind.File, node.Name!, node.FileConfigs);
        AddBare(channels, "log", ChannelKind.Log, node.Name!, node.LogConfigs);
        return channels;
    }

    private static void AddQualified<T>(List<ChannelTarget> channels, string type, string receiver, List<T>? configs, Func<T, ChannelTarget> target)
        where T : class, ICredentialConfig
    {
        var entries = configs?.Where(c => c is not null).ToList() ?? [];
        foreach (var (config, index) in entries.Select((c, i) => (c, i)))
        {
            var name = string.IsNullOrEmpty(config.CredentialRef) ? type
                : entries.Count > 1 ? $"{type}:{receiver}:{index}"
                : $"{type}:{receiver}";
            channels.Add(target(config) with { Name = name });
        }
    }

    private static void AddBare(List<ChannelTarget> channels, string name, ChannelKind kind, string receiver, List<Dictionary<string, object>?>? configs)
    {
        if (configs is { Count: > 0 })
        {
            channels.Add(new ChannelTarget(name, kind, receiver));
        }
    }

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    private interface ICredentialConfig
    {
        string? CredentialRef { get; }
    }

    // YAML binding types: mutable because YamlDotNet fills them; converted to the immutable records above.
    private sealed class RoutingDocument
    {
        public RouteNode? Route { get; set; }
        public List<ReceiverNode?>? Receivers { get; set; }
    }

    private sealed class RouteNode
    {
        public string? Receiver { get; set; }
        public Dictionary<string, string>? Match { get; set; }
        public Dictionary<string, string>? MatchRe { get; set; }

        [YamlMember(Alias = "match_re", ApplyNamingConventions = false)]
        public Dictionary<string, string>? MatchReSnakeCase { get; set; }

        public bool Continue { get; set; }
        public List<RouteNode?>? Routes { get; set; }
    }

    private sealed class ReceiverNode
    {
        public string? Name { get; set; }
        public List<SlackConfig>? SlackConfigs { get; set; }
        public List<PagerDutyConfig>? PagerdutyConfigs { get; set; }
        public List<TeamsConfig>? TeamsConfigs { get; set; }
        public List<Dictionary<string, object>?>? EmailConfigs { get; set; }
        public List<WebhookConfig?>? WebhookConfigs { get; set; }
        public List<Dictionary<string, object>?>? ConsoleConfigs { get; set; }
        public List<Dictionary<string, object>?>? FileConfigs { get; set; }
        public List<Dictionary<string, object>?>? LogConfigs { get; set; }
    }

    private sealed class SlackConfig : ICredentialConfig
    {
        public string? Channel { get; set; }
        public string? CredentialRef { get; set; }
    }

    private sealed class PagerDutyConfig : ICredentialConfig
    {
        public string? CredentialRef { get; set; }
        public string? Url { get; set; }
    }

    private sealed class TeamsConfig : ICredentialConfig
    {
        public string? CredentialRef { get; set; }
    }

    private sealed class WebhookConfig
    {
        public string? Url { get; set; }
    }
}

/// <summary>A routing configuration that cannot be used; the message names the problem and where it is.</summary>
internal sealed class RoutingConfigException(string message, Exception? inner = null) : Exception(message, inner);
