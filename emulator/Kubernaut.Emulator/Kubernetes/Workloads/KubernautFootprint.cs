using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Workloads;

/// <summary>
/// The Kubernaut deployment the Notification E2E suite builds in its Kind cluster (FACTS §4.2), pre-created in the
/// emulator's namespace: the datastorage, postgresql, redis, notification-controller and mock-webhook Deployments,
/// their Services with the suite's NodePorts, the ServiceAccounts, and the RBAC that lets the controller's
/// ServiceAccount call DataStorage (ClusterRole data-storage-client on services/data-storage-service).
/// Images are localhost/kubernaut/&lt;service&gt;:emulator.
/// </summary>
public static class KubernautFootprint
{
    public const string DefaultNamespace = "notification-e2e";
    public const string DataStorageDeployment = "datastorage";
    public const string NotificationControllerDeployment = "notification-controller";
    public const string NotificationControllerContainer = "manager";
    public const string NotificationControllerServiceAccount = "notification-controller";
    public const string DataStorageServiceAccount = "datastorage";
    public const string DataStorageService = "data-storage-service";
    public const string DataStorageClientClusterRole = "data-storage-client";

    public static string Image(string service) => $"localhost/kubernaut/{service}:emulator";

    /// <summary>Creates the namespace and everything in it; writes the start-up lines of the services nobody else emulates.</summary>
    public static void Install(ObjectStore store, PodLogBook logs, string @namespace)
    {
        if (store.Get(ResourceKinds.Namespace, "", @namespace) is null)
        {
            store.Create(ResourceKinds.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = @namespace } });
        }
        ClusterBootstrap.CreateAll(store, AccountsAndRbac(@namespace));
        var services = Services(@namespace);
        foreach (var service in services)
        {
            store.Create(ResourceKinds.Deployment, Deployment(service, @namespace));
        }
        foreach (var service in services)
        {
            store.Create(ResourceKinds.Service, Service(service, @namespace));
        }
        logs.Append(@namespace, "postgresql", "LOG:  database system is ready to accept connections");
        logs.Append(@namespace, "redis", "1:M * Ready to accept connections tcp");
        logs.Append(@namespace, "mock-webhook", "nginx: start worker processes");
    }

    /// <summary>
    /// One Kubernaut service: a Deployment of one replica and one container labelled app=<see cref="App"/>, and its
    /// Service exposing some of the container's ports (a NodePort service when any has a node port).
    /// </summary>
    private sealed record FootprintService(string Deployment, string App, string Container, string ServiceName)
    {
        public IReadOnlyList<(string Name, int Port)> ContainerPorts { get; init; } = [];

        /// <summary>Container ports (by name) the Service exposes, with the node port the Kind config maps, if any.</summary>
        public IReadOnlyList<(string Name, int? NodePort)> ServicePorts { get; init; } = [];

        public string? ServiceAccount { get; init; }

        /// <summary>Labels of the Deployment and its pods besides app (not part of the selector).</summary>
        public IReadOnlyList<(string Name, string Value)> ExtraLabels { get; init; } = [];

        /// <summary>A null value is the pod's namespace through the downward API.</summary>
        public IReadOnlyList<(string Name, string? Value)> Env { get; init; } = [];

        /// <summary>/readyz and /healthz on this port, each with its initial delay when it has one.</summary>
        public (int Port, int? ReadinessDelaySeconds, int? LivenessDelaySeconds)? Probes { get; init; }
    }

    /// <summary>The services in the order the Notification E2E suite deploys them.</summary>
    private static IReadOnlyList<FootprintService> Services(string ns) =>
    [
        new("postgresql", "postgresql", "postgresql", "postgresql")
        {
            ContainerPorts = [("postgresql", 5432)],
            ServicePorts = [("postgresql", 30432)],
            Env = [("POSTGRES_DB", "action_history"), ("POSTGRES_USER", "slm_user")],
        },
        new("redis", "redis", "redis", "redis")
        {
            ContainerPorts = [("redis", 6379)],
            ServicePorts = [("redis", null)],
        },
        new(DataStorageDeployment, "datastorage", "datastorage", DataStorageService)
        {
            ContainerPorts = [("https", 8080), ("health", 8081), ("metrics", 9090)],
            ServicePorts = [("https", 30090), ("metrics", 30181), ("health", 30281)],
            ServiceAccount = DataStorageServiceAccount,
            Env = [("POD_NAMESPACE", null)],
            Probes = (8081, 30, 45),
        },
        new(NotificationControllerDeployment, "notification-controller", NotificationControllerContainer, "notification-metrics")
        {
            ContainerPorts = [("metrics", 9090), ("health", 8081)],
            ServicePorts = [("metrics", 30186)],
            ServiceAccount = NotificationControllerServiceAccount,
            ExtraLabels = [("control-plane", "controller-manager")],
            Env =
            [
                ("CONFIG_PATH", "/etc/notification/config.yaml"),
                ("ROUTING_CONFIG_PATH", "/etc/notification/routing/routing.yaml"),
                ("KUBERNAUT_CONTROLLER_NAMESPACE", ns),
                ("POD_NAMESPACE", null),
            ],
            Probes = (8081, null, null),
        },
        new("mock-webhook", "mock-webhook", "mock-webhook", "mock-webhook")
        {
            ContainerPorts = [("http", 8080)],
            ServicePorts = [("http", null)],
        },
    ];

    private static JsonObject Deployment(FootprintService service, string ns)
    {
        JsonObject Labels()
        {
            var labels = new JsonObject { ["app"] = service.App };
            foreach (var (name, value) in service.ExtraLabels)
            {
                labels[name] = value;
            }
            return labels;
        }
        var container = new JsonObject
        {
            ["name"] = service.Container,
            ["image"] = Image(service.Deployment),
            ["ports"] = new JsonArray([.. service.ContainerPorts.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["containerPort"] = p.Port })]),
        };
        if (service.Env.Count > 0)
        {
            container["env"] = new JsonArray([.. service.Env.Select(EnvVar)]);
        }
        if (service.Probes is var (port, readinessDelay, livenessDelay))
        {
            container["readinessProbe"] = Probe("/readyz", port, readinessDelay);
            container["livenessProbe"] = Probe("/healthz", port, livenessDelay);
        }
        var podSpec = new JsonObject();
        if (service.ServiceAccount is not null)
        {
            podSpec["serviceAccountName"] = service.ServiceAccount;
        }
        podSpec["containers"] = new JsonArray(container);
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = service.Deployment, ["namespace"] = ns, ["labels"] = Labels() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = service.App } },
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = Labels() }, ["spec"] = podSpec },
            },
        };
    }

    private static JsonNode EnvVar((string Name, string? Value) env) => env.Value is not null
        ? new JsonObject { ["name"] = env.Name, ["value"] = env.Value }
        : new JsonObject { ["name"] = env.Name, ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.namespace" } } };

    private static JsonObject Probe(string path, int port, int? initialDelaySeconds)
    {
        var probe = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = port } };
        if (initialDelaySeconds is { } delay)
        {
            probe["initialDelaySeconds"] = delay;
        }
        return probe;
    }

    private static JsonObject Service(FootprintService service, string ns)
    {
        var spec = new JsonObject();
        if (service.ServicePorts.Any(p => p.NodePort is not null))
        {
            spec["type"] = "NodePort";
        }
        spec["selector"] = new JsonObject { ["app"] = service.App };
        spec["ports"] = new JsonArray([.. service.ServicePorts.Select(exposed =>
        {
            var port = service.ContainerPorts.Single(p => p.Name == exposed.Name).Port;
            var json = new JsonObject { ["name"] = exposed.Name, ["port"] = port, ["targetPort"] = port };
            if (exposed.NodePort is { } nodePort)
            {
                json["nodePort"] = nodePort;
            }
            return (JsonNode)json;
        })]);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = service.ServiceName, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = service.App } },
            ["spec"] = spec,
        };
    }

    private static string AccountsAndRbac(string ns) => $$"""
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: {{NotificationControllerServiceAccount}}, namespace: {{ns}} }
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: {{DataStorageServiceAccount}}, namespace: {{ns}} }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: {{DataStorageClientClusterRole}} }
        rules:
        - apiGroups: [""]
          resources: [services]
          resourceNames: [{{DataStorageService}}]
          verbs: [create, get, list, update, delete]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: notification-controller-data-storage-client, namespace: {{ns}} }
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {{DataStorageClientClusterRole}} }
        subjects:
        - {kind: ServiceAccount, name: {{NotificationControllerServiceAccount}}, namespace: {{ns}} }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: notification-controller}
        rules:
        - apiGroups: [kubernaut.ai]
          resources: [notificationrequests]
          verbs: [get, list, watch, update, patch]
        - apiGroups: [kubernaut.ai]
          resources: [notificationrequests/status, notificationrequests/finalizers]
          verbs: [get, update, patch]
        - apiGroups: [""]
          resources: [events]
          verbs: [create, patch]
        - apiGroups: [""]
          resources: [configmaps, secrets]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: notification-controller}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: notification-controller}
        subjects:
        - {kind: ServiceAccount, name: {{NotificationControllerServiceAccount}}, namespace: {{ns}} }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: data-storage-auth-middleware}
        rules:
        - apiGroups: [authentication.k8s.io]
          resources: [tokenreviews]
          verbs: [create]
        - apiGroups: [authorization.k8s.io]
          resources: [subjectaccessreviews]
          verbs: [create]
        - apiGroups: [kubernaut.ai]
          resources: [remediationworkflows, actiontypes]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: data-storage-auth-middleware}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: data-storage-auth-middleware}
        subjects:
        - {kind: ServiceAccount, name: {{DataStorageServiceAccount}}, namespace: {{ns}} }
        """;
}
