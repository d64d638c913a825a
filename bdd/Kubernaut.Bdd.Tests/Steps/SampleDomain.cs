namespace Kubernaut.Bdd.Tests.Steps;

// A tiny notification-routing domain for the sample features: just enough behaviour for steps to drive and check.

public enum Channel
{
    Slack,
    Pager,
    Email,
    Webhook,
}

public enum DeliveryOutcome
{
    Success,
    Failure,
}

public sealed record Receiver(string Name, Channel Channel, int MaxRetries);

/// <summary>Receivers and routes of one scenario.</summary>
public sealed class RoutingTable
{
    private readonly Dictionary<string, Receiver> _receivers = [];
    private readonly Dictionary<string, List<string>> _routes = [];

    public IReadOnlyList<Receiver> Receivers => [.. _receivers.Values];

    public IReadOnlyList<Receiver> LastDelivery { get; private set; } = [];

    public void Add(IEnumerable<Receiver> receivers)
    {
        foreach (var receiver in receivers)
        {
            _receivers[receiver.Name] = receiver;
        }
    }

    public void Route(string route, string receiver)
    {
        if (!_receivers.ContainsKey(receiver))
        {
            throw new InvalidOperationException($"No receiver '{receiver}'; known: {string.Join(", ", _receivers.Keys)}.");
        }
        if (!_routes.TryGetValue(route, out var receivers))
        {
            _routes[route] = receivers = [];
        }
        receivers.Add(receiver);
    }

    public void Send(string route) =>
        LastDelivery = _routes.TryGetValue(route, out var names) ? names.Select(n => _receivers[n]).ToList() : [];
}

/// <summary>Delivers to one receiver; a failing receiver is retried up to its limit.</summary>
public sealed class DeliverySimulator
{
    public const int RetryLimit = 3;

    public string? Receiver { get; set; }

    public int Attempts { get; private set; }

    public void Deliver(DeliveryOutcome outcome) => Attempts = outcome == DeliveryOutcome.Success ? 1 : RetryLimit;
}

/// <summary>Who is escalated to at each level.</summary>
public sealed class EscalationPolicy(IReadOnlyDictionary<int, string> receiversByLevel)
{
    public string ReceiverAt(int level) => receiversByLevel.TryGetValue(level, out var receiver)
        ? receiver
        : throw new InvalidOperationException($"The policy has no level {level}; it has {string.Join(", ", receiversByLevel.Keys)}.");
}

public sealed record Flight(string From, string To);

public sealed record MaintenanceWindow(DateTime Start, TimeSpan Length, Guid Incident, Channel Channel)
{
    public DateTime End => Start + Length;
}
