using System.Collections.Concurrent;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>Sits in a test HttpClient's pipeline and keeps every request and response (bodies buffered) for contract checks.</summary>
internal sealed class ContractRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<HttpExchange> _exchanges = new();

    public IReadOnlyList<HttpExchange> Exchanges => [.. _exchanges];

    /// <summary>A recorder over a new connection pool that trusts only <paramref name="ca"/> (the emulator's CA).</summary>
    public static ContractRecorder TrustingOnly(CertificateAuthority ca) => new(ca.CreateTrustingHandler());

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
