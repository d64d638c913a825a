using System.Collections.Concurrent;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>Sits in a test HttpClient's pipeline and keeps every request and response (bodies buffered) for contract checks.</summary>
internal sealed class ContractRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<HttpExchange> _exchanges = new();

    public IReadOnlyList<HttpExchange> Exchanges => [.. _exchanges];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        _exchanges.Enqueue(new HttpExchange(
            request.Method.Method,
            request.RequestUri!,
            request.Content?.Headers.ContentType?.ToString(),
            requestBody,
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            responseBody));
        return response;
    }
}

/// <summary>The DataStorage contract, loaded once from the shared reference spec.</summary>
internal static class DataStorageContract
{
    private static readonly Lazy<OpenApiContract?> Contract = new(() =>
        ReferenceData.DataStorageOpenApiPath is { } path ? OpenApiContract.Load(path) : null);

    /// <summary>Null when the spec is not available (tests that need it skip visibly through <see cref="ReferenceData"/>).</summary>
    public static OpenApiContract? OrNull => Contract.Value;

    public static OpenApiContract Require()
    {
        ReferenceData.RequireDataStorageOpenApi();
        return Contract.Value!;
    }

    public static IReadOnlyList<ContractViolation> Check(OpenApiContract contract, IEnumerable<HttpExchange> exchanges) =>
        [.. exchanges.SelectMany(contract.Validate)];

    /// <summary>One line per violation, for a failure message.</summary>
    public static string Describe(IReadOnlyList<ContractViolation> violations) =>
        $"{violations.Count} DataStorage contract violation(s) against data-storage-v1.yaml:{Environment.NewLine}" +
        string.Join(Environment.NewLine, violations.Select(v => "  " + v));
}
