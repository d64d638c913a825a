using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Tests.DataStorage;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>The operation-level checks, against the real DataStorage spec with hand-made exchanges.</summary>
public sealed class OpenApiContractTests
{
    private const string Json = "application/json";
    private const string Problem = "application/problem+json";
    private static readonly Uri Events = new("https://127.0.0.1:30090/api/v1/audit/events");
    private static readonly string ValidEvent = AuditEvents.Sent("rr-1", "nr-1").ToJsonString();
    private const string Created = """{"event_id":"3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b7c41","event_timestamp":"2026-08-22T10:00:00Z","message":"ok"}""";

    [Fact]
    public void A_conforming_write_has_no_violations()
    {
        var contract = DataStorageContract.Require();

        contract.Validate(Exchange("POST", Events, ValidEvent, 201, Json, Created)).Should().BeEmpty();
        contract.OperationId(Exchange("POST", Events, ValidEvent, 201, Json, Created)).Should().Be("createAuditEvent");
    }

    public static TheoryData<string, string, string?, int, string, string, string, string> Broken => new()
    {
        { "POST", "", ValidEvent, 201, Json, Created.Replace("3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b7c41", "evt-1"), "response $.event_id", "format uuid" },
        { "POST", "", ValidEvent, 201, Json, """{"event_id":"3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b7c41","message":"ok"}""", "response $.event_timestamp", "required" },
        { "POST", "", AuditEvents.Sent("rr-1", "nr-1").WithData("event_type", null).ToJsonString(), 201, Json, Created, "request $.event_data", "discriminator" },
        { "POST", "", AuditEvents.Sent("rr-1", "nr-1").With("event_category", "billing").ToJsonString(), 201, Json, Created, "request $.event_category", "enum" },
        { "POST", "", ValidEvent, 400, Json, """{"type":"t","title":"t","status":400}""", "response", "content-type" },
        { "POST", "", ValidEvent, 400, Problem, """{"title":"t","status":400}""", "response $.type", "required" },
        { "GET", "?limit=0", null, 200, Json, """{"data":[],"pagination":{"limit":0,"offset":0,"total":0,"has_more":false}}""", "query.limit", "minimum" },
        { "GET", "?limit=abc", null, 200, Json, """{"data":[]}""", "query.limit", "type" },
        { "GET", "?event_outcome=error", null, 200, Json, """{"data":[]}""", "query.event_outcome", "enum" },
        { "GET", "?detail_key=a.b&detail_value=x", null, 200, Json, """{"data":[]}""", "query.detail_key", "pattern" },
        { "GET", "", null, 200, Json, """{"data":[],"pagination":{"total":"3"}}""", "response $.pagination.total", "type" },
        { "GET", "", null, 200, Json, """{"data":[{"event_id":"x"}]}""", "response $.data[0].event_id", "format uuid" },
        { "PUT", "", null, 200, Json, "{}", "operation", "the spec declares no such operation" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_violation_names_the_operation_status_location_and_rule(
        string method, string query, string? requestBody, int status, string contentType, string responseBody, string location, string rule)
    {
        var contract = DataStorageContract.Require();

        var violations = contract.Validate(Exchange(method, new Uri(Events + query), requestBody, status, contentType, responseBody));

        violations.Should().Contain(v => v.Location == location && v.Rule.StartsWith(rule) && v.Status == status, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void A_rejected_request_is_not_held_against_the_server_and_undeclared_paths_are_not_judged()
    {
        var contract = DataStorageContract.Require();
        var problem = """{"type":"https://kubernaut.ai/problems/validation-error","title":"Validation Error","status":400}""";

        contract.Validate(Exchange("GET", new Uri(Events + "?limit=0"), null, 400, Problem, problem)).Should().BeEmpty();
        contract.Validate(Exchange("GET", new Uri("https://127.0.0.1:30090/api/v1/workflows"), null, 404, Problem, problem)).Should().BeEmpty();
    }

    private static HttpExchange Exchange(string method, Uri uri, string? requestBody, int status, string contentType, string responseBody) =>
        new(method, uri, requestBody is null ? null : Json, requestBody is null ? null : Encoding.UTF8.GetBytes(requestBody),
            status, contentType, Encoding.UTF8.GetBytes(responseBody));
}
