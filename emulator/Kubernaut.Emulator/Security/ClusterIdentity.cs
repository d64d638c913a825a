namespace Kubernaut.Emulator.Security;

/// <summary>An authenticated caller, as a TokenReview reports it (e.g. system:serviceaccount:notification-e2e:notification-controller).</summary>
public sealed record UserInfo(string Username, IReadOnlyList<string> Groups)
{
    public const string ServiceAccountPrefix = "system:serviceaccount:";

    public static UserInfo ServiceAccount(string @namespace, string name) =>
        new($"{ServiceAccountPrefix}{@namespace}:{name}", ["system:serviceaccounts", $"system:serviceaccounts:{@namespace}", "system:authenticated"]);
}

/// <summary>What a SubjectAccessReview asks: may this user perform Verb on the resource?</summary>
public sealed record ResourceAttributes(string Verb, string Group, string Resource, string Namespace, string Name);

/// <summary>TokenReview: who holds this bearer token? Null when the token is unknown or expired.</summary>
public interface ITokenReviewer
{
    UserInfo? Authenticate(string bearerToken);
}

/// <summary>SubjectAccessReview against the RBAC objects stored in the emulated cluster.</summary>
public interface ISubjectAccessReviewer
{
    bool IsAllowed(UserInfo user, ResourceAttributes attributes);
}

/// <summary>TokenRequest: issues a bearer token for a ServiceAccount (how emulated services authenticate to DataStorage).</summary>
public interface ITokenIssuer
{
    string IssueToken(string @namespace, string serviceAccount, TimeSpan lifetime);
}
