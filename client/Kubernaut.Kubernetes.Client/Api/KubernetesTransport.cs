using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Kubernaut.Kubernetes.Client.Config;

namespace Kubernaut.Kubernetes.Client;

/// <summary>
/// Sends <see cref="ApiRequest"/>s: adds credentials, retries once with a fresh credential after a 401 when the
/// credential can refresh (exec plugins), applies the request timeout, and maps every failure to one exception.
/// One handler per client certificate, so a certificate renewed by an exec plugin is used on new connections.
/// </summary>
internal sealed class KubernetesTransport(KubernetesClientConfiguration configuration, KubernetesClientOptions options) : IDisposable
{
    private readonly string baseUrl = configuration.Server.ToString().TrimEnd('/');
    private readonly Lock gate = new();
    private readonly Dictionary<string, HttpMessageInvoker> invokers = [];

    public KubernetesClientConfiguration Configuration => configuration;

    /// <summary>Sends the request and reads the whole body as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(ApiRequest request, CancellationToken cancellationToken)
    {
        var (uri, body, contentType) = await ExchangeAsync(request, cancellationToken);
        try
        {
            return KubernetesJson.Deserialize<T>(body)
                ?? throw ConnectionErrors.InvalidResponse(request, uri, configuration, $"a JSON {typeof(T).Name}", contentType, body, null);
        }
        catch (JsonException exception)
        {
            throw ConnectionErrors.InvalidResponse(request, uri, configuration, $"a JSON {typeof(T).Name}", contentType, body, exception);
        }
    }

    /// <summary>Sends the request and returns the body as text.</summary>
    public async Task<string> SendForTextAsync(ApiRequest request, CancellationToken cancellationToken) =>
        (await ExchangeAsync(request, cancellationToken)).Body;

    /// <summary>Streams the response line by line (watch events, followed logs) until the server ends it or the caller cancels.</summary>
    public async IAsyncEnumerable<string> StreamLinesAsync(ApiRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var uri = UriOf(request);
        using var response = await WithTimeoutAsync(request, uri, deadline => SendCheckedAsync(request, uri, deadline), cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (IOException exception)
            {
                throw ConnectionErrors.Broken(request, uri, exception);
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    public KubernetesConnectionException InvalidResponse(ApiRequest request, string expected, string body, Exception? exception) =>
        ConnectionErrors.InvalidResponse(request, UriOf(request), configuration, expected, null, body, exception);

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var invoker in invokers.Values)
            {
                invoker.Dispose();
            }

            invokers.Clear();
        }
    }

    private Uri UriOf(ApiRequest request) => new(baseUrl + request.Path);

    private Task<(Uri Uri, string Body, string? ContentType)> ExchangeAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var uri = UriOf(request);
        return WithTimeoutAsync(request, uri, async deadline =>
        {
            using var response = await SendCheckedAsync(request, uri, deadline);
            try
            {
                var body = await response.Content.ReadAsStringAsync(deadline.Token);
                return (uri, body, response.Content.Headers.ContentType?.MediaType);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                throw ConnectionErrors.Broken(request, uri, exception);
            }
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="send"/> with a deadline that <see cref="SendCheckedAsync"/> arms once it holds a credential.</summary>
    private async Task<TResult> WithTimeoutAsync<TResult>(ApiRequest request, Uri uri, Func<CancellationTokenSource, Task<TResult>> send, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await send(deadline);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw ConnectionErrors.Timeout(request, uri, configuration, options.RequestTimeout, exception);
        }
    }

    /// <summary>
    /// The deadline runs only while talking to the server: an exec plugin has its own timeout, and a slow login
    /// must not be reported as a slow API server.
    /// </summary>
    private async Task<HttpResponseMessage> SendCheckedAsync(ApiRequest request, Uri uri, CancellationTokenSource deadline)
    {
        var credentials = configuration.Credentials;
        var cancellationToken = deadline.Token;
        var refreshed = false;
        while (true)
        {
            deadline.CancelAfter(Timeout.InfiniteTimeSpan);
            var credential = await credentials.GetAsync(cancellationToken);
            deadline.CancelAfter(options.RequestTimeout);
            HttpResponseMessage response;
            using (var message = CreateMessage(request, uri, credential))
            {
                try
                {
                    response = await InvokerFor(credential).SendAsync(message, cancellationToken);
                }
                catch (Exception exception) when (ConnectionErrors.IsTransportFailure(exception))
                {
                    throw ConnectionErrors.Create(request, uri, configuration, exception);
                }
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed && credentials.RefreshesOnUnauthorized)
            {
                response.Dispose();
                credentials.Invalidate(credential);
                refreshed = true;
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw ApiErrors.Create(request, uri, configuration, response.StatusCode, response.ReasonPhrase, body, refreshed);
            }
        }
    }

    private HttpRequestMessage CreateMessage(ApiRequest request, Uri uri, Credential credential)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        message.Headers.Accept.ParseAdd(request.Accept);
        message.Headers.UserAgent.ParseAdd(options.UserAgent);
        message.Headers.Authorization = credential.Authorization;
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        return message;
    }

    private HttpMessageInvoker InvokerFor(Credential credential)
    {
        var certificate = credential.ClientCertificate ?? configuration.ClientCertificate;
        var key = certificate?.Thumbprint ?? "";
        lock (gate)
        {
            if (!invokers.TryGetValue(key, out var invoker))
            {
                var handler = configuration.ServerTrust.CreateHandler(configuration.TlsServerName, certificate);
                if (configuration.ProxyUrl is { } proxy)
                {
                    handler.Proxy = new FixedProxy(proxy);
                    handler.UseProxy = true;
                }

                invoker = new HttpMessageInvoker(handler, disposeHandler: true);
                invokers[key] = invoker;
            }

            return invoker;
        }
    }
}

/// <summary>kubeconfig proxy-url: every request goes through the proxy, loopback included, as with client-go.</summary>
internal sealed class FixedProxy(Uri proxy) : IWebProxy
{
    public ICredentials? Credentials { get; set; }

    public Uri GetProxy(Uri destination) => proxy;

    public bool IsBypassed(Uri host) => false;
}
