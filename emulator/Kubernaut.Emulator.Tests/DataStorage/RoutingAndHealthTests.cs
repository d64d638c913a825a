using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.DataStorage;

namespace Kubernaut.Emulator.Tests.DataStorage;

public sealed class RoutingAndHealthTests
{
    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem()
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.SendAsync(DataStorageHarness.WriterToken, HttpMethod.Get, "api/v1/workflows");

        response.Status.Should().Be(HttpStatusCode.NotFound);
        response.ContentType.Should().Be("application/problem+json");
        response.Body!["type"]!.GetValue<string>().Should().Be("https://kubernaut.ai/problems/not-found");
        response.Body["instance"]!.GetValue<string>().Should().Be("/api/v1/workflows");
    }

    [Theory]
    [InlineData("PUT", "api/v1/audit/events", "GET, POST")]
    [InlineData("DELETE", "api/v1/audit/events", "GET, POST")]
    [InlineData("GET", "api/v1/audit/events/batch", "POST")]
    public async Task A_wrong_method_is_a_405_problem_with_the_allowed_methods(string method, string path, string allowed)
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.SendAsync(DataStorageHarness.WriterToken, new HttpMethod(method), path);

        response.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Message.Content.Headers.Allow.Should().BeEquivalentTo(allowed.Split(", "));
        response.Body!["type"]!.GetValue<string>().Should().Be("https://kubernaut.ai/problems/method-not-allowed");
    }

    [Fact]
    public async Task A_spec_operation_the_emulator_does_not_serve_says_which_target_does()
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.SendAsync(DataStorageHarness.WriterToken, HttpMethod.Get, "api/v1/audit/legal-hold");

        response.Status.Should().Be(HttpStatusCode.NotImplemented);
        response.Body!["detail"]!.GetValue<string>().Should().Contain("kind or existing target");
    }

    [Fact]
    public async Task The_api_port_answers_readyz_without_a_token()
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.SendAsync(null, HttpMethod.Get, "readyz");

        response.Status.Should().Be(HttpStatusCode.OK);
        response.Body!.ToJsonString().Should().Be("""{"status":"ready"}""");
    }

    [Fact]
    public async Task The_health_port_answers_healthz_and_readyz_over_plain_http()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        using var health = ds.NewHealthClient();

        var healthz = await DataStorageHarness.ReadAsync(await health.GetAsync("healthz", TestContext.Current.CancellationToken));
        var readyz = await DataStorageHarness.ReadAsync(await health.GetAsync("readyz", TestContext.Current.CancellationToken));
        var unknown = await health.GetAsync("health", TestContext.Current.CancellationToken);

        ds.Service.HealthBaseAddress.Scheme.Should().Be("http");
        ds.Service.ApiBaseAddress.Scheme.Should().Be("https");
        healthz.Status.Should().Be(HttpStatusCode.OK);
        healthz.Body!["status"]!.GetValue<string>().Should().Be("healthy");
        TimeFormats.TryParseRfc3339(healthz.Body["timestamp"]!.GetValue<string>(), out var at).Should().BeTrue();
        at.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        readyz.Status.Should().Be(HttpStatusCode.OK);
        JsonNode.DeepEquals(readyz.Body, new JsonObject { ["status"] = "ready" }).Should().BeTrue();
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound, "there is no /health route");
    }
}
