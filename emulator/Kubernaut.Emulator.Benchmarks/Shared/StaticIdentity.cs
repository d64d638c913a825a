using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Benchmarks.Shared;

/// <summary>One ServiceAccount token allowed everything: benchmarks measure the emulator, not RBAC.</summary>
public sealed class StaticIdentity(string token, UserInfo user) : ITokenReviewer, ISubjectAccessReviewer
{
    public UserInfo? Authenticate(string bearerToken) => bearerToken == token ? user : null;

    public bool IsAllowed(UserInfo user, ResourceAttributes attributes) => true;
}
