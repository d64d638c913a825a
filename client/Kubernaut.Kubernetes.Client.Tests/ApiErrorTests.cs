using System.Net;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Kubernetes.Client.Tests;

/// <summary>Each error status becomes one message naming the request, the server's cause and the fix; the Status stays on the exception.</summary>
public sealed class ApiErrorTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unauthorized_names_the_user_and_context_but_never_the_token()
    {
        var (exception, server) = await FailureAsync(context => Respond.Status(context, 401, "Unauthorized", "Unauthorized"),
            client => client.GetVersionAsync(Cancellation), KubernetesCredentials.BearerToken(KubeconfigYaml.Token));

        exception.IsUnauthorized.Should().BeTrue();
        exception.Message.Should().Be(
            $"GET {server}version: 401 Unauthorized: Unauthorized. Fix: the API server did not accept a bearer token of user \"tester\" (context \"fake\"): " +
            "refresh the credentials, e.g. re-export the kubeconfig (kind export kubeconfig --name <cluster>) or request a new token.");
        exception.ToString().Should().NotContain(KubeconfigYaml.Token);
    }

    [Fact]
    public async Task Unauthorized_without_any_credentials_says_they_are_missing()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 401, "Unauthorized", "Unauthorized"), client => client.GetVersionAsync(Cancellation));

        exception.Fix.Should().Be("the request carried no credentials: give the user of context \"fake\" a token, client certificate or exec plugin");
    }

    [Fact]
    public async Task Forbidden_for_a_service_account_says_which_binding_is_missing()
    {
        var (exception, server) = await FailureAsync(context => Respond.Status(context, 403, "Forbidden",
                "pods is forbidden: User \"system:serviceaccount:notification-e2e:notification-e2e-sa\" cannot list resource \"pods\" in API group \"\" in the namespace \"kubernaut-system\"",
                new { kind = "pods" }),
            client => client.Resources<Pod>().ListAsync("kubernaut-system", cancellationToken: Cancellation));

        exception.IsForbidden.Should().BeTrue();
        exception.Status.Details!.Kind.Should().Be("pods");
        exception.Message.Should().Be(
            $"GET {server}api/v1/namespaces/kubernaut-system/pods: 403 Forbidden: pods is forbidden: User \"system:serviceaccount:notification-e2e:notification-e2e-sa\" " +
            "cannot list resource \"pods\" in API group \"\" in the namespace \"kubernaut-system\". " +
            "Fix: bind the ServiceAccount notification-e2e/notification-e2e-sa to a Role or ClusterRole granting \"list\" on \"pods\" (API group \"\") in namespace \"kubernaut-system\".");
    }

    [Fact]
    public async Task Forbidden_for_a_user_on_a_custom_resource_names_the_verb_and_group()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 403, "Forbidden",
                "notificationrequests.kubernaut.ai is forbidden: User \"alice\" cannot create resource \"notificationrequests\" in API group \"kubernaut.ai\" in the namespace \"ns\""),
            client => client.Resources<NotificationRequest>().CreateAsync(new NotificationRequest { Metadata = { Name = "n", Namespace = "ns" } }, Cancellation));

        exception.Fix.Should().Be("bind user \"alice\" to a Role or ClusterRole granting \"create\" on \"notificationrequests\" (API group \"kubernaut.ai\") in namespace \"ns\"");
    }

    [Fact]
    public async Task Forbidden_for_an_anonymous_request_says_credentials_are_missing()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 403, "Forbidden",
                "namespaces is forbidden: User \"system:anonymous\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope"),
            client => client.Resources<Namespace>().ListAsync(cancellationToken: Cancellation));

        exception.Fix.Should().StartWith("the request carried no accepted credentials: configure a token, client certificate or exec plugin for the user")
            .And.EndWith("granting \"list\" on \"namespaces\" (API group \"\") cluster-wide (ClusterRole + ClusterRoleBinding)");
    }

    [Fact]
    public async Task Not_found_for_an_object_names_it()
    {
        var (exception, server) = await FailureAsync(context => Respond.Status(context, 404, "NotFound",
                "notificationrequests.kubernaut.ai \"n1\" not found", new { name = "n1", group = "kubernaut.ai", kind = "notificationrequests" }),
            client => client.Resources<NotificationRequest>().GetAsync("n1", "ns", Cancellation));

        exception.IsNotFound.Should().BeTrue();
        exception.Message.Should().Be(
            $"GET {server}apis/kubernaut.ai/v1alpha1/namespaces/ns/notificationrequests/n1: 404 Not Found: notificationrequests.kubernaut.ai \"n1\" not found. " +
            "Fix: check the name \"n1\" in namespace \"ns\", or create the object first.");
    }

    [Fact]
    public async Task Not_found_for_an_unserved_custom_resource_says_to_install_its_CRD()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 404, "NotFound", "the server could not find the requested resource", new { }),
            client => client.Resources<NotificationRequest>().ListAsync("ns", cancellationToken: Cancellation));

        exception.Fix.Should().Be("the API server does not serve kubernaut.ai/v1alpha1 notificationrequests: install its CustomResourceDefinition (for Kubernaut: kubectl apply -f config/crd/bases/)");
    }

    [Fact]
    public async Task Not_found_for_a_missing_namespace_says_to_create_it()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 404, "NotFound", "namespaces \"run-7\" not found", new { name = "run-7", kind = "namespaces" }),
            client => client.Resources<ConfigMap>().CreateAsync(new ConfigMap { Metadata = { Name = "cm", Namespace = "run-7" } }, Cancellation));

        exception.Fix.Should().Be("create the namespace \"run-7\" first, or use an existing one");
    }

    [Fact]
    public async Task Already_exists_suggests_another_name()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 409, "AlreadyExists", "configmaps \"cm\" already exists", new { name = "cm", kind = "configmaps" }),
            client => client.Resources<ConfigMap>().CreateAsync(new ConfigMap { Metadata = { Name = "cm", Namespace = "ns" } }, Cancellation));

        exception.IsAlreadyExists.Should().BeTrue();
        exception.IsConflict.Should().BeFalse();
        exception.Message.Should().EndWith("409 Conflict: configmaps \"cm\" already exists. Fix: choose another name, or delete or replace the existing object.");
    }

    [Fact]
    public async Task A_lost_update_race_says_to_read_again_and_retry()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 409, "Conflict",
                "Operation cannot be fulfilled on configmaps \"cm\": the object has been modified; please apply your changes to the latest version and try again"),
            client => client.Resources<ConfigMap>().ReplaceAsync(new ConfigMap { Metadata = { Name = "cm", Namespace = "ns", ResourceVersion = "3" } }, Cancellation));

        exception.IsConflict.Should().BeTrue();
        exception.Fix.Should().Be("read the object again and retry the change with its current resourceVersion");
    }

    [Fact]
    public async Task An_expired_continue_token_says_to_list_again()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 410, "Expired", "The provided continue parameter is too old"),
            client => client.Resources<Pod>().ListAsync("ns", new ListOptions { Continue = "old" }, Cancellation));

        exception.IsResourceVersionExpired.Should().BeTrue();
        exception.Fix.Should().StartWith("list again");
    }

    [Fact]
    public async Task Unsupported_strategic_merge_on_a_custom_resource_says_to_use_a_merge_patch()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"),
            client => client.Resources<NotificationRequest>().PatchAsync("n", "ns", Patch.StrategicMerge(new { metadata = new { labels = new { a = "b" } } }), Cancellation));

        exception.Fix.Should().Be("use a JSON merge patch (Patch.Merge): custom resources do not support strategic merge patch");
    }

    [Fact]
    public async Task Invalid_keeps_the_field_causes_on_the_exception_and_in_the_message()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 422, "Invalid",
                "NotificationRequest.kubernaut.ai \"n\" is invalid: spec: Invalid value: \"object\": spec is immutable after creation (DD-NOT-005)",
                new
                {
                    name = "n",
                    kind = "NotificationRequest",
                    causes = new[]
                    {
                        new { reason = "FieldValueInvalid", message = "Invalid value: \"object\": spec is immutable after creation (DD-NOT-005)", field = "spec" },
                        new { reason = "FieldValueRequired", message = "Required value", field = "spec.subject" },
                    },
                }),
            client => client.Resources<NotificationRequest>().ReplaceAsync(new NotificationRequest { Metadata = { Name = "n", Namespace = "ns" } }, Cancellation));

        exception.IsInvalid.Should().BeTrue();
        exception.Causes.Select(cause => cause.Field).Should().Equal("spec", "spec.subject");
        exception.Message.Should().Contain(
            "422 Unprocessable Entity: NotificationRequest.kubernaut.ai \"n\" is invalid: spec: Invalid value: \"object\": spec is immutable after creation (DD-NOT-005) " +
            "(causes: spec.subject: Required value). Fix: correct the fields named above so the object satisfies the schema and validation rules of notificationrequests.kubernaut.ai.");
    }

    [Fact]
    public async Task Throttling_says_when_to_retry()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 429, "TooManyRequests", "too many requests", new { retryAfterSeconds = 2 }),
            client => client.GetVersionAsync(Cancellation));

        exception.Fix.Should().Be("slow down and retry after 2 s: the API server is throttling requests");
    }

    [Fact]
    public async Task A_server_error_without_a_Status_body_shows_the_start_of_the_body()
    {
        var (exception, server) = await FailureAsync(context => Respond.Text(context, "<html>\n  <body>502 Bad Gateway</body>\n</html>", 502),
            client => client.GetVersionAsync(Cancellation));

        exception.IsServerError.Should().BeTrue();
        exception.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        exception.Status.Code.Should().Be(502);
        exception.Message.Should().Be(
            $"GET {server}version: 502 Bad Gateway: <html> <body>502 Bad Gateway</body> </html>. " +
            "Fix: retry; if it keeps failing, check the API server's health (kubectl get --raw /readyz) and its logs.");
    }

    [Fact]
    public async Task Service_unavailable_is_a_server_error_with_the_servers_message()
    {
        var (exception, _) = await FailureAsync(context => Respond.Status(context, 503, "ServiceUnavailable", "etcdserver: leader changed"),
            client => client.Resources<Pod>().GetAsync("p", "ns", Cancellation));

        exception.Cause.Should().Be("503 Service Unavailable: etcdserver: leader changed");
        exception.Fix.Should().StartWith("retry;");
    }

    private static async Task<(KubernetesApiException Exception, Uri Server)> FailureAsync(
        RequestDelegate handler, Func<KubernetesClient, Task> call, KubernetesCredentials? credentials = null)
    {
        await using var server = await FakeApiServer.StartAsync(handler);
        using var client = server.CreateClient(credentials);
        var act = () => call(client);
        var exception = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        return (exception, server.Url);
    }
}
