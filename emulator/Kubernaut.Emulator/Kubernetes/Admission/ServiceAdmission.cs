using System.Net;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>
/// Service defaulting and allocation as the API server does it: type ClusterIP by default, a cluster IP from
/// 10.96.0.0/16, protocol TCP and targetPort = port, and for NodePort/LoadBalancer services a node port from
/// 30000-32767 (a requested one must be in range and free: 422 "provided port is already allocated").
/// </summary>
public sealed class ServiceAdmission(ObjectStore store) : IAdmissionPlugin
{
    public const int NodePortMin = 30000;
    public const int NodePortMax = 32767;

    public bool Handles(ResourceKind kind) => kind == ResourceKinds.Service;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation == AdmissionOperation.Delete || request.Subresource is not null || request.Object is not { } service)
        {
            return;
        }
        if (service["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            service["spec"] = spec;
        }
        var errors = new FieldErrors();
        var type = ObjectMeta.ReadString(spec["type"]) ?? "ClusterIP";
        spec["type"] = type;
        spec.TryAdd("sessionAffinity", "None");
        spec.TryAdd("ipFamilies", new JsonArray("IPv4"));
        spec.TryAdd("ipFamilyPolicy", "SingleStack");
        spec.TryAdd("internalTrafficPolicy", "Cluster");
        if (type is "NodePort" or "LoadBalancer")
        {
            spec.TryAdd("externalTrafficPolicy", "Cluster");
        }
        var others = store.List(ResourceKinds.Service).Items
            .Where(s => !(ObjectMeta.Namespace(s) == ObjectMeta.Namespace(service) && ObjectMeta.Name(s) == ObjectMeta.Name(service)))
            .ToList();
        AssignClusterIp(spec, request.OldObject?["spec"] as JsonObject, others, type);
        AdmitPorts(spec, type, others, errors);
        if (type is not ("ClusterIP" or "NodePort" or "LoadBalancer" or "ExternalName"))
        {
            errors.NotSupported("spec.type", spec["type"], ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]);
        }
        errors.ThrowIfAny(request.Kind, ObjectMeta.Name(service));
        service.TryAdd("status", new JsonObject { ["loadBalancer"] = new JsonObject() });
    }

    private static void AssignClusterIp(JsonObject spec, JsonObject? oldSpec, IReadOnlyList<JsonObject> others, string type)
    {
        if (type == "ExternalName" || ObjectMeta.ReadString(spec["clusterIP"]) is { Length: > 0 })
        {
            return;
        }
        var address = ObjectMeta.ReadString(oldSpec?["clusterIP"]);
        if (address is not { Length: > 0 })
        {
            var used = others.Select(s => ObjectMeta.ReadString(s["spec"]?["clusterIP"])).ToHashSet(StringComparer.Ordinal);
            do
            {
                address = new IPAddress([10, 96, (byte)Random.Shared.Next(0, 256), (byte)Random.Shared.Next(2, 255)]).ToString();
            }
            while (used.Contains(address));
        }
        spec["clusterIP"] = address;
        spec["clusterIPs"] = new JsonArray(address);
    }

    private static void AdmitPorts(JsonObject spec, string type, IReadOnlyList<JsonObject> others, FieldErrors errors)
    {
        if (spec["ports"] is not JsonArray { Count: > 0 } ports)
        {
            if (type != "ExternalName")
            {
                errors.Required("spec.ports");
            }
            return;
        }
        var allocated = others
            .SelectMany(s => (s["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(p => ObjectMeta.ReadInt64(p["nodePort"]))
            .Where(p => p > 0)
            .ToHashSet();
        for (var i = 0; i < ports.Count; i++)
        {
            var path = $"spec.ports[{i}]";
            if (ports[i] is not JsonObject port)
            {
                errors.WrongType(path, ports[i], "object");
                continue;
            }
            port.TryAdd("protocol", "TCP");
            if (ObjectMeta.ReadInt64(port["port"]) is <= 0 or > 65535)
            {
                errors.Required($"{path}.port");
            }
            port.TryAdd("targetPort", port["port"]?.DeepClone());
            if (ports.Count > 1 && ObjectMeta.ReadString(port["name"]) is not { Length: > 0 })
            {
                errors.Required($"{path}.name");
            }
            var nodePort = ObjectMeta.ReadInt64(port["nodePort"]);
            if (type is not ("NodePort" or "LoadBalancer"))
            {
                if (nodePort != 0)
                {
                    errors.Forbidden($"{path}.nodePort", $"may not be used when `type` is '{type}'");
                }
                continue;
            }
            if (nodePort == 0)
            {
                var free = Enumerable.Range(NodePortMin, NodePortMax - NodePortMin + 1).Where(p => !allocated.Contains(p)).ToList();
                nodePort = free[Random.Shared.Next(free.Count)];
                port["nodePort"] = nodePort;
            }
            else if (nodePort is < NodePortMin or > NodePortMax)
            {
                errors.Invalid($"{path}.nodePort", port["nodePort"], $"provided port is not in the valid range. The range of valid ports is {NodePortMin}-{NodePortMax}");
            }
            else if (allocated.Contains(nodePort))
            {
                errors.Invalid($"{path}.nodePort", port["nodePort"], "provided port is already allocated");
            }
            allocated.Add(nodePort);
        }
    }
}
