using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Workloads;

/// <summary>
/// What a fresh Kind cluster already holds before anything is deployed: the system namespaces, the kubernetes Service
/// in default, and the cluster-admin ClusterRole bound to system:masters (the kubeconfig user's group).
/// </summary>
public static class ClusterBootstrap
{
    public static readonly IReadOnlyList<string> SystemNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"];

    public static void Install(ObjectStore store)
    {
        foreach (var ns in SystemNamespaces)
        {
            store.Create(ResourceKinds.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }
        CreateAll(store, Manifests);
    }

    /// <summary>Creates every object of a multi-document YAML text, each as the served kind its apiVersion and kind name.</summary>
    internal static void CreateAll(ObjectStore store, string manifests)
    {
        foreach (var document in YamlJson.ParseAll(manifests))
        {
            var obj = document.AsObject();
            var kind = ResourceKinds.All.Single(k => k.Kind == (string?)obj["kind"] && k.ApiVersion == (string?)obj["apiVersion"]);
            store.Create(kind, obj);
        }
    }

    private const string Manifests = """
        apiVersion: v1
        kind: Service
        metadata:
          name: kubernetes
          namespace: default
          labels: {component: apiserver, provider: kubernetes}
        spec:
          type: ClusterIP
          clusterIP: 10.96.0.1
          ports:
          - {name: https, port: 443, protocol: TCP, targetPort: 6443}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: cluster-admin
          labels: {kubernetes.io/bootstrapping: rbac-defaults}
        rules:
        - apiGroups: ["*"]
          resources: ["*"]
          verbs: ["*"]
        - nonResourceURLs: ["*"]
          verbs: ["*"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: cluster-admin
          labels: {kubernetes.io/bootstrapping: rbac-defaults}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters"}
        """;
}
