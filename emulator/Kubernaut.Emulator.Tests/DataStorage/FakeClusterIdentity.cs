using System.Collections.Concurrent;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Tests.DataStorage;

/// <summary>TokenReview over a fixed table of tokens.</summary>
internal sealed class FakeTokenReviewer(IReadOnlyDictionary<string, UserInfo> tokens) : ITokenReviewer
{
    public UserInfo? Authenticate(string bearerToken) => tokens.GetValueOrDefault(bearerToken);
}

/// <summary>SubjectAccessReview that allows exactly the granted (user, attributes) pairs and remembers every review.</summary>
internal sealed class FakeAccessReviewer : ISubjectAccessReviewer
{
    private readonly ConcurrentDictionary<(string User, ResourceAttributes Attributes), bool> _grants = new();
    private readonly ConcurrentQueue<(string User, ResourceAttributes Attributes)> _reviews = new();

    public IReadOnlyList<(string User, ResourceAttributes Attributes)> Reviews => [.. _reviews];

    /// <summary>What the data-storage-client ClusterRole bound in <paramref name="namespace"/> would allow, restricted to <paramref name="verbs"/>.</summary>
    public void GrantDataStorageClient(UserInfo user, string @namespace, params string[] verbs)
    {
        foreach (var verb in verbs)
        {
            _grants[(user.Username, new ResourceAttributes(verb, "", "services", @namespace, "data-storage-service"))] = true;
        }
    }

    public bool IsAllowed(UserInfo user, ResourceAttributes attributes)
    {
        _reviews.Enqueue((user.Username, attributes));
        return _grants.ContainsKey((user.Username, attributes));
    }
}
