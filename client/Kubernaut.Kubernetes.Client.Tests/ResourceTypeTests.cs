namespace Kubernaut.Kubernetes.Client.Tests;

public sealed class ResourceTypeTests
{
    [Fact]
    public void Core_and_grouped_resources_have_their_REST_paths()
    {
        ResourceTypes.Pod.ObjectPath("web", "shop", "log").Should().Be("/api/v1/namespaces/shop/pods/web/log");
        ResourceTypes.Deployment.CollectionPath(null).Should().Be("/apis/apps/v1/deployments");
        ResourceTypes.ClusterRoleBinding.ObjectPath("b", null).Should().Be("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/b");
        ResourceTypes.NotificationRequest.ObjectPath("n", "ns", "status").Should().Be("/apis/kubernaut.ai/v1alpha1/namespaces/ns/notificationrequests/n/status");
    }

    [Fact]
    public void A_namespace_on_a_cluster_scoped_resource_is_refused()
    {
        var list = () => ResourceTypes.Namespace.CollectionPath("ns");
        var get = () => ResourceTypes.ClusterRole.ObjectPath("viewer", "ns");

        list.Should().Throw<ArgumentException>().WithMessage("namespaces is cluster-scoped: pass no namespace (got \"ns\").*");
        get.Should().Throw<ArgumentException>().WithMessage("clusterroles.rbac.authorization.k8s.io is cluster-scoped: pass no namespace (got \"ns\").*");
    }

    [Fact]
    public void The_catalogue_finds_a_resource_by_apiVersion_and_kind()
    {
        ResourceTypes.Find("kubernaut.ai/v1alpha1", "RemediationRequest").Should().Be(ResourceTypes.RemediationRequest);
        ResourceTypes.Find("apiextensions.k8s.io/v1", "CustomResourceDefinition")!.Namespaced.Should().BeFalse();
        ResourceTypes.Find("v1", "Node").Should().BeNull();
        ResourceTypes.All.Should().HaveCount(15).And.OnlyHaveUniqueItems(type => type.Kind);
    }

    [Fact]
    public void A_resource_prints_like_kubectl_names_it()
    {
        ResourceTypes.ConfigMap.ToString().Should().Be("configmaps");
        ResourceTypes.NotificationRequest.ToString().Should().Be("notificationrequests.kubernaut.ai");
    }

    [Fact]
    public void Label_selectors_are_built_from_labels()
    {
        LabelSelectors.Equal(new Dictionary<string, string> { ["app"] = "web", ["run"] = "r1" }).Should().Be("app=web,run=r1");
    }
}
