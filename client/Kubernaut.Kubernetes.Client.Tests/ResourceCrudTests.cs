using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Kubernetes.Client.Tests;

public sealed class ResourceCrudTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_reads_a_typed_pod_from_its_namespaced_path()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","uid":"u-1"},
             "status":{"phase":"Pending","containerStatuses":[{"name":"app","ready":false,"restartCount":3,
               "state":{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image"}}}]}}
            """));
        using var client = server.CreateClient(KubernetesCredentials.BearerToken("t"));

        var pod = await client.Resources<Pod>().GetAsync("web", "shop", Cancellation);

        server.SingleRequest.Method.Should().Be("GET");
        server.SingleRequest.PathAndQuery.Should().Be("/api/v1/namespaces/shop/pods/web");
        server.SingleRequest.Authorization.Should().Be("Bearer t");
        pod.Metadata.Uid.Should().Be("u-1");
        pod.Status!.ContainerStatuses![0].State!.Waiting!.Reason.Should().Be("ImagePullBackOff");
        pod.Status.ContainerStatuses[0].RestartCount.Should().Be(3);
    }

    [Fact]
    public async Task A_custom_resource_uses_its_group_path_and_a_round_trip_keeps_fields_the_model_does_not_know()
    {
        await using var server = await FakeApiServer.StartAsync(context => context.Request.Method == "GET"
            ? Respond.Json(context, """
                {"apiVersion":"kubernaut.ai/v1alpha1","kind":"NotificationRequest","metadata":{"name":"n1","namespace":"ns","resourceVersion":"7"},
                 "spec":{"type":"Simple","priority":"Low","subject":"s","body":"b","futureField":{"x":1}},"topLevelExtra":true}
                """)
            : Respond.Json(context, "{\"metadata\":{\"name\":\"n1\"}}"));
        using var client = server.CreateClient();
        var notifications = client.Resources<NotificationRequest>();

        var notification = await notifications.GetAsync("n1", "ns", Cancellation);
        notification.Metadata.Labels = new() { ["run"] = "r1" };
        await notifications.ReplaceAsync(notification, Cancellation);

        var put = server.Requests.Last();
        put.Method.Should().Be("PUT");
        put.PathAndQuery.Should().Be("/apis/kubernaut.ai/v1alpha1/namespaces/ns/notificationrequests/n1");
        var body = JsonNode.Parse(put.Body)!;
        body["spec"]!["futureField"]!["x"]!.GetValue<int>().Should().Be(1);
        body["topLevelExtra"]!.GetValue<bool>().Should().BeTrue();
        body["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("7");
        body["metadata"]!["labels"]!["run"]!.GetValue<string>().Should().Be("r1");
    }

    [Fact]
    public async Task GetOrNull_returns_null_when_the_object_does_not_exist()
    {
        await using var server = await FakeApiServer.StartAsync(context =>
            Respond.Status(context, 404, "NotFound", "configmaps \"x\" not found", new { name = "x", kind = "configmaps" }));
        using var client = server.CreateClient();

        (await client.Resources<ConfigMap>().GetOrNullAsync("x", "ns", Cancellation)).Should().BeNull();
    }

    [Fact]
    public async Task List_sends_label_and_field_selectors_limit_and_continue_encoded()
    {
        await using var server = await FakeApiServer.StartAsync(context =>
            Respond.Json(context, "{\"kind\":\"PodList\",\"metadata\":{\"resourceVersion\":\"42\",\"continue\":\"next\"},\"items\":[{\"metadata\":{\"name\":\"a\"}}]}"));
        using var client = server.CreateClient();

        var page = await client.Resources<Pod>().ListAsync("ns", new ListOptions
        {
            LabelSelector = "app=web,tier!=cache",
            FieldSelector = "status.phase=Running",
            Limit = 10,
            Continue = "tok/en",
        }, Cancellation);

        var request = server.SingleRequest;
        request.Path.Should().Be("/api/v1/namespaces/ns/pods");
        request.PathAndQuery.Should().Contain("labelSelector=app%3Dweb%2Ctier%21%3Dcache");
        request.Query("fieldSelector").Should().Be("status.phase=Running");
        request.Query("limit").Should().Be("10");
        request.Query("continue").Should().Be("tok/en");
        page.Metadata.ResourceVersion.Should().Be("42");
        page.Metadata.Continue.Should().Be("next");
        page.Items.Select(pod => pod.Metadata.Name).Should().Equal("a");
    }

    [Fact]
    public async Task List_without_a_namespace_addresses_all_namespaces()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{\"items\":[]}"));
        using var client = server.CreateClient();

        await client.Resources<Deployment>().ListAsync(cancellationToken: Cancellation);

        server.SingleRequest.PathAndQuery.Should().Be("/apis/apps/v1/deployments");
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens_until_the_last_page()
    {
        await using var server = await FakeApiServer.StartAsync(context => context.Request.Query["continue"].ToString() switch
        {
            "" => Respond.Json(context, "{\"metadata\":{\"continue\":\"p2\"},\"items\":[{\"metadata\":{\"name\":\"a\"}},{\"metadata\":{\"name\":\"b\"}}]}"),
            "p2" => Respond.Json(context, "{\"metadata\":{\"continue\":\"p3\"},\"items\":[{\"metadata\":{\"name\":\"c\"}}]}"),
            _ => Respond.Json(context, "{\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"d\"}}]}"),
        });
        using var client = server.CreateClient();

        var names = new List<string?>();
        await foreach (var map in client.Resources<ConfigMap>().ListAllAsync("ns", new ListOptions { Limit = 2, LabelSelector = "a=b" }, Cancellation))
        {
            names.Add(map.Metadata.Name);
        }

        names.Should().Equal("a", "b", "c", "d");
        server.Requests.Select(request => request.Query("continue")).Should().Equal(null, "p2", "p3");
        server.Requests.Should().OnlyContain(request => request.Query("limit") == "2" && request.Query("labelSelector") == "a=b");
    }

    [Fact]
    public async Task Create_posts_to_the_collection_of_the_objects_namespace_and_fills_in_apiVersion_and_kind()
    {
        await using var server = await FakeApiServer.StartAsync(context =>
            Respond.Json(context, "{\"apiVersion\":\"kubernaut.ai/v1alpha1\",\"kind\":\"RemediationRequest\",\"metadata\":{\"name\":\"rr\",\"uid\":\"u-9\"}}", 201));
        using var client = server.CreateClient();
        var generic = new KubernetesObject { Metadata = new ObjectMeta { Name = "rr", Namespace = "ns" }, ["spec"] = new JsonObject { ["severity"] = "critical" } };

        var created = await client.Resources<KubernetesObject>(ResourceTypes.RemediationRequest).CreateAsync(generic, Cancellation);

        var request = server.SingleRequest;
        request.Method.Should().Be("POST");
        request.PathAndQuery.Should().Be("/apis/kubernaut.ai/v1alpha1/namespaces/ns/remediationrequests");
        request.ContentType.Should().Be("application/json");
        var body = JsonNode.Parse(request.Body)!;
        body["apiVersion"]!.GetValue<string>().Should().Be("kubernaut.ai/v1alpha1");
        body["kind"]!.GetValue<string>().Should().Be("RemediationRequest");
        body["spec"]!["severity"]!.GetValue<string>().Should().Be("critical");
        created.Metadata.Uid.Should().Be("u-9");
    }

    [Fact]
    public async Task Cluster_scoped_objects_use_the_cluster_path()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{\"metadata\":{\"name\":\"run-1\"}}", 201));
        using var client = server.CreateClient();

        await client.Resources<Namespace>().CreateAsync(new Namespace { Metadata = { Name = "run-1" } }, Cancellation);
        await client.Resources<ClusterRole>().GetAsync("viewer", null, Cancellation);

        server.Requests.Select(request => request.PathAndQuery).Should().Equal(
            "/api/v1/namespaces", "/apis/rbac.authorization.k8s.io/v1/clusterroles/viewer");
    }

    [Fact]
    public async Task Delete_sends_delete_options_with_the_propagation_policy()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{\"kind\":\"Status\",\"status\":\"Success\"}"));
        using var client = server.CreateClient();

        await client.Resources<Deployment>().DeleteAsync("web", "ns", new DeleteOptions
        {
            PropagationPolicy = PropagationPolicies.Foreground,
            GracePeriodSeconds = 0,
            Preconditions = new DeletePreconditions(Uid: "u-1"),
        }, Cancellation);

        var request = server.SingleRequest;
        request.Method.Should().Be("DELETE");
        request.PathAndQuery.Should().Be("/apis/apps/v1/namespaces/ns/deployments/web");
        JsonNode.Parse(request.Body)!.ToJsonString().Should().Be(
            "{\"apiVersion\":\"v1\",\"kind\":\"DeleteOptions\",\"propagationPolicy\":\"Foreground\",\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\"u-1\"}}");
    }

    [Fact]
    public async Task DeleteIfExists_tells_whether_there_was_anything_to_delete()
    {
        await using var server = await FakeApiServer.StartAsync(context => context.Request.Path.Value!.EndsWith("/gone", StringComparison.Ordinal)
            ? Respond.Status(context, 404, "NotFound", "secrets \"gone\" not found", new { name = "gone", kind = "secrets" })
            : Respond.Json(context, "{\"metadata\":{\"name\":\"here\"}}"));
        using var client = server.CreateClient();
        var secrets = client.Resources<Secret>();

        (await secrets.DeleteIfExistsAsync("here", "ns", cancellationToken: Cancellation)).Should().BeTrue();
        (await secrets.DeleteIfExistsAsync("gone", "ns", cancellationToken: Cancellation)).Should().BeFalse();
    }

    public static TheoryData<PatchType, string> PatchContentTypes => new()
    {
        { PatchType.Merge, "application/merge-patch+json" },
        { PatchType.Json, "application/json-patch+json" },
        { PatchType.StrategicMerge, "application/strategic-merge-patch+json" },
    };

    [Theory]
    [MemberData(nameof(PatchContentTypes))]
    public async Task Each_patch_type_is_sent_with_its_content_type(PatchType type, string contentType)
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{\"metadata\":{\"name\":\"web\"}}"));
        using var client = server.CreateClient();
        var patch = type switch
        {
            PatchType.Json => Patch.Json(JsonPatchOperation.Replace("/spec/replicas", 0)),
            PatchType.Merge => Patch.Merge(new { spec = new { replicas = 0 } }),
            _ => Patch.StrategicMerge(new { spec = new { replicas = 0 } }),
        };

        await client.Resources<Deployment>().PatchAsync("web", "ns", patch, Cancellation);

        var request = server.SingleRequest;
        request.Method.Should().Be("PATCH");
        request.PathAndQuery.Should().Be("/apis/apps/v1/namespaces/ns/deployments/web");
        request.ContentType.Should().Be(contentType);
        request.Body.Should().Be(type == PatchType.Json
            ? "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":0}]"
            : "{\"spec\":{\"replicas\":0}}");
    }

    [Fact]
    public async Task A_merge_patch_from_a_json_node_keeps_nulls_so_fields_can_be_removed()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{\"metadata\":{\"name\":\"cm\"}}"));
        using var client = server.CreateClient();

        await client.Resources<ConfigMap>().PatchAsync("cm", "ns",
            Patch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["stale"] = null } } }), Cancellation);

        server.SingleRequest.Body.Should().Be("{\"metadata\":{\"labels\":{\"stale\":null}}}");
    }

    [Fact]
    public async Task The_status_subresource_is_read_replaced_and_patched_on_its_own_path()
    {
        await using var server = await FakeApiServer.StartAsync(context =>
            Respond.Json(context, "{\"metadata\":{\"name\":\"n1\",\"namespace\":\"ns\"},\"status\":{\"phase\":\"Sent\"}}"));
        using var client = server.CreateClient();
        var notifications = client.Resources<NotificationRequest>();

        var current = await notifications.GetStatusAsync("n1", "ns", Cancellation);
        current.Status!.Phase = NotificationPhases.Failed;
        await notifications.ReplaceStatusAsync(current, Cancellation);
        await notifications.PatchStatusAsync("n1", "ns", Patch.Merge(new { status = new { phase = "Sent" } }), Cancellation);

        const string path = "/apis/kubernaut.ai/v1alpha1/namespaces/ns/notificationrequests/n1/status";
        server.Requests.Select(request => (request.Method, request.PathAndQuery)).Should().Equal(("GET", path), ("PUT", path), ("PATCH", path));
        JsonNode.Parse(server.Requests.ElementAt(1).Body)!["status"]!["phase"]!.GetValue<string>().Should().Be("Failed");
        server.Requests.Last().ContentType.Should().Be("application/merge-patch+json");
    }

    [Fact]
    public async Task Namespaced_calls_without_a_namespace_are_refused_before_anything_is_sent()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = server.CreateClient();

        var get = () => client.Resources<Pod>().GetAsync("web", null, Cancellation);
        var create = () => client.Resources<ConfigMap>().CreateAsync(new ConfigMap { Metadata = { Name = "cm" } }, Cancellation);

        (await get.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith("pods is namespaced: pass the namespace of \"web\".");
        (await create.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith("configmaps is namespaced: set metadata.namespace of \"cm\".");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Version_reads_the_servers_version()
    {
        await using var server = await FakeApiServer.StartAsync(context =>
            Respond.Json(context, "{\"major\":\"1\",\"minor\":\"36\",\"gitVersion\":\"v1.36.1\",\"platform\":\"linux/amd64\"}"));
        using var client = server.CreateClient();

        var version = await client.GetVersionAsync(Cancellation);

        server.SingleRequest.PathAndQuery.Should().Be("/version");
        version.GitVersion.Should().Be("v1.36.1");
        version.Minor.Should().Be("36");
    }

    [Fact]
    public async Task Basic_auth_is_sent_as_an_authorization_header()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = server.CreateClient(KubernetesCredentials.Basic("admin", "pw"));

        await client.GetVersionAsync(Cancellation);

        server.SingleRequest.Authorization.Should().Be("Basic " + Convert.ToBase64String("admin:pw"u8.ToArray()));
    }

    [Fact]
    public async Task A_server_url_with_a_path_prefix_keeps_it()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        var configuration = server.Configuration();
        using var client = new KubernetesClient(new KubernetesClientConfiguration
        {
            Server = new Uri(server.Url, "/k8s/clusters/c-1/"),
            ServerTrust = configuration.ServerTrust,
        });

        await client.GetVersionAsync(Cancellation);

        server.SingleRequest.PathAndQuery.Should().Be("/k8s/clusters/c-1/version");
    }

    [Fact]
    public async Task A_token_file_is_read_again_when_it_changes()
    {
        using var directory = new TempDirectory();
        var tokenPath = directory.Write("token", "first\n");
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{}"));
        using var client = server.CreateClient(KubernetesCredentials.TokenFile(tokenPath));

        await client.GetVersionAsync(Cancellation);
        File.WriteAllText(tokenPath, "second");
        File.SetLastWriteTimeUtc(tokenPath, DateTime.UtcNow.AddMinutes(1));
        await client.GetVersionAsync(Cancellation);

        server.Requests.Select(request => request.Authorization).Should().Equal("Bearer first", "Bearer second");
    }
}
