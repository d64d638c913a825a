using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Security;

/// <summary>A ServiceAccount token and when it stops working.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// The emulated cluster's authenticator. Two kinds of bearer token are accepted: the admin token of the kubeconfig user
/// (a member of system:masters, i.e. cluster-admin) and ServiceAccount tokens from TokenRequest. ServiceAccount tokens
/// are ES256-signed JWTs shaped like the API server's (iss, aud, sub, exp, kubernetes.io claims); they stop working when
/// they expire or when their ServiceAccount is deleted (the uid claim no longer matches), as bound tokens do.
/// </summary>
public sealed class TokenAuthority : ITokenReviewer, ITokenIssuer, IDisposable
{
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";
    public const string AdminUsername = "kubernetes-admin";
    public const string SuperUserGroup = "system:masters";

    public static readonly UserInfo Admin = new(AdminUsername, ["kubeadm:cluster-admins", SuperUserGroup, "system:authenticated"]);

    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _adminToken;
    private readonly string _keyId;

    public TokenAuthority(ObjectStore store, TimeProvider? time = null)
    {
        _store = store;
        _time = time ?? TimeProvider.System;
        AdminToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _adminToken = Encoding.ASCII.GetBytes(AdminToken);
        _keyId = Base64Url.EncodeToString(SHA256.HashData(_signingKey.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>The kubeconfig user's bearer token. Never log it.</summary>
    public string AdminToken { get; }

    public UserInfo? Authenticate(string bearerToken)
    {
        if (string.IsNullOrEmpty(bearerToken))
        {
            return null;
        }
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(bearerToken), _adminToken))
        {
            return Admin;
        }
        return AuthenticateServiceAccount(bearerToken);
    }

    public string IssueToken(string @namespace, string serviceAccount, TimeSpan lifetime) => Issue(@namespace, serviceAccount, lifetime).Token;

    /// <summary>TokenRequest: a token for an existing ServiceAccount (404 NotFound when it does not exist).</summary>
    public IssuedToken Issue(string @namespace, string serviceAccount, TimeSpan lifetime, IReadOnlyList<string>? audiences = null)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "a token lifetime must be positive");
        }
        var account = _store.GetRequired(ResourceKinds.ServiceAccount, @namespace, serviceAccount);
        var now = _time.GetUtcNow();
        var expires = now + lifetime;
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray((audiences is { Count: > 0 } ? audiences : [Issuer]).Select(a => (JsonNode)a).ToArray()),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = @namespace,
                ["serviceaccount"] = new JsonObject { ["name"] = serviceAccount, ["uid"] = ObjectMeta.Uid(account) },
            },
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = UserInfo.ServiceAccount(@namespace, serviceAccount).Username,
        };
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = _keyId };
        var signingInput = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = _signingKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return new IssuedToken($"{signingInput}.{Base64Url.EncodeToString(signature)}", expires);
    }

    public void Dispose() => _signingKey.Dispose();

    private UserInfo? AuthenticateServiceAccount(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            var signature = Base64Url.DecodeFromChars(parts[2]);
            if (!_signingKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256))
            {
                return null;
            }
            var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
            var expires = (long?)claims?["exp"];
            var @namespace = (string?)claims?["kubernetes.io"]?["namespace"];
            var name = (string?)claims?["kubernetes.io"]?["serviceaccount"]?["name"];
            var uid = (string?)claims?["kubernetes.io"]?["serviceaccount"]?["uid"];
            if (expires is null || @namespace is null || name is null || uid is null
                || DateTimeOffset.FromUnixTimeSeconds(expires.Value) <= _time.GetUtcNow())
            {
                return null;
            }
            var account = _store.Get(ResourceKinds.ServiceAccount, @namespace, name);
            return account is not null && ObjectMeta.Uid(account) == uid ? UserInfo.ServiceAccount(@namespace, name) : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
