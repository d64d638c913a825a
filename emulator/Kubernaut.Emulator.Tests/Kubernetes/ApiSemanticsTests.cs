using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Tests.Kubernetes.Support;
using Kubernaut.Emulator.Tests.Notification.Support;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>The emulated API server over real HTTPS: CRUD, Status bodies, patches, selectors, paging, watches, discovery.</summary>
public sealed class ApiSemanticsTests(SharedEmulator emulator) : IClassFixture<SharedEmulator>
{
    private static JsonObject ConfigMap(string name, IReadOnlyDictionary<string, string>? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject((labels ?? new Dictionary<string, string>()).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
        },
        ["data"] = new JsonObject { ["key"] = "1" },
    };

    [Fact]
    public async Task Create_get_update_and_delete_follow_api_server_semantics()
    {
        var ns = await emulator.NewNamespaceAsync("crud");
        using var api = emulator.Client();
        var path = $"/api/v1/namespaces/{ns}/configmaps";

        var created = (await api.PostAsync(path, ConfigMap("settings"))).Expect(HttpStatusCode.Created).Object;
        created["metadata"]!["uid"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        created["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        created["metadata"]!["creationTimestamp"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        var firstVersion = long.Parse(created["metadata"]!["resourceVersion"]!.GetValue<string>());

        var changed = (JsonObject)created.DeepClone();
        changed["data"]!["key"] = "2";
        var updated = (await api.PutAsync($"{path}/settings", changed)).Expect(HttpStatusCode.OK).Object;
        long.Parse(updated["metadata"]!["resourceVersion"]!.GetValue<string>()).Should().BeGreaterThan(firstVersion);
        (await api.GetAsync($"{path}/settings")).Expect(HttpStatusCode.OK).Object["data"]!["key"]!.GetValue<string>().Should().Be("2");

        var stale = (await api.PutAsync($"{path}/settings", changed)).Expect(HttpStatusCode.Conflict).Object;
        stale["reason"]!.GetValue<string>().Should().Be("Conflict");
        stale["message"]!.GetValue<string>().Should().Be("Operation cannot be fulfilled on configmaps \"settings\": the object has been modified; please apply your changes to the latest version and try again");

        var deleted = (await api.DeleteAsync($"{path}/settings")).Expect(HttpStatusCode.OK).Object;
        deleted["kind"]!.GetValue<string>().Should().Be("Status");
        deleted["status"]!.GetValue<string>().Should().Be("Success");
        deleted["details"]!["uid"]!.GetValue<string>().Should().Be(created["metadata"]!["uid"]!.GetValue<string>());

        var missing = (await api.GetAsync($"{path}/settings")).Expect(HttpStatusCode.NotFound).Object;
        JsonNode.DeepEquals(missing, JsonNode.Parse("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"settings\" not found",
             "reason":"NotFound","details":{"name":"settings","kind":"configmaps"},"code":404}
            """)).Should().BeTrue($"the NotFound Status is shaped as the API server's: {missing.ToJsonString()}");
    }

    [Fact]
    public async Task Creating_an_existing_object_is_409_AlreadyExists_with_group_details()
    {
        var ns = await emulator.NewNamespaceAsync("exists");
        using var api = emulator.Client();
        var deployment = Deployment("web", replicas: 0);
        (await api.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments", deployment)).Expect(HttpStatusCode.Created);

        var again = (await api.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments", deployment)).Expect(HttpStatusCode.Conflict).Object;

        again["reason"]!.GetValue<string>().Should().Be("AlreadyExists");
        again["message"]!.GetValue<string>().Should().Be("deployments.apps \"web\" already exists");
        again["details"]!["group"]!.GetValue<string>().Should().Be("apps");
        again["details"]!["kind"]!.GetValue<string>().Should().Be("deployments");
    }

    [Fact]
    public async Task An_invalid_name_is_422_Invalid_with_a_cause_naming_the_field()
    {
        var ns = await emulator.NewNamespaceAsync("names");
        using var api = emulator.Client();

        var invalid = (await api.PostAsync($"/api/v1/namespaces/{ns}/configmaps", ConfigMap("Bad_Name"))).Expect((HttpStatusCode)422).Object;

        invalid["reason"]!.GetValue<string>().Should().Be("Invalid");
        invalid["details"]!["kind"]!.GetValue<string>().Should().Be("ConfigMap");
        var cause = invalid["details"]!["causes"]![0]!;
        cause["reason"]!.GetValue<string>().Should().Be("FieldValueInvalid");
        cause["field"]!.GetValue<string>().Should().Be("metadata.name");
        cause["message"]!.GetValue<string>().Should().StartWith("Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of");
        invalid["message"]!.GetValue<string>().Should().StartWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value:");
    }

    [Fact]
    public async Task Objects_go_only_into_existing_namespaces_that_match_the_url()
    {
        using var api = emulator.Client();

        var missing = (await api.PostAsync("/api/v1/namespaces/no-such-namespace/configmaps", ConfigMap("a"))).Expect(HttpStatusCode.NotFound).Object;
        missing["message"]!.GetValue<string>().Should().Be("namespaces \"no-such-namespace\" not found");

        var ns = await emulator.NewNamespaceAsync("mismatch");
        var elsewhere = ConfigMap("a");
        elsewhere["metadata"]!["namespace"] = "default";
        var mismatch = (await api.PostAsync($"/api/v1/namespaces/{ns}/configmaps", elsewhere)).Expect(HttpStatusCode.BadRequest).Object;
        mismatch["message"]!.GetValue<string>().Should().Be("the namespace of the provided object does not match the namespace sent on the request");
    }

    [Fact]
    public async Task Merge_and_json_patches_change_objects_and_report_failed_tests()
    {
        var ns = await emulator.NewNamespaceAsync("patch");
        using var api = emulator.Client();
        var path = $"/api/v1/namespaces/{ns}/configmaps/settings";
        (await api.PostAsync($"/api/v1/namespaces/{ns}/configmaps", ConfigMap("settings"))).Expect(HttpStatusCode.Created);

        var merged = (await api.PatchAsync(path, JsonNode.Parse("""{"data":{"key":null,"other":"x"}}""")!, "application/merge-patch+json")).Expect(HttpStatusCode.OK).Object;
        merged["data"]!.ToJsonString().Should().Be("""{"other":"x"}""");

        var patched = (await api.PatchAsync(path, JsonNode.Parse("""[{"op":"test","path":"/data/other","value":"x"},{"op":"add","path":"/data/added","value":"y"},{"op":"remove","path":"/data/other"}]""")!, "application/json-patch+json"))
            .Expect(HttpStatusCode.OK).Object;
        patched["data"]!.ToJsonString().Should().Be("""{"added":"y"}""");

        var failedTest = (await api.PatchAsync(path, JsonNode.Parse("""[{"op":"test","path":"/data/added","value":"z"}]""")!, "application/json-patch+json")).Expect((HttpStatusCode)422).Object;
        failedTest["message"]!.GetValue<string>().Should().Contain("testing value /data/added failed");

        var unsupported = (await api.PatchAsync(path, JsonNode.Parse("{}")!, "application/x-custom")).Expect(HttpStatusCode.UnsupportedMediaType).Object;
        unsupported["reason"]!.GetValue<string>().Should().Be("UnsupportedMediaType");
    }

    [Fact]
    public async Task Strategic_merge_patches_merge_containers_by_name_and_are_refused_for_custom_resources()
    {
        var ns = await emulator.NewNamespaceAsync("smp");
        using var api = emulator.Client();
        (await api.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments", Deployment("web", replicas: 0))).Expect(HttpStatusCode.Created);

        // What kubectl apply sends when only the image of one container changed.
        var patch = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"image":"nginx:1.27","name":"app"}]}}}}
            """)!;
        var updated = (await api.PatchAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web", patch, "application/strategic-merge-patch+json")).Expect(HttpStatusCode.OK).Object;

        var container = updated["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["image"]!.GetValue<string>().Should().Be("nginx:1.27");
        container["ports"]![0]!["containerPort"]!.GetValue<long>().Should().Be(8080, "fields the patch does not mention are kept");
        updated["spec"]!["template"]!["spec"]!.AsObject().ContainsKey("$setElementOrder/containers").Should().BeFalse();
        updated["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);

        var notification = NotificationRequests.Valid("smp");
        (await api.PostAsync($"/apis/kubernaut.ai/v1alpha1/namespaces/{ns}/notificationrequests", notification)).Expect(HttpStatusCode.Created);
        (await api.PatchAsync($"/apis/kubernaut.ai/v1alpha1/namespaces/{ns}/notificationrequests/smp", JsonNode.Parse("""{"metadata":{"labels":{"a":"b"}}}""")!, "application/strategic-merge-patch+json"))
            .Expect(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Label_and_field_selectors_filter_lists()
    {
        var ns = await emulator.NewNamespaceAsync("selectors");
        using var api = emulator.Client();
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        (await api.PostAsync(path, ConfigMap("alpha", new Dictionary<string, string> { ["app"] = "a", ["tier"] = "web" }))).Expect(HttpStatusCode.Created);
        (await api.PostAsync(path, ConfigMap("beta", new Dictionary<string, string> { ["app"] = "b" }))).Expect(HttpStatusCode.Created);
        (await api.PostAsync(path, ConfigMap("gamma", new Dictionary<string, string> { ["app"] = "c" }))).Expect(HttpStatusCode.Created);

        async Task<string[]> Names(string query) => (await api.GetAsync($"{path}?{query}")).Expect(HttpStatusCode.OK).Items.Select(ObjectMeta.Name).ToArray();

        (await Names("labelSelector=app%3Da")).Should().Equal("alpha");
        (await Names("labelSelector=app%20in%20(a,b)")).Should().Equal("alpha", "beta");
        (await Names("labelSelector=app!%3Da,!tier")).Should().Equal("beta", "gamma");
        (await Names("fieldSelector=metadata.name%3Dgamma")).Should().Equal("gamma");
        (await Names("fieldSelector=metadata.name!%3Dgamma&labelSelector=app")).Should().Equal("alpha", "beta");

        var unsupported = (await api.GetAsync($"{path}?fieldSelector=data.key%3D1")).Expect(HttpStatusCode.BadRequest).Object;
        unsupported["message"]!.GetValue<string>().Should().StartWith("field label not supported: data.key");
    }

    [Fact]
    public async Task Lists_page_with_limit_and_continue()
    {
        var ns = await emulator.NewNamespaceAsync("paging");
        using var api = emulator.Client();
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        foreach (var name in new[] { "a", "b", "c" })
        {
            (await api.PostAsync(path, ConfigMap(name))).Expect(HttpStatusCode.Created);
        }

        var first = (await api.GetAsync($"{path}?limit=2")).Expect(HttpStatusCode.OK);
        var token = first.Object["metadata"]!["continue"]!.GetValue<string>();
        var second = (await api.GetAsync($"{path}?limit=2&continue={Uri.EscapeDataString(token)}")).Expect(HttpStatusCode.OK);

        first.Items.Select(ObjectMeta.Name).Should().Equal("a", "b");
        first.Object["metadata"]!["remainingItemCount"]!.GetValue<long>().Should().Be(1);
        second.Items.Select(ObjectMeta.Name).Should().Equal("c");
        second.Object["metadata"]!.AsObject().ContainsKey("continue").Should().BeFalse();
    }

    [Fact]
    public async Task A_watch_streams_every_change_after_the_given_resource_version()
    {
        var ns = await emulator.NewNamespaceAsync("watch");
        using var api = emulator.Client();
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        var created = (await api.PostAsync(path, ConfigMap("watched"))).Expect(HttpStatusCode.Created).Object;
        var version = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        (await api.PatchAsync($"{path}/watched", JsonNode.Parse("""{"data":{"key":"2"}}""")!, "application/merge-patch+json")).Expect(HttpStatusCode.OK);
        (await api.DeleteAsync($"{path}/watched")).Expect(HttpStatusCode.OK);

        var events = await WatchLinesAsync(api, $"{path}?watch=true&resourceVersion={version}", count: 2);

        events.Select(e => e["type"]!.GetValue<string>()).Should().Equal("MODIFIED", "DELETED");
        events[0]["object"]!["data"]!["key"]!.GetValue<string>().Should().Be("2");
        events[1]["object"]!["metadata"]!["name"]!.GetValue<string>().Should().Be("watched");
    }

    [Fact]
    public async Task A_watch_without_a_resource_version_starts_with_the_current_objects_and_can_stream_tables()
    {
        var ns = await emulator.NewNamespaceAsync("watch-table");
        using var api = emulator.Client();
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        (await api.PostAsync(path, ConfigMap("existing"))).Expect(HttpStatusCode.Created);

        var events = await WatchLinesAsync(api, $"{path}?watch=1", count: 1, accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        events[0]["type"]!.GetValue<string>().Should().Be("ADDED");
        var table = events[0]["object"]!;
        table["kind"]!.GetValue<string>().Should().Be("Table");
        table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("Name", "Data", "Age");
        table["rows"]![0]!["cells"]![0]!.GetValue<string>().Should().Be("existing");
    }

    [Fact]
    public async Task Requests_need_a_known_bearer_token_except_version_and_health()
    {
        using var anonymous = emulator.Client(token: "");
        using var unknown = emulator.Client(token: "not-a-token");

        var denied = (await anonymous.GetAsync("/api/v1/namespaces")).Expect(HttpStatusCode.Unauthorized).Object;
        denied["reason"]!.GetValue<string>().Should().Be("Unauthorized");
        denied["code"]!.GetValue<int>().Should().Be(401);
        (await unknown.GetAsync("/apis")).Expect(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/version")).Expect(HttpStatusCode.OK).Object["gitVersion"]!.GetValue<string>().Should().StartWith("v1.32");
        (await anonymous.GetAsync("/readyz")).Expect(HttpStatusCode.OK).Text.Should().Be("ok");
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_unsupported_methods_405()
    {
        using var api = emulator.Client();

        (await api.GetAsync("/api/v1/widgets")).Expect(HttpStatusCode.NotFound).Object["reason"]!.GetValue<string>().Should().Be("NotFound");
        (await api.GetAsync("/apis/kubernaut.ai/v1alpha1/namespaces/default/notificationrequests/x/bogus")).Expect(HttpStatusCode.NotFound);
        (await api.PutAsync("/api/v1/namespaces/default/configmaps", ConfigMap("x"))).Expect(HttpStatusCode.MethodNotAllowed)
            .Object["reason"]!.GetValue<string>().Should().Be("MethodNotAllowed");
    }

    [Fact]
    public async Task Yaml_bodies_are_accepted_like_json()
    {
        var ns = await emulator.NewNamespaceAsync("yaml");
        using var api = emulator.Client();
        var yaml = new StringContent("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  answer: \"42\"\n", Encoding.UTF8);
        yaml.Headers.ContentType = MediaTypeHeaderValue.Parse("application/yaml");

        var created = (await api.SendRawAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", yaml)).Expect(HttpStatusCode.Created).Object;

        created["data"]!["answer"]!.GetValue<string>().Should().Be("42");
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_everything_in_it()
    {
        var ns = await emulator.NewNamespaceAsync("doomed");
        using var api = emulator.Client();
        (await api.PostAsync($"/api/v1/namespaces/{ns}/configmaps", ConfigMap("inside"))).Expect(HttpStatusCode.Created);
        (await api.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments", Deployment("web", replicas: 1))).Expect(HttpStatusCode.Created);
        await Eventually.UntilAsync(() => api.GetAsync($"/api/v1/namespaces/{ns}/pods"), r => r.Items.Count == 1, "the deployment's pod");

        var terminating = (await api.DeleteAsync($"/api/v1/namespaces/{ns}")).Expect(HttpStatusCode.OK).Object;

        terminating["status"]!["phase"]!.GetValue<string>().Should().Be("Terminating");
        (await api.GetAsync($"/api/v1/namespaces/{ns}")).Expect(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/v1/configmaps?fieldSelector=metadata.namespace%3D{ns}")).Expect(HttpStatusCode.OK).Items.Should().BeEmpty();
        (await api.GetAsync($"/api/v1/pods?fieldSelector=metadata.namespace%3D{ns}")).Expect(HttpStatusCode.OK).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Discovery_and_openapi_describe_what_is_served()
    {
        using var api = emulator.Client();

        var core = (await api.GetAsync("/api/v1")).Expect(HttpStatusCode.OK).Object;
        var token = core["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "serviceaccounts/token")!;
        token["group"]!.GetValue<string>().Should().Be("authentication.k8s.io");
        token["kind"]!.GetValue<string>().Should().Be("TokenRequest");
        core["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().Contain(["pods", "pods/log", "pods/status", "events", "secrets", "namespaces"]);

        var groups = (await api.GetAsync("/apis")).Expect(HttpStatusCode.OK).Object;
        groups["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).Should().Contain(["apps", "rbac.authorization.k8s.io", "kubernaut.ai"]);

        var kubernaut = (await api.GetAsync("/apis/kubernaut.ai/v1alpha1")).Expect(HttpStatusCode.OK).Object;
        var notifications = kubernaut["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "notificationrequests")!;
        notifications["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("notif", "notifs");
        kubernaut["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().Contain("notificationrequests/status");

        var index = (await api.GetAsync("/openapi/v3")).Expect(HttpStatusCode.OK).Object;
        var url = index["paths"]!["apis/kubernaut.ai/v1alpha1"]!["serverRelativeURL"]!.GetValue<string>();
        var document = (await api.GetAsync(url)).Expect(HttpStatusCode.OK).Object;
        var patch = document["paths"]!["/apis/kubernaut.ai/v1alpha1/namespaces/{namespace}/notificationrequests/{name}"]!["patch"]!;
        patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>().Should().Be("NotificationRequest");
        patch["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain("fieldValidation");
    }

    internal static JsonObject Deployment(string name, int replicas, string image = "nginx:1.25") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name, ["tier"] = "test" } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "app",
                        ["image"] = image,
                        ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }),
                        ["env"] = new JsonArray(new JsonObject { ["name"] = "MODE", ["value"] = "test" }),
                    }),
                },
            },
        },
    };

    /// <summary>Reads the first <paramref name="count"/> lines of a watch stream (each one event), then closes it.</summary>
    private static async Task<IReadOnlyList<JsonObject>> WatchLinesAsync(ApiClient api, string path, int count, string? accept = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<JsonObject>();
        while (events.Count < count)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException($"The watch ended after {events.Count} of {count} events: {string.Join('\n', events)}");
            events.Add(JsonNode.Parse(line)!.AsObject());
        }
        return events;
    }
}
