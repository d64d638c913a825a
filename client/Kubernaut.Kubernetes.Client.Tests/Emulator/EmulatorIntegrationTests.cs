using System.Text.Json.Nodes;

namespace Kubernaut.Kubernetes.Client.Tests.Emulator;

/// <summary>The client against the Kubernaut Emulator's Kubernetes API: real authentication, RBAC, admission, controllers and watches.</summary>
[Trait("Category", "emulator")]
public sealed class EmulatorIntegrationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private KubernetesClient Client => fixture.Client;

    [Fact]
    public async Task The_emulators_kubeconfig_selects_its_context_and_reaches_the_footprint()
    {
        var version = await Client.GetVersionAsync(Cancellation);
        var deployments = await Client.Resources<Deployment>().ListAsync(fixture.Emulator.Namespace, cancellationToken: Cancellation);

        version.GitVersion.Should().NotBeNullOrEmpty();
        Client.Configuration.ContextName.Should().Be("kubernaut-emulator");
        Client.Configuration.Namespace.Should().Be(fixture.Emulator.Namespace);
        deployments.Items.Select(deployment => deployment.Metadata.Name).Should().Contain("notification-controller");
    }

    [Fact]
    public async Task A_config_map_goes_through_create_get_replace_patches_and_delete()
    {
        var ns = await fixture.CreateNamespaceAsync("crud", Cancellation);
        var maps = Client.Resources<ConfigMap>();

        var created = await maps.CreateAsync(new ConfigMap { Metadata = { Name = "routing", Namespace = ns }, Data = new() { ["a"] = "1" } }, Cancellation);
        created.Metadata.Labels = new() { ["run"] = "r1" };
        var replaced = await maps.ReplaceAsync(created, Cancellation);
        await maps.PatchAsync("routing", ns, Patch.Merge(new { data = new { b = "2" } }), Cancellation);
        await maps.PatchAsync("routing", ns, Patch.Json(JsonPatchOperation.Add("/data/c", "3")), Cancellation);
        var patched = await maps.PatchAsync("routing", ns, Patch.StrategicMerge(new { metadata = new { annotations = new { owner = "qa" } } }), Cancellation);
        var stale = () => maps.ReplaceAsync(created, Cancellation);
        var conflict = (await stale.Should().ThrowAsync<KubernetesApiException>()).Which;
        await maps.DeleteAsync("routing", ns, new DeleteOptions { PropagationPolicy = PropagationPolicies.Background }, Cancellation);

        created.Metadata.Uid.Should().NotBeNullOrEmpty();
        replaced.Metadata.Labels.Should().ContainKey("run");
        patched.Data.Should().Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" });
        patched.Metadata.Annotations.Should().ContainKey("owner");
        conflict.IsConflict.Should().BeTrue("the replace carried an outdated resourceVersion");
        (await maps.GetOrNullAsync("routing", ns, Cancellation)).Should().BeNull();
    }

    [Fact]
    public async Task Listing_pages_through_continue_tokens()
    {
        var ns = await fixture.CreateNamespaceAsync("paging", Cancellation);
        var maps = Client.Resources<ConfigMap>();
        foreach (var index in Enumerable.Range(1, 5))
        {
            await maps.CreateAsync(new ConfigMap { Metadata = { Name = $"cm-{index}", Namespace = ns, Labels = new() { ["set"] = "paging" } } }, Cancellation);
        }

        var firstPage = await maps.ListAsync(ns, new ListOptions { LabelSelector = "set=paging", Limit = 2 }, Cancellation);
        var all = new List<string?>();
        await foreach (var map in maps.ListAllAsync(ns, new ListOptions { LabelSelector = "set=paging", Limit = 2 }, Cancellation))
        {
            all.Add(map.Metadata.Name);
        }

        firstPage.Items.Should().HaveCount(2);
        firstPage.Metadata.Continue.Should().NotBeNullOrEmpty();
        all.Should().BeEquivalentTo(["cm-1", "cm-2", "cm-3", "cm-4", "cm-5"]);
    }

    [Fact]
    public async Task A_notification_request_is_delivered_and_a_watch_sees_it_reach_Sent()
    {
        var ns = await fixture.CreateNamespaceAsync("notify", Cancellation);
        var notifications = Client.Resources<NotificationRequest>();
        var created = await notifications.CreateAsync(new NotificationRequest
        {
            Metadata = { Name = "lifecycle", Namespace = ns },
            Spec = new NotificationRequestSpec
            {
                Type = NotificationTypes.Simple,
                Priority = NotificationPriorities.Critical,
                Subject = "Client integration",
                Body = "Delivered through the emulator",
                RemediationRequestRef = new ObjectReference { Name = "rr-client-it" },
            },
        }, Cancellation);

        var last = await WatchUntilTerminalAsync(notifications, created);
        var events = await Client.ListEventsAsync(last, Cancellation);

        last.Status!.Phase.Should().Be(NotificationPhases.Sent, $"the watch saw phase {last.Status.Phase} last");
        last.Status.DeliveryAttempts.Should().Contain(attempt => attempt.Channel == "console" && attempt.Status == "success");
        events.Select(e => e.Reason).Should().Contain("NotificationSent");
        (await notifications.GetStatusAsync("lifecycle", ns, Cancellation)).Status!.Phase.Should().Be(NotificationPhases.Sent);
    }

    [Fact]
    public async Task Changing_a_notification_spec_is_refused_with_the_field_named()
    {
        var ns = await fixture.CreateNamespaceAsync("immutable", Cancellation);
        var notifications = Client.Resources<NotificationRequest>();
        await notifications.CreateAsync(new NotificationRequest
        {
            Metadata = { Name = "fixed", Namespace = ns },
            Spec = new NotificationRequestSpec { Subject = "before", Body = "b" },
        }, Cancellation);

        var change = () => notifications.PatchAsync("fixed", ns, Patch.Merge(new { spec = new { subject = "after" } }), Cancellation);

        var exception = (await change.Should().ThrowAsync<KubernetesApiException>()).Which;
        exception.IsInvalid.Should().BeTrue();
        exception.Message.Should().Contain("spec is immutable after creation (DD-NOT-005)").And.Contain("Fix: correct the fields named above");
        exception.Causes.Should().Contain(cause => cause.Field == "spec");
    }

    [Fact]
    public async Task A_strategic_merge_patch_of_a_custom_resource_is_answered_with_the_merge_patch_fix()
    {
        var ns = await fixture.CreateNamespaceAsync("smp", Cancellation);
        await Client.Resources<NotificationRequest>().CreateAsync(new NotificationRequest
        {
            Metadata = { Name = "n", Namespace = ns },
            Spec = new NotificationRequestSpec { Subject = "s", Body = "b" },
        }, Cancellation);

        var patch = () => Client.Resources<NotificationRequest>().PatchAsync("n", ns, Patch.StrategicMerge(new { metadata = new { labels = new { a = "b" } } }), Cancellation);

        (await patch.Should().ThrowAsync<KubernetesApiException>()).Which.Fix.Should().Be(
            "use a JSON merge patch (Patch.Merge): custom resources do not support strategic merge patch");
    }

    [Fact]
    public async Task A_requested_service_account_token_authenticates_and_RBAC_decides_what_it_may_do()
    {
        var ns = await fixture.CreateNamespaceAsync("token", Cancellation);
        await Client.Resources<ServiceAccount>().CreateAsync(new ServiceAccount { Metadata = { Name = "reader", Namespace = ns } }, Cancellation);

        var token = await Client.RequestServiceAccountTokenAsync(ns, "reader", TimeSpan.FromHours(1), cancellationToken: Cancellation);
        using var reader = new KubernetesClient(new KubernetesClientConfiguration
        {
            Server = Client.Configuration.Server,
            ServerTrust = Client.Configuration.ServerTrust,
            Credentials = KubernetesCredentials.BearerToken(token.Token),
            UserName = "reader",
        });
        var listBeforeBinding = () => reader.Resources<Pod>().ListAsync(ns, cancellationToken: Cancellation);
        var refused = (await listBeforeBinding.Should().ThrowAsync<KubernetesApiException>()).Which;
        await Client.Resources<Role>().CreateAsync(new Role
        {
            Metadata = { Name = "pod-reader", Namespace = ns },
            Rules = [new PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["list"] }],
        }, Cancellation);
        await Client.Resources<RoleBinding>().CreateAsync(new RoleBinding
        {
            Metadata = { Name = "reader-reads-pods", Namespace = ns },
            Subjects = [new RbacSubject { Kind = "ServiceAccount", Name = "reader", Namespace = ns }],
            RoleRef = new RoleRef { Kind = "Role", Name = "pod-reader" },
        }, Cancellation);
        var pods = await reader.Resources<Pod>().ListAsync(ns, cancellationToken: Cancellation);

        token.ExpiresAt.Should().BeAfter(DateTimeOffset.UtcNow);
        refused.IsForbidden.Should().BeTrue();
        refused.Fix.Should().Be($"bind the ServiceAccount {ns}/reader to a Role or ClusterRole granting \"list\" on \"pods\" (API group \"\") in namespace \"{ns}\"");
        refused.Message.Should().NotContain(token.Token);
        pods.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task The_notification_controller_pod_has_logs_and_events()
    {
        var pods = await Client.Resources<Pod>().ListAsync(fixture.Emulator.Namespace,
            new ListOptions { LabelSelector = "app=notification-controller" }, Cancellation);
        var pod = pods.Items.Should().ContainSingle().Subject;

        var logs = await Client.ReadPodLogsAsync(pod.Metadata.Name!, fixture.Emulator.Namespace, new PodLogOptions { TailLines = 5, Timestamps = true }, Cancellation);
        var events = await Client.ListEventsAsync(pod, Cancellation);

        logs.Should().NotBeNullOrWhiteSpace();
        logs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCountLessThanOrEqualTo(5);
        events.Select(e => e.Reason).Should().Contain("Scheduled");
        events.Should().OnlyContain(e => e.InvolvedObject.Uid == pod.Metadata.Uid);
    }

    [Fact]
    public async Task A_missing_object_and_an_unauthenticated_client_get_clear_messages()
    {
        using var anonymous = new KubernetesClient(new KubernetesClientConfiguration
        {
            Server = Client.Configuration.Server,
            ServerTrust = Client.Configuration.ServerTrust,
        });

        var missing = () => Client.Resources<NotificationRequest>().GetAsync("nope", fixture.Emulator.Namespace, Cancellation);
        var unauthenticated = () => anonymous.Resources<Namespace>().ListAsync(cancellationToken: Cancellation);

        (await missing.Should().ThrowAsync<KubernetesApiException>()).Which.Fix.Should().Be(
            $"check the name \"nope\" in namespace \"{fixture.Emulator.Namespace}\", or create the object first");
        var refused = (await unauthenticated.Should().ThrowAsync<KubernetesApiException>()).Which;
        refused.IsUnauthorized.Should().BeTrue();
        refused.Fix.Should().StartWith("the request carried no credentials: give the user of server");
    }

    [Fact]
    public async Task A_generic_object_round_trips_a_remediation_request_and_its_status()
    {
        var ns = await fixture.CreateNamespaceAsync("rr", Cancellation);
        var requests = Client.Resources<RemediationRequest>();
        var remediation = KubernetesObject.Create(ResourceTypes.RemediationRequest, "rr-1", ns);
        remediation["spec"] = new JsonObject
        {
            ["firingTime"] = "2026-08-22T10:00:00Z",
            ["receivedTime"] = "2026-08-22T10:00:01Z",
            ["severity"] = "critical",
            ["signalFingerprint"] = new string('a', 64),
            ["signalName"] = "HighMemory",
            ["signalType"] = "prometheus",
            ["targetType"] = "kubernetes",
            ["targetResource"] = new JsonObject { ["kind"] = "Deployment", ["name"] = "web" },
        };

        await Client.Resources<KubernetesObject>(ResourceTypes.RemediationRequest).CreateAsync(remediation, Cancellation);
        await requests.PatchStatusAsync("rr-1", ns, Patch.Merge(new { status = new { overallPhase = "Analyzing" } }), Cancellation);
        var read = await requests.GetAsync("rr-1", ns, Cancellation);

        read.OverallPhase.Should().Be("Analyzing");
        read.Spec!["signalName"]!.GetValue<string>().Should().Be("HighMemory");
    }

    /// <summary>Watches from the object's resourceVersion until its phase is terminal, failing with the last phase seen after <see cref="DeliveryTimeout"/>.</summary>
    private static async Task<NotificationRequest> WatchUntilTerminalAsync(ResourceClient<NotificationRequest> notifications, NotificationRequest created)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(DeliveryTimeout);
        var last = created;
        try
        {
            var options = new WatchOptions { ResourceVersion = created.Metadata.ResourceVersion, FieldSelector = $"metadata.name={created.Metadata.Name}" };
            await foreach (var change in notifications.WatchAsync(created.Metadata.Namespace, options, deadline.Token))
            {
                last = change.Object ?? last;
                if (NotificationPhases.IsTerminal(last.Status?.Phase))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!Cancellation.IsCancellationRequested)
        {
            Assert.Fail($"NotificationRequest {created.Metadata} did not reach a terminal phase within {DeliveryTimeout.TotalSeconds} s; last phase seen: {last.Status?.Phase ?? "(none)"}");
        }

        return last;
    }
}
