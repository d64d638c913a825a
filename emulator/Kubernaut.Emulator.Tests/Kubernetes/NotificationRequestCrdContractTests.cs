using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Tests.Kubernetes.Support;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>
/// The emulator's hand-written NotificationRequest admission against Kubernaut's own CRD (read at test time): every
/// notification the admission tests send is accepted by the emulator exactly when the CRD's schema accepts it, the
/// defaults the emulator applies are the CRD's, and the table columns are the CRD's printer columns.
/// </summary>
public sealed class NotificationRequestCrdContractTests(SharedEmulator emulator) : IClassFixture<SharedEmulator>
{
    private const string CrdFile = "kubernaut.ai_notificationrequests.yaml";

    [Theory]
    [MemberData(nameof(NotificationRequests.CaseNames), MemberType = typeof(NotificationRequests))]
    public async Task The_emulator_accepts_a_notification_exactly_when_the_crd_schema_does(string caseName)
    {
        var crd = CrdSchema.Load(CrdFile);
        var @case = NotificationRequests.Named(caseName);
        var notification = @case.Object("contract");
        var violations = crd.Validate(notification);
        var ns = await emulator.NewNamespaceAsync("nr-contract");
        using var api = emulator.Client();

        var response = await api.PostAsync($"/apis/kubernaut.ai/v1alpha1/namespaces/{ns}/notificationrequests", notification);

        var accepted = response.Status == HttpStatusCode.Created;
        accepted.Should().Be(violations.Count == 0,
            $"the CRD schema says [{string.Join("; ", violations.Select(v => $"{v.Path}: {v.Rule}"))}] and the emulator answered {(int)response.Status}: {response.Text}");
        accepted.Should().Be(@case.Accepted, "the case list states the outcome the admission tests assert");
        if (accepted && notification["spec"] is not null)
        {
            var expectedSpec = crd.Default(notification)["spec"];
            JsonNode.DeepEquals(response.Object["spec"], expectedSpec).Should().BeTrue(
                $"the emulator's defaults are the CRD's: emulator {response.Object["spec"]!.ToJsonString()}, CRD {expectedSpec!.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Table_columns_are_the_crd_printer_columns()
    {
        var crd = CrdSchema.Load(CrdFile);
        using var api = emulator.Client();

        var table = (await api.GetAsync("/apis/kubernaut.ai/v1alpha1/notificationrequests", "application/json;as=Table;v=v1;g=meta.k8s.io")).Expect(HttpStatusCode.OK).Object;

        var columns = table["columnDefinitions"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["priority"]!.GetValue<int>())).ToList();
        columns.Should().Equal(new[] { ("Name", 0) }.Concat(crd.PrinterColumns));
    }
}
