using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Kubernetes.Admission;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>The light RemediationRequest validation: required fields, targetType, fingerprint format, immutable spec.</summary>
public sealed class RemediationRequestAdmissionTests
{
    private const string ValidSpec = """
        {"firingTime":"2026-01-01T00:00:00Z","receivedTime":"2026-01-01T00:00:01Z","severity":"critical",
         "signalFingerprint":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","signalName":"HighMemory",
         "signalType":"prometheus","targetType":"kubernetes","targetResource":{"kind":"Deployment","name":"web","namespace":"apps"},
         "providerData":"anything the gateway stored"}
        """;

    [Fact]
    public void A_complete_request_is_stored_as_given_and_its_spec_cannot_change()
    {
        var store = Store();
        var created = store.Create(ResourceKinds.RemediationRequest, Request(ValidSpec));

        var change = () => store.Mutate(ResourceKinds.RemediationRequest, "ns", "rr", r => r["spec"]!["severity"] = "info");

        created["spec"]!["providerData"]!.GetValue<string>().Should().Be("anything the gateway stored");
        change.Should().Throw<ApiException>().Which.Message.Should()
            .Be("RemediationRequest.kubernaut.ai \"rr\" is invalid: spec: Invalid value: \"object\": spec is immutable after creation (ADR-001)");
    }

    [Fact]
    public void Missing_fields_a_bad_target_type_and_a_malformed_fingerprint_are_422()
    {
        var spec = JsonNode.Parse(ValidSpec)!.AsObject();
        spec.Remove("signalName");
        spec.Remove("receivedTime");
        spec["targetType"] = "vsphere";
        spec["signalFingerprint"] = "ABC";
        spec["targetResource"]!.AsObject().Remove("name");

        var create = () => Store().Create(ResourceKinds.RemediationRequest, Request(spec.ToJsonString()));

        create.Should().Throw<ApiException>().Which.Causes.Select(c => $"{c.Field}: {c.Message}").Should().Equal(
            "spec.receivedTime: Required value",
            "spec.signalFingerprint: Invalid value: \"ABC\": spec.signalFingerprint in body should match '^[a-f0-9]{64}$'",
            "spec.signalName: Required value",
            "spec.targetResource.name: Required value",
            "spec.targetType: Unsupported value: \"vsphere\": supported values: \"kubernetes\", \"aws\", \"azure\", \"gcp\", \"datadog\"");
    }

    private static ObjectStore Store()
    {
        var store = new ObjectStore();
        store.AddAdmissionPlugin(new RemediationRequestAdmission());
        return store;
    }

    private static JsonObject Request(string spec) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "rr", ["namespace"] = "ns" },
        ["spec"] = JsonNode.Parse(spec),
    };
}
