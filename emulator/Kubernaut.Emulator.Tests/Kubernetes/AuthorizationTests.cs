using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Security;
using Kubernaut.Emulator.Tests.Kubernetes.Support;
using Kubernaut.Emulator.Tests.Notification.Support;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>TokenRequest, token review and RBAC decisions, over HTTPS and on the interfaces DataStorage and the controller use.</summary>
public sealed class AuthorizationTests(SharedEmulator emulator) : IClassFixture<SharedEmulator>
{
    private const string Footprint = "notification-e2e";
    private const string ControllerUser = "system:serviceaccount:notification-e2e:notification-controller";

    [Fact]
    public async Task A_token_request_answers_a_token_that_expires_as_asked()
    {
        using var api = emulator.Client();
        var before = DateTimeOffset.UtcNow;

        var defaulted = (await api.PostAsync($"/api/v1/namespaces/{Footprint}/serviceaccounts/notification-controller/token", new JsonObject()))
            .Expect(HttpStatusCode.Created).Object;
        var custom = (await api.PostAsync($"/api/v1/namespaces/{Footprint}/serviceaccounts/notification-controller/token",
            JsonNode.Parse("""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":7200,"audiences":["datastorage"]}}""")))
            .Expect(HttpStatusCode.Created).Object;

        defaulted["apiVersion"]!.GetValue<string>().Should().Be("authentication.k8s.io/v1");
        defaulted["kind"]!.GetValue<string>().Should().Be("TokenRequest");
        defaulted["status"]!["token"]!.GetValue<string>().Split('.').Should().HaveCount(3, "service account tokens are JWTs");
        DateTimeOffset.Parse(defaulted["status"]!["expirationTimestamp"]!.GetValue<string>()).Should().BeCloseTo(before.AddHours(1), TimeSpan.FromSeconds(5));
        custom["spec"]!["expirationSeconds"]!.GetValue<long>().Should().Be(7200);
        custom["spec"]!["audiences"]![0]!.GetValue<string>().Should().Be("datastorage");
        DateTimeOffset.Parse(custom["status"]!["expirationTimestamp"]!.GetValue<string>()).Should().BeCloseTo(before.AddHours(2), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_token_request_for_a_short_lifetime_or_a_missing_account_is_refused()
    {
        using var api = emulator.Client();

        var tooShort = (await api.PostAsync($"/api/v1/namespaces/{Footprint}/serviceaccounts/notification-controller/token", JsonNode.Parse("""{"spec":{"expirationSeconds":60}}""")))
            .Expect((HttpStatusCode)422).Object;
        var missing = (await api.PostAsync($"/api/v1/namespaces/{Footprint}/serviceaccounts/nobody/token", new JsonObject())).Expect(HttpStatusCode.NotFound).Object;

        tooShort["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("spec.expirationSeconds");
        tooShort["details"]!["causes"]![0]!["message"]!.GetValue<string>().Should().Be("Invalid value: 60: may not specify a duration less than 10 minutes");
        missing["message"]!.GetValue<string>().Should().Be("serviceaccounts \"nobody\" not found");
    }

    [Fact]
    public async Task The_controller_account_may_read_the_data_storage_service_and_nothing_else_it_was_not_granted()
    {
        var token = emulator.Host.Tokens.IssueToken(Footprint, "notification-controller", TimeSpan.FromHours(1));
        using var controller = emulator.Client(token);

        (await controller.GetAsync($"/api/v1/namespaces/{Footprint}/services/data-storage-service")).Expect(HttpStatusCode.OK);
        var list = (await controller.GetAsync($"/api/v1/namespaces/{Footprint}/services")).Expect(HttpStatusCode.Forbidden).Object;
        var pod = (await controller.GetAsync($"/api/v1/namespaces/{Footprint}/pods/anything")).Expect(HttpStatusCode.Forbidden).Object;
        var nodes = (await controller.GetAsync("/api/v1/namespaces")).Expect(HttpStatusCode.Forbidden).Object;

        list["message"]!.GetValue<string>().Should().Be($"services is forbidden: User \"{ControllerUser}\" cannot list resource \"services\" in API group \"\" in the namespace \"{Footprint}\"");
        list["reason"]!.GetValue<string>().Should().Be("Forbidden");
        list["code"]!.GetValue<int>().Should().Be(403);
        pod["message"]!.GetValue<string>().Should().Be($"pods \"anything\" is forbidden: User \"{ControllerUser}\" cannot get resource \"pods\" in API group \"\" in the namespace \"{Footprint}\"");
        pod["details"]!["name"]!.GetValue<string>().Should().Be("anything");
        nodes["message"]!.GetValue<string>().Should().Be($"namespaces is forbidden: User \"{ControllerUser}\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("1")]
    [InlineData("t")]
    public async Task A_watch_is_authorized_as_watch_however_the_parameter_is_spelled(string watch)
    {
        var token = emulator.Host.Tokens.IssueToken(Footprint, "notification-controller", TimeSpan.FromHours(1));
        using var controller = emulator.Client(token);

        var refused = (await controller.GetAsync($"/api/v1/namespaces/{Footprint}/services?watch={watch}")).Expect(HttpStatusCode.Forbidden).Object;

        refused["message"]!.GetValue<string>().Should().Be($"services is forbidden: User \"{ControllerUser}\" cannot watch resource \"services\" in API group \"\" in the namespace \"{Footprint}\"");
    }

    [Fact]
    public async Task Token_and_access_reviews_answer_as_the_api_server()
    {
        var token = emulator.Host.Tokens.IssueToken(Footprint, "notification-controller", TimeSpan.FromHours(1));
        using var api = emulator.Client();

        var review = (await api.PostAsync("/apis/authentication.k8s.io/v1/tokenreviews", new JsonObject { ["spec"] = new JsonObject { ["token"] = token } })).Expect(HttpStatusCode.Created).Object;
        var forged = (await api.PostAsync("/apis/authentication.k8s.io/v1/tokenreviews", new JsonObject { ["spec"] = new JsonObject { ["token"] = token[..^4] + "AAAA" } })).Expect(HttpStatusCode.Created).Object;
        var allowed = (await api.PostAsync("/apis/authorization.k8s.io/v1/subjectaccessreviews", SubjectAccessReview(ControllerUser, "create", "data-storage-service"))).Expect(HttpStatusCode.Created).Object;
        var denied = (await api.PostAsync("/apis/authorization.k8s.io/v1/subjectaccessreviews", SubjectAccessReview(ControllerUser, "patch", "data-storage-service"))).Expect(HttpStatusCode.Created).Object;

        review["status"]!["authenticated"]!.GetValue<bool>().Should().BeTrue();
        review["status"]!["user"]!["username"]!.GetValue<string>().Should().Be(ControllerUser);
        review["status"]!["user"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()).Should().Contain(["system:serviceaccounts", "system:serviceaccounts:notification-e2e"]);
        forged["status"]!["authenticated"]!.GetValue<bool>().Should().BeFalse();
        allowed["status"]!["allowed"]!.GetValue<bool>().Should().BeTrue();
        denied["status"]!["allowed"]!.GetValue<bool>().Should().BeFalse("data-storage-client grants create/get/list/update/delete, not patch");
    }

    [Fact]
    public void A_service_account_token_stops_working_when_it_expires_or_its_account_is_deleted()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var store = new ObjectStore(clock);
        using var tokens = new TokenAuthority(store, clock);
        store.Create(ResourceKinds.ServiceAccount, ServiceAccount("ns", "robot"));
        var expiring = tokens.IssueToken("ns", "robot", TimeSpan.FromMinutes(10));
        var revoked = tokens.IssueToken("ns", "robot", TimeSpan.FromHours(1));

        tokens.Authenticate(expiring)!.Username.Should().Be("system:serviceaccount:ns:robot");
        clock.Advance(TimeSpan.FromMinutes(10));
        tokens.Authenticate(expiring).Should().BeNull("the token expired");
        tokens.Authenticate(revoked).Should().NotBeNull();
        store.Delete(ResourceKinds.ServiceAccount, "ns", "robot");
        store.Create(ResourceKinds.ServiceAccount, ServiceAccount("ns", "robot"));
        tokens.Authenticate(revoked).Should().BeNull("a token is bound to the uid of the account it was issued for");
        tokens.Authenticate(tokens.AdminToken).Should().Be(TokenAuthority.Admin);
        var missing = () => tokens.IssueToken("ns", "ghost", TimeSpan.FromHours(1));
        missing.Should().Throw<ApiException>().Which.Reason.Should().Be("NotFound");
    }

    [Theory]
    [InlineData("get", "", "configmaps", "team-a", "settings", true)]
    [InlineData("list", "", "configmaps", "team-a", "", true)]
    [InlineData("get", "", "configmaps", "team-b", "settings", false)]
    [InlineData("delete", "", "configmaps", "team-a", "settings", false)]
    [InlineData("get", "", "secrets", "team-a", "db", true)]
    [InlineData("get", "", "secrets", "team-a", "other", false)]
    [InlineData("list", "", "secrets", "team-a", "", false)]
    [InlineData("get", "", "pods/log", "team-a", "web-1", true)]
    [InlineData("get", "", "pods", "team-a", "web-1", false)]
    [InlineData("watch", "kubernaut.ai", "notificationrequests", "anywhere", "", true)]
    [InlineData("watch", "apps", "notificationrequests", "anywhere", "", false)]
    [InlineData("update", "kubernaut.ai", "notificationrequests/status", "anywhere", "n", true)]
    public void Rbac_decides_from_roles_cluster_roles_bindings_and_subjects(string verb, string group, string resource, string ns, string name, bool allowed)
    {
        var store = new ObjectStore();
        var rbac = new RbacAuthorizer(store);
        Create(store, ResourceKinds.Role, """
            {"metadata":{"name":"reader","namespace":"team-a"},"rules":[
              {"apiGroups":[""],"resources":["configmaps"],"verbs":["get","list","watch"]},
              {"apiGroups":[""],"resources":["secrets"],"resourceNames":["db"],"verbs":["get"]},
              {"apiGroups":[""],"resources":["pods/log"],"verbs":["get"]}]}
            """);
        Create(store, ResourceKinds.RoleBinding, """
            {"metadata":{"name":"readers","namespace":"team-a"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"reader"},
             "subjects":[{"kind":"Group","name":"qa"}]}
            """);
        Create(store, ResourceKinds.ClusterRole, """
            {"metadata":{"name":"notification-watcher"},"rules":[{"apiGroups":["kubernaut.ai"],"resources":["notificationrequests","*/status"],"verbs":["watch","update"]}]}
            """);
        Create(store, ResourceKinds.ClusterRoleBinding, """
            {"metadata":{"name":"watchers"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"notification-watcher"},
             "subjects":[{"kind":"User","name":"alice"}]}
            """);
        var alice = new UserInfo("alice", ["qa", "system:authenticated"]);

        rbac.IsAllowed(alice, new ResourceAttributes(verb, group, resource, ns, name)).Should().Be(allowed);
        rbac.IsAllowed(new UserInfo("bob", ["system:authenticated"]), new ResourceAttributes(verb, group, resource, ns, name)).Should().BeFalse("bob is bound to nothing");
    }

    [Fact]
    public void Service_account_subjects_default_to_the_namespace_of_their_role_binding()
    {
        var store = new ObjectStore();
        var rbac = new RbacAuthorizer(store);
        Create(store, ResourceKinds.ClusterRole, """{"metadata":{"name":"viewer"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""");
        Create(store, ResourceKinds.RoleBinding, """
            {"metadata":{"name":"view","namespace":"apps"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"viewer"},
             "subjects":[{"kind":"ServiceAccount","name":"builder"}]}
            """);

        rbac.IsAllowed(UserInfo.ServiceAccount("apps", "builder"), new ResourceAttributes("get", "", "pods", "apps", "p")).Should().BeTrue();
        rbac.IsAllowed(UserInfo.ServiceAccount("other", "builder"), new ResourceAttributes("get", "", "pods", "apps", "p")).Should().BeFalse();
        rbac.IsAllowed(UserInfo.ServiceAccount("apps", "builder"), new ResourceAttributes("get", "", "pods", "elsewhere", "p")).Should().BeFalse("a RoleBinding grants only in its namespace");
    }

    private static JsonObject SubjectAccessReview(string user, string verb, string name) => new()
    {
        ["apiVersion"] = "authorization.k8s.io/v1",
        ["kind"] = "SubjectAccessReview",
        ["spec"] = new JsonObject
        {
            ["user"] = user,
            ["groups"] = new JsonArray("system:serviceaccounts"),
            ["resourceAttributes"] = new JsonObject { ["namespace"] = Footprint, ["verb"] = verb, ["resource"] = "services", ["name"] = name },
        },
    };

    private static JsonObject ServiceAccount(string ns, string name) => new() { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns } };

    private static void Create(ObjectStore store, ResourceKind kind, string json) => store.Create(kind, JsonNode.Parse(json)!.AsObject());
}
