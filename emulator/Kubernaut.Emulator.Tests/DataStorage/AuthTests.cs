using System.Net;
using FluentAssertions;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Tests.DataStorage;

public sealed class AuthTests
{
    [Theory]
    [InlineData("GET", "api/v1/audit/events?limit=0")]
    [InlineData("POST", "api/v1/audit/events")]
    [InlineData("POST", "api/v1/audit/events/batch")]
    public async Task Without_a_token_every_call_is_a_401_even_when_it_is_also_malformed(string method, string path)
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.SendAsync(null, new HttpMethod(method), path, method == "POST" ? "{\"not\": \"an event\"}" : null);

        response.Status.Should().Be(HttpStatusCode.Unauthorized, "auth runs before validation");
        response.ContentType.Should().Be("application/problem+json");
        response.Body!["type"]!.GetValue<string>().Should().Be("https://kubernaut.ai/problems/unauthorized");
        response.Body["detail"]!.GetValue<string>().Should().Contain("Authorization: Bearer");
        response.Message.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
    }

    [Fact]
    public async Task An_unknown_token_is_a_401_that_does_not_echo_the_token()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        const string token = "expired-secret-token-value";

        var response = await ds.QueryAsync("limit=1", token);

        response.Status.Should().Be(HttpStatusCode.Unauthorized);
        response.Body!["detail"]!.GetValue<string>().Should().Contain("TokenReview").And.NotContain(token);
    }

    [Fact]
    public async Task A_non_bearer_authorization_header_is_a_401_naming_the_scheme()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        using var client = ds.NewApiClient(token: null);
        client.DefaultRequestHeaders.Authorization = new("Basic", "dXNlcjpwYXNz");

        var response = await DataStorageHarness.ReadAsync(await client.GetAsync("api/v1/audit/events", TestContext.Current.CancellationToken));

        response.Status.Should().Be(HttpStatusCode.Unauthorized);
        response.Body!["detail"]!.GetValue<string>().Should().Contain("not a Bearer token");
    }

    [Fact]
    public async Task A_reader_may_query_but_a_write_is_a_403_naming_the_verb_and_the_fix()
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var query = await ds.QueryAsync("limit=1", DataStorageHarness.ReaderToken);
        var write = await ds.PostEventAsync(AuditEvents.Sent(AuditEvents.NewCorrelationId(), "nr-1"), DataStorageHarness.ReaderToken);

        query.Status.Should().Be(HttpStatusCode.OK);
        write.Status.Should().Be(HttpStatusCode.Forbidden);
        write.Body!["type"]!.GetValue<string>().Should().Be("https://kubernaut.ai/problems/forbidden");
        write.Body["detail"]!.GetValue<string>().Should()
            .Contain(DataStorageHarness.Reader.Username).And.Contain("cannot create services/data-storage-service")
            .And.Contain("data-storage-client");
        ds.Service.Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task Writes_are_reviewed_for_get_and_create_on_the_data_storage_service_in_its_namespace()
    {
        await using var ds = await DataStorageHarness.StartAsync();

        (await ds.PostEventAsync(AuditEvents.Sent(AuditEvents.NewCorrelationId(), "nr-1"))).Status.Should().Be(HttpStatusCode.Created);

        ds.Access.Reviews.Should().Equal(
            (DataStorageHarness.Writer.Username, new ResourceAttributes("get", "", "services", DataStorageHarness.Namespace, "data-storage-service")),
            (DataStorageHarness.Writer.Username, new ResourceAttributes("create", "", "services", DataStorageHarness.Namespace, "data-storage-service")));
    }

    [Fact]
    public async Task A_service_account_without_the_client_role_is_a_403_even_for_queries()
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.QueryAsync("limit=1", DataStorageHarness.StrangerToken);

        response.Status.Should().Be(HttpStatusCode.Forbidden);
        response.Body!["detail"]!.GetValue<string>().Should().Contain("cannot get services/data-storage-service in namespace \"notification-e2e\"");
    }
}
