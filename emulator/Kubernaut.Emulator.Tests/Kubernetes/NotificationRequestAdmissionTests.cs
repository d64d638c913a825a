using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Kubernetes.Admission;
using Kubernaut.Emulator.Tests.Kubernetes.Support;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>NotificationRequest admission over HTTPS: validation messages, defaults, immutability, pruning, status rules.</summary>
public sealed class NotificationRequestAdmissionTests(SharedEmulator emulator) : IClassFixture<SharedEmulator>
{
    private const string Resource = "notificationrequests";

    [Theory]
    [MemberData(nameof(NotificationRequests.CaseNames), MemberType = typeof(NotificationRequests))]
    public async Task Each_notification_is_accepted_or_refused_with_the_api_servers_cause(string caseName)
    {
        var @case = NotificationRequests.Named(caseName);
        var ns = await emulator.NewNamespaceAsync("nr-admission");
        using var api = emulator.Client();

        var response = await api.PostAsync(Collection(ns), @case.Object("notification"));

        if (@case.Accepted)
        {
            response.Expect(HttpStatusCode.Created);
            return;
        }
        var status = response.Expect((HttpStatusCode)422).Object;
        status["reason"]!.GetValue<string>().Should().Be("Invalid");
        status["details"]!["group"]!.GetValue<string>().Should().Be("kubernaut.ai");
        status["details"]!["kind"]!.GetValue<string>().Should().Be("NotificationRequest");
        var cause = status["details"]!["causes"]!.AsArray().Single()!;
        cause["field"]!.GetValue<string>().Should().Be(@case.Field);
        cause["reason"]!.GetValue<string>().Should().Be(@case.Reason);
        cause["message"]!.GetValue<string>().Should().Be(@case.Message);
        status["message"]!.GetValue<string>().Should().Be($"NotificationRequest.kubernaut.ai \"notification\" is invalid: {@case.Field}: {@case.Message}");
    }

    [Fact]
    public async Task Several_invalid_fields_are_all_reported_in_one_bracketed_message()
    {
        var ns = await emulator.NewNamespaceAsync("nr-many");
        using var api = emulator.Client();

        var status = (await api.PostAsync(Collection(ns), NotificationRequests.WithSpec("many", JsonNode.Parse("""{"priority":"Urgent"}"""))))
            .Expect((HttpStatusCode)422).Object;

        status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).Should().Equal("spec.body", "spec.priority", "spec.subject", "spec.type");
        status["message"]!.GetValue<string>().Should().StartWith("NotificationRequest.kubernaut.ai \"many\" is invalid: [spec.body: Required value, spec.priority: Unsupported value: \"Urgent\"");
    }

    [Theory]
    [InlineData("""{"type":"Simple","subject":"S","body":"B"}""", """{"type":"Simple","subject":"S","body":"B","priority":"Medium","retentionDays":7}""")]
    [InlineData("""{"type":"Simple","subject":"S","body":"B","retryPolicy":{}}""",
        """{"type":"Simple","subject":"S","body":"B","retryPolicy":{"backoffMultiplier":2,"initialBackoffSeconds":30,"maxAttempts":5,"maxBackoffSeconds":480},"priority":"Medium","retentionDays":7}""")]
    [InlineData("""{"type":"Simple","priority":"Low","subject":"S","body":"B","retentionDays":30,"retryPolicy":{"maxAttempts":1}}""",
        """{"type":"Simple","priority":"Low","subject":"S","body":"B","retentionDays":30,"retryPolicy":{"maxAttempts":1,"backoffMultiplier":2,"initialBackoffSeconds":30,"maxBackoffSeconds":480}}""")]
    public async Task The_crd_defaults_are_applied_on_create(string spec, string expected)
    {
        var ns = await emulator.NewNamespaceAsync("nr-defaults");
        using var api = emulator.Client();

        var created = (await api.PostAsync(Collection(ns), NotificationRequests.WithSpec("defaulted", JsonNode.Parse(spec)))).Expect(HttpStatusCode.Created).Object;

        JsonNode.DeepEquals(created["spec"], JsonNode.Parse(expected)).Should().BeTrue($"the defaulted spec {created["spec"]!.ToJsonString()} should equal {expected}");
    }

    [Fact]
    public async Task The_spec_cannot_change_after_creation_but_metadata_can()
    {
        var ns = await emulator.NewNamespaceAsync("nr-immutable");
        using var api = emulator.Client();
        var created = (await api.PostAsync(Collection(ns), NotificationRequests.Valid("fixed"))).Expect(HttpStatusCode.Created).Object;
        var changed = (JsonObject)created.DeepClone();
        changed["spec"]!["subject"] = "Another subject";
        changed["metadata"]!.AsObject().Remove("resourceVersion");

        var replaced = (await api.PutAsync($"{Collection(ns)}/fixed", changed)).Expect((HttpStatusCode)422).Object;
        var patched = (await api.PatchAsync($"{Collection(ns)}/fixed", JsonNode.Parse("""{"spec":{"priority":"High"}}""")!, "application/merge-patch+json")).Expect((HttpStatusCode)422).Object;
        var labelled = (await api.PatchAsync($"{Collection(ns)}/fixed", JsonNode.Parse("""{"metadata":{"labels":{"team":"sre"}}}""")!, "application/merge-patch+json")).Expect(HttpStatusCode.OK).Object;

        const string expected = "NotificationRequest.kubernaut.ai \"fixed\" is invalid: spec: Invalid value: \"object\": spec is immutable after creation (DD-NOT-005)";
        replaced["message"]!.GetValue<string>().Should().Be(expected);
        patched["message"]!.GetValue<string>().Should().Be(expected);
        replaced["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("spec");
        labelled["metadata"]!["labels"]!["team"]!.GetValue<string>().Should().Be("sre");
        labelled["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task Undeclared_fields_are_pruned_with_a_warning_and_refused_under_strict_validation()
    {
        var ns = await emulator.NewNamespaceAsync("nr-unknown");
        using var api = emulator.Client();
        var withChannels = JsonNode.Parse("""{"type":"Simple","subject":"S","body":"B","channels":["slack"]}""");

        var warned = (await api.PostAsync(Collection(ns), NotificationRequests.WithSpec("pruned", withChannels))).Expect(HttpStatusCode.Created);
        var strict = (await api.PostAsync($"{Collection(ns)}?fieldValidation=Strict", NotificationRequests.WithSpec("strict", withChannels))).Expect(HttpStatusCode.BadRequest).Object;

        warned.Object["spec"]!.AsObject().ContainsKey("channels").Should().BeFalse("the API server prunes fields the CRD does not declare");
        warned.Headers.GetValues("Warning").Should().ContainSingle().Which.Should().Be("299 - \"unknown field \\\"spec.channels\\\"\"");
        strict["message"]!.GetValue<string>().Should().Be("strict decoding error: unknown field \"spec.channels\"");
    }

    [Fact]
    public async Task Tables_show_the_crd_printer_columns()
    {
        var ns = await emulator.NewNamespaceAsync("nr-table");
        using var api = emulator.Client();
        (await api.PostAsync(Collection(ns), NotificationRequests.Valid("printed"))).Expect(HttpStatusCode.Created);

        var table = (await api.GetAsync(Collection(ns), "application/json;as=Table;v=v1;g=meta.k8s.io")).Expect(HttpStatusCode.OK).Object;

        table["columnDefinitions"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["priority"]!.GetValue<int>()))
            .Should().Equal(("Name", 0), ("Type", 0), ("Priority", 0), ("Phase", 0), ("Attempts", 0), ("Reason", 1), ("Age", 0));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        cells[0]!.GetValue<string>().Should().Be("printed");
        cells[1]!.GetValue<string>().Should().Be("Simple");
        cells[2]!.GetValue<string>().Should().Be("Medium");
        cells[6]!.GetValue<string>().Should().MatchRegex("^[0-9]+s$");
    }

    [Fact]
    public void Status_is_written_only_through_the_status_subresource_and_checked_against_the_status_schema()
    {
        // A bare store with the plugin: no controller races the status this test writes.
        var store = new ObjectStore();
        store.AddAdmissionPlugin(new NotificationRequestAdmission());
        var kind = ResourceKinds.NotificationRequest;
        var notification = NotificationRequests.Valid("status");
        notification["metadata"]!["namespace"] = "ns";
        var created = store.Create(kind, notification);

        var sent = store.Mutate(kind, "ns", "status", n => n["status"] = JsonNode.Parse("""{"phase":"Sent","totalAttempts":1,"deliveryAttempts":[{"attempt":1,"channel":"console","status":"success","timestamp":"2026-01-01T00:00:00Z"}]}"""), subresource: "status");
        var ignored = store.Mutate(kind, "ns", "status", n => n["status"] = JsonNode.Parse("""{"phase":"Failed"}"""));
        var badPhase = () => store.Mutate(kind, "ns", "status", n => n["status"] = JsonNode.Parse("""{"phase":"Done"}"""), subresource: "status");
        var badAttempt = () => store.Mutate(kind, "ns", "status", n => n["status"] = JsonNode.Parse("""{"deliveryAttempts":[{"attempt":1,"status":"success","timestamp":"2026-01-01T00:00:00Z"}]}"""), subresource: "status");

        ObjectMeta.Generation(sent).Should().Be(ObjectMeta.Generation(created));
        sent["status"]!["phase"]!.GetValue<string>().Should().Be("Sent");
        ignored["status"]!["phase"]!.GetValue<string>().Should().Be("Sent", "status changes through the main resource are ignored");
        badPhase.Should().Throw<ApiException>().Which.Causes.Should().ContainSingle().Which.Message.Should()
            .Be("Unsupported value: \"Done\": supported values: \"Pending\", \"Sending\", \"Retrying\", \"Sent\", \"PartiallySent\", \"Failed\"");
        badAttempt.Should().Throw<ApiException>().Which.Causes.Should().ContainSingle().Which.Field.Should().Be("status.deliveryAttempts[0].channel");
    }

    private static string Collection(string ns) => $"/apis/kubernaut.ai/v1alpha1/namespaces/{ns}/{Resource}";
}
