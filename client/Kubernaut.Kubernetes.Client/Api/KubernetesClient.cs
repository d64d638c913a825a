using System.Globalization;
using System.Runtime.CompilerServices;
using Kubernaut.Kubernetes.Client.Config;
using Kubernaut.Kubernetes.Client.Models;

namespace Kubernaut.Kubernetes.Client;

/// <summary>
/// A Kubernetes REST client over one configuration (one server, one user). Thread-safe; create one per
/// configuration and reuse it. Typed resources: <c>client.Resources&lt;Pod&gt;()</c>; anything else:
/// <c>client.Resources&lt;KubernetesObject&gt;(resourceType)</c>.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly KubernetesTransport transport;

    public KubernetesClient(KubernetesClientConfiguration configuration, KubernetesClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        transport = new KubernetesTransport(configuration, options ?? new KubernetesClientOptions());
    }

    public KubernetesClientConfiguration Configuration => transport.Configuration;

    /// <summary>A client for the selected kubeconfig context; see <see cref="KubeconfigLoader.Load"/>.</summary>
    public static KubernetesClient FromKubeconfig(KubeconfigLoadOptions? options = null, KubernetesClientOptions? clientOptions = null) =>
        new(KubeconfigLoader.Load(options), clientOptions);

    public ResourceClient<T> Resources<T>() where T : class, IKubernetesResource => new(transport, T.ResourceType);

    public ResourceClient<T> Resources<T>(ResourceType resourceType) where T : class, IKubernetesObject => new(transport, resourceType);

    /// <summary>GET /version: the cheapest proof that the server is reachable, trusted and speaks Kubernetes.</summary>
    public Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken = default) =>
        transport.SendAsync<VersionInfo>(new ApiRequest(HttpMethod.Get, "/version", "get"), cancellationToken);

    public Task<string> ReadPodLogsAsync(string name, string @namespace, PodLogOptions? options = null, CancellationToken cancellationToken = default) =>
        transport.SendForTextAsync(LogRequest(name, @namespace, options, follow: false), cancellationToken);

    /// <summary>Streams log lines as the container writes them, until it stops or the caller cancels.</summary>
    public async IAsyncEnumerable<string> FollowPodLogsAsync(string name, string @namespace, PodLogOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in transport.StreamLinesAsync(LogRequest(name, @namespace, options, follow: true), cancellationToken))
        {
            yield return line;
        }
    }

    /// <summary>
    /// The core/v1 Events about an object, oldest first, selected by involvedObject name, namespace and (when known)
    /// UID, so events of an earlier object with the same name are left out.
    /// </summary>
    public async Task<IReadOnlyList<Event>> ListEventsAsync(IKubernetesObject involvedObject, CancellationToken cancellationToken = default)
    {
        var metadata = involvedObject.Metadata;
        ArgumentException.ThrowIfNullOrEmpty(metadata.Name, "involvedObject.Metadata.Name");
        var selector = new List<string> { $"involvedObject.name={metadata.Name}" };
        if (!string.IsNullOrEmpty(metadata.Namespace))
        {
            selector.Add($"involvedObject.namespace={metadata.Namespace}");
        }

        if (!string.IsNullOrEmpty(metadata.Uid))
        {
            selector.Add($"involvedObject.uid={metadata.Uid}");
        }

        var events = new List<Event>();
        var options = new ListOptions { FieldSelector = string.Join(",", selector) };
        await foreach (var item in Resources<Event>().ListAllAsync(NullIfEmpty(metadata.Namespace), options, cancellationToken))
        {
            events.Add(item);
        }

        return [.. events.OrderBy(item => item.LastSeen)];
    }

    /// <summary>
    /// POST .../serviceaccounts/{name}/token (TokenRequest): a short-lived token for the ServiceAccount, e.g. to call
    /// DataStorage. The server may shorten <paramref name="expiration"/>; the result says when the token expires.
    /// </summary>
    public async Task<ServiceAccountToken> RequestServiceAccountTokenAsync(
        string @namespace, string serviceAccount, TimeSpan? expiration = null, IReadOnlyList<string>? audiences = null, CancellationToken cancellationToken = default)
    {
        var type = ResourceTypes.ServiceAccount;
        var body = new TokenRequest
        {
            Spec = new TokenRequestSpec { ExpirationSeconds = (long?)expiration?.TotalSeconds, Audiences = audiences?.ToList() },
        };
        var request = new ApiRequest(HttpMethod.Post, type.ObjectPath(serviceAccount, @namespace, "token"), "create")
        {
            Resource = type,
            Subresource = "token",
            Name = serviceAccount,
            Namespace = @namespace,
            Body = KubernetesJson.SerializeToUtf8Bytes(body),
        };
        var response = await transport.SendAsync<TokenRequest>(request, cancellationToken);
        if (string.IsNullOrEmpty(response.Status?.Token))
        {
            throw transport.InvalidResponse(request, "a TokenRequest with status.token", "(status.token is empty)", null);
        }

        return new ServiceAccountToken(@namespace, serviceAccount, response.Status.Token, response.Status.ExpirationTimestamp);
    }

    public void Dispose() => transport.Dispose();

    private static ApiRequest LogRequest(string name, string @namespace, PodLogOptions? options, bool follow)
    {
        var type = ResourceTypes.Pod;
        var path = ApiRequest.WithQuery(type.ObjectPath(name, @namespace, "log"),
            ("container", options?.Container),
            ("follow", follow ? "true" : null),
            ("tailLines", Number(options?.TailLines)),
            ("sinceSeconds", Number(options?.SinceSeconds)),
            ("timestamps", options?.Timestamps == true ? "true" : null),
            ("previous", options?.Previous == true ? "true" : null),
            ("limitBytes", Number(options?.LimitBytes)));
        return new ApiRequest(HttpMethod.Get, path, "get")
        {
            Resource = type,
            Subresource = "log",
            Name = name,
            Namespace = @namespace,
            Accept = "text/plain, */*",
            Streaming = follow,
        };
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
