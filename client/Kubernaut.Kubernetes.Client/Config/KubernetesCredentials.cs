using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kubernaut.Kubernetes.Client.Config;

/// <summary>
/// How the client authenticates beyond a static client certificate: a bearer token, a token file, basic auth, or an
/// exec credential plugin. <see cref="ToString"/> describes the method and never shows the secret.
/// </summary>
public abstract class KubernetesCredentials
{
    /// <summary>Anonymous requests (or a client certificate alone).</summary>
    public static KubernetesCredentials None { get; } = new NoCredentials();

    public static KubernetesCredentials BearerToken(string token) => new StaticCredentials(
        new AuthenticationHeaderValue("Bearer", token), "a bearer token");

    /// <summary>A token read from a file and re-read whenever the file changes (projected ServiceAccount tokens rotate).</summary>
    public static KubernetesCredentials TokenFile(string path) => new TokenFileCredentials(path);

    public static KubernetesCredentials Basic(string username, string password) => new StaticCredentials(
        new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"))),
        $"basic auth as \"{username}\"");

    public static KubernetesCredentials Exec(ExecCredentialSettings settings, TimeProvider? timeProvider = null) =>
        new ExecCredentials(settings, timeProvider ?? TimeProvider.System);

    /// <summary>Whether a 401 should invalidate the credential and try once more with a fresh one.</summary>
    internal virtual bool RefreshesOnUnauthorized => false;

    internal abstract ValueTask<Credential> GetAsync(CancellationToken cancellationToken);

    /// <summary>Drops <paramref name="rejected"/> from any cache so the next <see cref="GetAsync"/> obtains a new one.</summary>
    internal virtual void Invalidate(Credential rejected)
    {
    }

    public abstract override string ToString();

    private sealed class NoCredentials : KubernetesCredentials
    {
        internal override ValueTask<Credential> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Credential.Anonymous);

        public override string ToString() => "no credentials";
    }

    private sealed class StaticCredentials(AuthenticationHeaderValue authorization, string description) : KubernetesCredentials
    {
        private readonly Credential credential = new(authorization, null);

        internal override ValueTask<Credential> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credential);

        public override string ToString() => description;
    }

    private sealed class TokenFileCredentials(string path) : KubernetesCredentials
    {
        private volatile CachedToken? cached;

        internal override async ValueTask<Credential> GetAsync(CancellationToken cancellationToken)
        {
            var writtenAt = File.GetLastWriteTimeUtc(path);
            if (cached is { } current && current.WrittenAt == writtenAt)
            {
                return current.Credential;
            }

            string token;
            try
            {
                token = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new KubeconfigException($"token file {path}", $"cannot be read ({exception.Message.TrimEnd('.')})",
                    "make the file readable or point tokenFile at the ServiceAccount token", exception);
            }

            var credential = new Credential(new AuthenticationHeaderValue("Bearer", token), null);
            cached = new CachedToken(writtenAt, credential);
            return credential;
        }

        public override string ToString() => $"the bearer token in {path}";

        private sealed record CachedToken(DateTime WrittenAt, Credential Credential);
    }
}

/// <summary>What one request presents. Holds secrets: never logged, and <see cref="ToString"/> hides them.</summary>
internal sealed class Credential(AuthenticationHeaderValue? authorization, X509Certificate2? clientCertificate)
{
    public static Credential Anonymous { get; } = new(null, null);

    public AuthenticationHeaderValue? Authorization { get; } = authorization;

    public X509Certificate2? ClientCertificate { get; } = clientCertificate;

    public override string ToString() =>
        $"credential ({(Authorization is null ? "no authorization header" : Authorization.Scheme + " (not shown)")}, {(ClientCertificate is null ? "no client certificate" : ClientCertificate.Subject)})";
}
