using System.Globalization;

namespace Kubernaut.Acceptance.Support;

/// <summary>
/// One id per test run, stamped into every namespace, name, label and correlation id the suite creates, so runs that
/// share a cluster never see each other's objects or audit events, and cleanup removes exactly what this run made.
/// </summary>
public sealed class RunIdentity
{
    public const string LabelKey = "acceptance.kubernaut.ai/run";

    private int _sequence;

    public RunIdentity(DateTimeOffset now, string randomSuffix)
    {
        Id = $"kat-{now.UtcDateTime.ToString("MMddHHmmss", CultureInfo.InvariantCulture)}-{randomSuffix}";
    }

    public static RunIdentity Create() => new(DateTimeOffset.UtcNow, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..4]);

    /// <summary>e.g. kat-1121230206-3f9a: short enough to prefix Kubernetes names (63 characters).</summary>
    public string Id { get; }

    /// <summary>A name unique within the run: kat-…-7-failed-delivery.</summary>
    public string UniqueName(string purpose)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var name = $"{Id}-{sequence}-{Slug(purpose)}";
        return name.Length <= 63 ? name : name[..63].TrimEnd('-');
    }

    private static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
