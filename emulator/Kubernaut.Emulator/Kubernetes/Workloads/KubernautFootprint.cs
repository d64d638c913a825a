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

    public static readonly IReadOnlyList<string> Deployments = ["datastorage", "postgresql", "redis", "notification-controller", "mock-webhook"];

    public static string Image(string service) => $"localhost/kubernaut/{service}:emulator";

    /// <summary>Creates the namespace and everything in it; writes the start-up lines of the services nobody else emulates.</summary>
    public static void Install(ObjectStore store, PodLogBook logs, string @namespace)
    {
        if (store.Get(ResourceKinds.Namespace, "", @namespace) is null)
        {
            store.Create(ResourceKinds.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = @namespace } });
        }
        foreach (var document in YamlJson.ParseAll(Manifests(@namespace)))
        {
            var obj = document.AsObject();
            var kind = ResourceKinds.All.Single(k => k.Kind == (string?)obj["kind"] && k.ApiVersion == (string?)obj["apiVersion"]);
            store.Create(kind, obj);
        }
        logs.Append(@namespace, "postgresql", "LOG:  database system is ready to accept connections");
        logs.Append(@namespace, "redis", "1:M * Ready to accept connections tcp");
        logs.Append(@namespace, "mock-webhook", "nginx: start worker processes");
    }

    private static string Manifests(string ns)
    {
        var images = Deployments.ToDictionary(d => d, Image);
        return $$"""
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
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: postgresql, namespace: {{ns}}, labels: {app: postgresql} }
        spec:
          replicas: 1
          selector: {matchLabels: {app: postgresql} }
          template:
            metadata: {labels: {app: postgresql} }
            spec:
              containers:
              - name: postgresql
                image: {{images["postgresql"]}}
                ports: [{name: postgresql, containerPort: 5432}]
                env:
                - {name: POSTGRES_DB, value: action_history}
                - {name: POSTGRES_USER, value: slm_user}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: redis, namespace: {{ns}}, labels: {app: redis} }
        spec:
          replicas: 1
          selector: {matchLabels: {app: redis} }
          template:
            metadata: {labels: {app: redis} }
            spec:
              containers:
              - name: redis
                image: {{images["redis"]}}
                ports: [{name: redis, containerPort: 6379}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{DataStorageDeployment}}, namespace: {{ns}}, labels: {app: datastorage} }
        spec:
          replicas: 1
          selector: {matchLabels: {app: datastorage} }
          template:
            metadata: {labels: {app: datastorage} }
            spec:
              serviceAccountName: {{DataStorageServiceAccount}}
              containers:
              - name: datastorage
                image: {{images["datastorage"]}}
                ports:
                - {name: https, containerPort: 8080}
                - {name: health, containerPort: 8081}
                - {name: metrics, containerPort: 9090}
                env:
                - name: POD_NAMESPACE
                  valueFrom:
                    fieldRef: {fieldPath: metadata.namespace}
                readinessProbe: {httpGet: {path: /readyz, port: 8081}, initialDelaySeconds: 30}
                livenessProbe: {httpGet: {path: /healthz, port: 8081}, initialDelaySeconds: 45}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{NotificationControllerDeployment}}, namespace: {{ns}}, labels: {app: notification-controller, control-plane: controller-manager} }
        spec:
          replicas: 1
          selector: {matchLabels: {app: notification-controller} }
          template:
            metadata: {labels: {app: notification-controller, control-plane: controller-manager} }
            spec:
              serviceAccountName: {{NotificationControllerServiceAccount}}
              containers:
              - name: {{NotificationControllerContainer}}
                image: {{images["notification-controller"]}}
                ports:
                - {name: metrics, containerPort: 9090}
                - {name: health, containerPort: 8081}
                env:
                - {name: CONFIG_PATH, value: /etc/notification/config.yaml}
                - {name: ROUTING_CONFIG_PATH, value: /etc/notification/routing/routing.yaml}
                - {name: KUBERNAUT_CONTROLLER_NAMESPACE, value: {{ns}} }
                - name: POD_NAMESPACE
                  valueFrom:
                    fieldRef: {fieldPath: metadata.namespace}
                readinessProbe: {httpGet: {path: /readyz, port: 8081} }
                livenessProbe: {httpGet: {path: /healthz, port: 8081} }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: mock-webhook, namespace: {{ns}}, labels: {app: mock-webhook} }
        spec:
          replicas: 1
          selector: {matchLabels: {app: mock-webhook} }
          template:
            metadata: {labels: {app: mock-webhook} }
            spec:
              containers:
              - name: mock-webhook
                image: {{images["mock-webhook"]}}
                ports: [{name: http, containerPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: {{DataStorageService}}, namespace: {{ns}}, labels: {app: datastorage} }
        spec:
          type: NodePort
          selector: {app: datastorage}
          ports:
          - {name: https, port: 8080, targetPort: 8080, nodePort: 30090}
          - {name: metrics, port: 9090, targetPort: 9090, nodePort: 30181}
          - {name: health, port: 8081, targetPort: 8081, nodePort: 30281}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: notification-metrics, namespace: {{ns}}, labels: {app: notification-controller} }
        spec:
          type: NodePort
          selector: {app: notification-controller}
          ports:
          - {name: metrics, port: 9090, targetPort: 9090, nodePort: 30186}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: postgresql, namespace: {{ns}}, labels: {app: postgresql} }
        spec:
          type: NodePort
          selector: {app: postgresql}
          ports:
          - {name: postgresql, port: 5432, targetPort: 5432, nodePort: 30432}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: redis, namespace: {{ns}}, labels: {app: redis} }
        spec:
          selector: {app: redis}
          ports:
          - {name: redis, port: 6379, targetPort: 6379}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: mock-webhook, namespace: {{ns}}, labels: {app: mock-webhook} }
        spec:
          selector: {app: mock-webhook}
          ports:
          - {name: http, port: 8080, targetPort: 8080}
        """;
    }
}
