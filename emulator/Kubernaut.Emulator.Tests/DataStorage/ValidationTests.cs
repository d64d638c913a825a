using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Kubernaut.Emulator.Tests.DataStorage;

public sealed class ValidationTests
{
    private static readonly JsonObject Valid = AuditEvents.Sent("rr-validation", "nr-1");

    public static TheoryData<string, string, string> InvalidEvents => new()
    {
        { Valid.Without("event_type").ToJsonString(), "event_type", "is required" },
        { Valid.Without("event_data").ToJsonString(), "event_data", "is required" },
        { Valid.Without("correlation_id").ToJsonString(), "correlation_id", "is required" },
        { Valid.With("version", "").ToJsonString(), "version", "1 to 20" },
        { Valid.With("event_type", new string('x', 101)).ToJsonString(), "event_type", "1 to 100" },
        { Valid.With("event_action", new string('x', 51)).ToJsonString(), "event_action", "1 to 50" },
        { Valid.With("correlation_id", new string('x', 256)).ToJsonString(), "correlation_id", "1 to 255" },
        { Valid.With("event_category", "billing").ToJsonString(), "event_category", "must be one of gateway, notification" },
        { Valid.With("event_outcome", "error").ToJsonString(), "event_outcome", "must be one of success, failure, pending" },
        { Valid.With("event_timestamp", "yesterday").ToJsonString(), "event_timestamp", "RFC 3339" },
        { Valid.With("event_timestamp", "2026-08-22T10:00:00").ToJsonString(), "event_timestamp", "RFC 3339" },
        { Valid.With("event_timestamp", 1724320800).ToJsonString(), "event_timestamp", "must be a string" },
        { Valid.With("actor_ip", new string('1', 46)).ToJsonString(), "actor_ip", "0 to 45" },
        { Valid.With("actor_id", null).ToJsonString(), "actor_id", "must be a string" },
        { Valid.With("duration_ms", 1.5).ToJsonString(), "duration_ms", "must be an integer" },
        { Valid.With("is_sensitive", "yes").ToJsonString(), "is_sensitive", "must be a boolean" },
        { Valid.With("parent_event_id", "not-a-uuid").With("parent_event_date", "2026-08-22T10:00:00Z").ToJsonString(), "parent_event_id", "uuid" },
        { Valid.With("parent_event_id", Guid.NewGuid().ToString()).ToJsonString(), "parent_event_date", "required when parent_event_id is set" },
        { Valid.With("parent_event_date", "2026-08-22T10:00:00Z").ToJsonString(), "parent_event_id", "send both or neither" },
        { Valid.With("event_data", "free text").ToJsonString(), "event_data", "must be an object" },
        { Valid.WithData("event_type", null).ToJsonString(), "event_data.event_type", "discriminator" },
        { Valid.WithData("channel", null).ToJsonString(), "event_data.channel", "is required" },
        { Valid.WithData("priority", 1).ToJsonString(), "event_data.priority", "must be a string" },
        { Valid.WithData("metadata", new JsonObject { ["attempt"] = 2 }).ToJsonString(), "event_data.metadata.attempt", "must be a string" },
        { "[]", "body", "must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task An_invalid_event_is_a_400_validation_problem_naming_the_field(string body, string field, string message)
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.SendAsync(DataStorageHarness.WriterToken, HttpMethod.Post, "api/v1/audit/events", body);

        ShouldBeValidationProblem(response, field, message);
        ds.Service.Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_batch_with_one_invalid_event_stores_nothing_and_names_the_element()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var batch = new JsonArray(Valid.DeepClone(), Valid.With("event_category", "billing"), Valid.Without("event_action"));

        var response = await ds.PostBatchAsync(batch);

        ShouldBeValidationProblem(response, "[1].event_category", "must be one of");
        response.Body!["field_errors"]!.AsObject().Should().ContainKey("[2].event_action");
        ds.Service.Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_batch_body_that_is_not_an_array_is_rejected_with_how_to_write_one_event()
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.PostBatchAsync(Valid);

        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Body!["detail"]!.GetValue<string>().Should().Contain("JSON array").And.Contain("/api/v1/audit/events");
    }

    [Theory]
    [InlineData("{\"version\": ", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public async Task A_body_that_is_not_json_is_a_400(string body, string detail)
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.SendAsync(DataStorageHarness.WriterToken, HttpMethod.Post, "api/v1/audit/events", body);

        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Body!["detail"]!.GetValue<string>().Should().Contain(detail);
    }

    [Fact]
    public async Task A_body_that_is_not_declared_as_json_is_a_400_naming_the_content_type()
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.SendAsync(DataStorageHarness.WriterToken, HttpMethod.Post, "api/v1/audit/events", Valid.ToJsonString(), "text/plain");

        response.Status.Should().Be(HttpStatusCode.BadRequest);
        response.Body!["detail"]!.GetValue<string>().Should().Contain("Content-Type must be application/json").And.Contain("text/plain");
    }

    [Theory]
    [InlineData("limit=0", "limit", "between 1 and 1000")]
    [InlineData("limit=1001", "limit", "between 1 and 1000")]
    [InlineData("limit=ten", "limit", "must be an integer")]
    [InlineData("offset=-1", "offset", "at least 0")]
    [InlineData("event_outcome=error", "event_outcome", "must be one of success, failure, pending")]
    [InlineData("detail_key=channel", "detail_value", "together")]
    [InlineData("detail_value=console", "detail_key", "together")]
    [InlineData("detail_key=event-data.channel&detail_value=x", "detail_key", "^[a-zA-Z0-9_]+$")]
    [InlineData("since=yesterday", "since", "24h")]
    [InlineData("until=24h", "until", "RFC 3339")]
    public async Task An_invalid_query_parameter_is_a_400_validation_problem(string query, string field, string message)
    {
        await using var ds = await DataStorageHarness.StartAsync();

        var response = await ds.QueryAsync(query);

        ShouldBeValidationProblem(response, field, message);
    }

    private static void ShouldBeValidationProblem(ApiResponse response, string field, string message)
    {
        response.Status.Should().Be(HttpStatusCode.BadRequest, response.ToString());
        response.ContentType.Should().Be("application/problem+json");
        var problem = response.Body!;
        problem["type"]!.GetValue<string>().Should().Be("https://kubernaut.ai/problems/validation-error");
        problem["title"]!.GetValue<string>().Should().Be("Validation Error");
        problem["status"]!.GetValue<int>().Should().Be(400);
        problem["field_errors"]!.AsObject().Should().ContainKey(field, response.ToString());
        problem["field_errors"]![field]!.GetValue<string>().Should().Contain(message);
        problem["detail"]!.GetValue<string>().Should().Contain(field);
    }
}
