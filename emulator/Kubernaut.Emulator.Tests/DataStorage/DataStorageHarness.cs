using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.DataStorage;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Security;
using Kubernaut.Emulator.Tests.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubernaut.Emulator.Tests.DataStorage;

/// <summary>A DataStorage response as a test sees it.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, string? ContentType, JsonNode? Body, HttpResponseMessage Message)
{
    public JsonArray Data => Body!["data"]!.AsArray();

    public JsonNode Pagination => Body!["pagination"]!;

    public override string ToString() => $"{(int)Status} {ContentType} {Body?.ToJsonString()}";
}

/// <summary>
/// One emulated DataStorage on free ports with fake cluster identity, and HTTPS clients that trust its CA. Every
/// exchange goes through a <see cref="ContractRecorder"/>; disposing checks them all against the OpenAPI spec (when the
/// shared reference is present) and fails the test listing each violation.
/// </summary>
internal sealed class DataStorageHarness : IAsyncDisposable
{
    public const string Namespace = "notification-e2e";
    public const string WriterToken = "token-of-the-notification-controller";
    public const string ReaderToken = "token-of-a-read-only-auditor";
    public const string StrangerToken = "token-of-an-unbound-service-account";

    public static readonly UserInfo Writer = UserInfo.ServiceAccount(Namespace, "notification-controller");
    public static readonly UserInfo Reader = UserInfo.ServiceAccount(Namespace, "auditor");
    public static readonly UserInfo Stranger = UserInfo.ServiceAccount("default", "stranger");

    private readonly CertificateAuthority _ca;
    private readonly ConcurrentBag<ContractRecorder> _recorders = [];
    private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _clients = new();

    private DataStorageHarness(CertificateAuthority ca, FaultPlan faults, FakeAccessReviewer access, DataStorageService service)
    {
        _ca = ca;
        Faults = faults;
        Access = access;
        Service = service;
    }

    public FaultPlan Faults { get; }

    public FakeAccessReviewer Access { get; }

    public DataStorageService Service { get; }

    /// <summary>Every API exchange made so far, in no particular order across clients.</summary>
    public IReadOnlyList<HttpExchange> Exchanges => [.. _recorders.SelectMany(r => r.Exchanges)];

    public static async Task<DataStorageHarness> StartAsync()
    {
        var ca = CertificateAuthority.Create();
        var faults = new FaultPlan();
        var tokens = new FakeTokenReviewer(new Dictionary<string, UserInfo>
        {
            [WriterToken] = Writer,
            [ReaderToken] = Reader,
            [StrangerToken] = Stranger,
        });
        var access = new FakeAccessReviewer();
        access.GrantDataStorageClient(Writer, Namespace, "get", "create");
        access.GrantDataStorageClient(Reader, Namespace, "get");
        var service = await DataStorageService.StartAsync(
            DataStorageOptions.OnFreePorts(), ca, tokens, access, faults, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        return new DataStorageHarness(ca, faults, access, service);
    }

    /// <summary>A new client with its own connection pool (so it opens a new connection), recorded for the contract check.</summary>
    public HttpClient NewApiClient(string? token = WriterToken)
    {
        var recorder = ContractRecorder.TrustingOnly(_ca);
        _recorders.Add(recorder);
        var client = new HttpClient(recorder) { BaseAddress = Service.ApiBaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public HttpClient NewHealthClient() => new() { BaseAddress = Service.HealthBaseAddress };

    public Task<ApiResponse> PostEventAsync(JsonNode body, string? token = WriterToken) =>
        SendAsync(token, HttpMethod.Post, "api/v1/audit/events", body.ToJsonString());

    public Task<ApiResponse> PostBatchAsync(JsonNode body, string? token = WriterToken) =>
        SendAsync(token, HttpMethod.Post, "api/v1/audit/events/batch", body.ToJsonString());

    /// <summary>GET /api/v1/audit/events with a raw query string such as "correlation_id=x&amp;limit=5".</summary>
    public Task<ApiResponse> QueryAsync(string query, string? token = WriterToken) =>
        SendAsync(token, HttpMethod.Get, "api/v1/audit/events?" + query);

    public async Task<ApiResponse> SendAsync(string? token, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var client = _clients.GetOrAdd(token ?? "", _ => new Lazy<HttpClient>(() => NewApiClient(token))).Value;
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }
        return await ReadAsync(await client.SendAsync(request, TestContext.Current.CancellationToken));
    }

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
        await Service.DisposeAsync();
        _ca.Dispose();
        DataStorageContract.AssertConforms(Exchanges, "the emulated DataStorage's test clients");
    }
}
