using System.Collections.Concurrent;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Tests.Notification.Support;

/// <summary>TokenRequest stand-in: a distinct, recognisable token per ServiceAccount.</summary>
internal sealed class FakeTokenIssuer : ITokenIssuer
{
    private readonly ConcurrentDictionary<string, string> _issued = new();

    public string IssueToken(string @namespace, string serviceAccount, TimeSpan lifetime) =>
        _issued.GetOrAdd($"{@namespace}/{serviceAccount}", key => $"sa-token-{key.Replace('/', '-')}-{Guid.NewGuid():N}");

    /// <summary>The token issued to namespace/serviceAccount, or null when none was requested.</summary>
    public string? TokenOf(string @namespace, string serviceAccount) => _issued.GetValueOrDefault($"{@namespace}/{serviceAccount}");
}
