using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Notification.Delivery;
using Xunit.Sdk;

namespace Kubernaut.Emulator.Tests.Kubernetes.Support;

/// <summary>One answer of the emulated API server: status, parsed body and headers.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, string Text, HttpResponseHeaders Headers)
{
    /// <summary>Asserts the status code; the failure shows the whole body.</summary>
    public ApiResponse Expect(HttpStatusCode status) =>
        Status == status ? this : throw new XunitException($"Expected HTTP {(int)status} {status}, got {(int)Status} {Status}: {Text}");

    public JsonObject Object => Body as JsonObject ?? throw new XunitException($"Expected a JSON object, got {(int)Status}: {Text}");

    /// <summary>The items of a list response.</summary>
    public IReadOnlyList<JsonObject> Items => (Object["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    /// <summary>The body as received, so a wait that times out (Eventually) shows the last answer.</summary>
    public override string ToString() => Text;
}

/// <summary>
/// A client of the emulated Kubernetes API over real HTTPS, trusting only the emulator CA, with a bearer token
/// (the admin token unless another is given).
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly CaTrustingHttpClient _trusting;

    /// <param name="token">Null for the admin token; "" for no Authorization header at all.</param>
    public ApiClient(EmulatorHost host, string? token = null)
    {
        _trusting = new CaTrustingHttpClient(host.CertificateAuthority.Certificate, Timeout.InfiniteTimeSpan);
        Http.BaseAddress = host.KubernetesApiUrl;
        var bearer = token ?? host.AdminToken;
        if (bearer.Length > 0)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
    }

    /// <summary>The underlying client, for streaming (watch, logs -f).</summary>
    public HttpClient Http => _trusting.Client;

    public Task<ApiResponse> GetAsync(string path, string? accept = null) => SendAsync(HttpMethod.Get, path, null, null, accept);

    public Task<ApiResponse> PostAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Post, path, body, "application/json");

    public Task<ApiResponse> PutAsync(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, body, "application/json");

    public Task<ApiResponse> PatchAsync(string path, JsonNode body, string contentType) => SendAsync(HttpMethod.Patch, path, body, contentType);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null, null);

    /// <summary>Any method, any body text and content type (YAML bodies, protobuf, unsupported media types).</summary>
    public async Task<ApiResponse> SendRawAsync(HttpMethod method, string path, HttpContent? content, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonNode? body = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            body = JsonNode.Parse(text);
        }
        return new ApiResponse(response.StatusCode, body, text, response.Headers);
    }

    public void Dispose() => _trusting.Dispose();

    private Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body, string? contentType, string? accept = null)
    {
        HttpContent? content = null;
        if (body is not null)
        {
            content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }
        return SendRawAsync(method, path, content, accept);
    }
}
