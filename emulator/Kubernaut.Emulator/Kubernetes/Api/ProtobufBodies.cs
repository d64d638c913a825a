using System.Text;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>
/// Reads the protobuf request bodies that kubectl's typed clients send (kubectl create namespace/configmap/secret/
/// serviceaccount/role/rolebinding/deployment/service, kubectl run, kubectl create token, kubectl auth can-i/whoami, DeleteOptions):
/// the "k8s\0" envelope (runtime.Unknown) around the object, decoded to JSON through the field numbers of
/// k8s.io/api's generated.proto for the fields those commands set. Answers are always JSON, which clients accept.
/// Fields kubectl never sets in these commands are skipped; kinds not listed get a 415 that says how to proceed.
/// </summary>
internal static class ProtobufBodies
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    private enum FieldType
    {
        String,
        Bytes,
        Integer,
        Boolean,
        Message,
        IntOrString,
        Quantity,
    }

    /// <summary>One field: JSON name, type, whether repeated, whether a map (entries of key 1 / value 2), and its message schema.</summary>
    private sealed record Field(string Name, FieldType Type, bool Repeated = false, bool Map = false, Message? Schema = null, bool KeepZero = false);

    private sealed class Message : Dictionary<int, Field>;

    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw ApiException.BadRequest("the protobuf body does not start with the Kubernetes envelope (\"k8s\\0\")");
        }
        var envelope = Read(body.AsSpan(Magic.Length), Schemas.Unknown);
        var apiVersion = ObjectMeta.ReadString(envelope["typeMeta"]?["apiVersion"]) ?? "";
        var kind = ObjectMeta.ReadString(envelope["typeMeta"]?["kind"]) ?? "";
        if (!Schemas.ByKind.TryGetValue(kind, out var schema))
        {
            throw ApiException.UnsupportedMediaType(
                $"{MediaType} ({apiVersion} {kind})",
                ["application/json", "application/yaml (the emulator reads protobuf only for the kinds kubectl's create commands send; use kubectl apply -f or kubectl create -f with a manifest)"]);
        }
        var raw = Convert.FromBase64String(ObjectMeta.ReadString(envelope["raw"]) ?? "");
        var obj = Read(raw, schema);
        obj["apiVersion"] = apiVersion;
        obj["kind"] = kind;
        return obj;
    }

    private static JsonObject Read(ReadOnlySpan<byte> data, Message schema)
    {
        var obj = new JsonObject();
        var position = 0;
        while (position < data.Length)
        {
            var tag = ReadVarint(data, ref position);
            var number = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            JsonNode? value = null;
            schema.TryGetValue(number, out var field);
            switch (wireType)
            {
                case 0:
                    var varint = ReadVarint(data, ref position);
                    value = field?.Type == FieldType.Boolean ? JsonValue.Create(varint != 0) : JsonValue.Create((long)varint);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(data, ref position);
                    if (length < 0 || position + length > data.Length)
                    {
                        throw ApiException.BadRequest("the protobuf body is truncated");
                    }
                    if (field is not null)
                    {
                        value = ToJson(data.Slice(position, length), field);
                    }
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw ApiException.BadRequest($"the protobuf body has an unknown wire type {wireType}");
            }
            if (field is not null)
            {
                Store(obj, field, value);
            }
        }
        return obj;
    }

    private static JsonNode? ToJson(ReadOnlySpan<byte> bytes, Field field)
    {
        if (field.Map)
        {
            var entry = Read(bytes, Schemas.MapEntry(field));
            return new JsonObject { [ObjectMeta.ReadString(entry["key"]) ?? ""] = entry["value"]?.DeepClone() ?? (field.Type == FieldType.String ? "" : null) };
        }
        return field.Type switch
        {
            FieldType.String => Encoding.UTF8.GetString(bytes),
            FieldType.Bytes => Convert.ToBase64String(bytes),
            FieldType.Message => Read(bytes, field.Schema!),
            FieldType.Quantity => ObjectMeta.ReadString(Read(bytes, Schemas.Quantity)["string"]) ?? "0",
            FieldType.IntOrString => IntOrString(Read(bytes, Schemas.IntOrString)),
            _ => null,
        };
    }

    private static JsonNode? IntOrString(JsonObject value) =>
        ObjectMeta.ReadInt64(value["type"]) == 1 ? value["strVal"]?.DeepClone() ?? "" : ObjectMeta.ReadInt64(value["intVal"]);

    // Go's protobuf encoding writes zero values of non-pointer fields; JSON omits them, and so do we (defaulting relies on it).
    private static void Store(JsonObject obj, Field field, JsonNode? value)
    {
        if (value is null || (!field.KeepZero && IsZero(value)))
        {
            return;
        }
        if (field.Map)
        {
            if (obj[field.Name] is not JsonObject map)
            {
                map = new JsonObject();
                obj[field.Name] = map;
            }
            foreach (var (key, entry) in ((JsonObject)value).ToList())
            {
                ((JsonObject)value).Remove(key);
                map[key] = entry;
            }
        }
        else if (field.Repeated)
        {
            if (obj[field.Name] is not JsonArray list)
            {
                list = new JsonArray();
                obj[field.Name] = list;
            }
            list.Add(value);
        }
        else
        {
            obj[field.Name] = value;
        }
    }

    private static bool IsZero(JsonNode value) => value is JsonValue scalar && scalar.ToJsonString() is "\"\"" or "0" or "false";

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw ApiException.BadRequest("the protobuf body is truncated");
            }
            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw ApiException.BadRequest("the protobuf body has a malformed varint");
    }

    /// <summary>Field numbers from k8s.io/api and k8s.io/apimachinery generated.proto (only what kubectl's create commands set).</summary>
    private static class Schemas
    {
        private static Field S(string name, bool repeated = false) => new(name, FieldType.String, repeated);

        private static Field I(string name, bool keepZero = false) => new(name, FieldType.Integer, KeepZero: keepZero);

        private static Field B(string name) => new(name, FieldType.Boolean);

        private static Field M(string name, Message schema, bool repeated = false) => new(name, FieldType.Message, repeated, Schema: schema);

        private static Field StringMap(string name) => new(name, FieldType.String, Map: true);

        private static Message Of(params (int Number, Field Field)[] fields)
        {
            var message = new Message();
            foreach (var (number, field) in fields)
            {
                message[number] = field;
            }
            return message;
        }

        public static readonly Message TypeMeta = Of((1, S("apiVersion")), (2, S("kind")));
        public static readonly Message Unknown = Of((1, M("typeMeta", TypeMeta)), (2, new Field("raw", FieldType.Bytes)), (3, S("contentEncoding")), (4, S("contentType")));
        public static readonly Message Quantity = Of((1, S("string")));
        public static readonly Message IntOrString = Of((1, I("type")), (2, I("intVal")), (3, S("strVal")));

        public static readonly Message OwnerReference = Of((1, S("kind")), (3, S("name")), (4, S("uid")), (5, S("apiVersion")), (6, B("controller")), (7, B("blockOwnerDeletion")));
        public static readonly Message ObjectMeta = Of(
            (1, S("name")), (2, S("generateName")), (3, S("namespace")), (5, S("uid")), (6, S("resourceVersion")),
            (11, StringMap("labels")), (12, StringMap("annotations")), (13, M("ownerReferences", OwnerReference, repeated: true)), (14, S("finalizers", repeated: true)));

        public static readonly Message LocalObjectReference = Of((1, S("name")));
        public static readonly Message ObjectReference = Of((1, S("kind")), (2, S("namespace")), (3, S("name")), (4, S("uid")), (5, S("apiVersion")), (6, S("resourceVersion")), (7, S("fieldPath")));

        public static readonly Message Namespace = Of((1, M("metadata", ObjectMeta)), (2, M("spec", Of((1, S("finalizers", repeated: true))))));
        public static readonly Message ConfigMap = Of((1, M("metadata", ObjectMeta)), (2, StringMap("data")), (3, new Field("binaryData", FieldType.Bytes, Map: true)), (4, B("immutable")));
        public static readonly Message Secret = Of((1, M("metadata", ObjectMeta)), (2, new Field("data", FieldType.Bytes, Map: true)), (3, S("type")), (4, StringMap("stringData")), (5, B("immutable")));
        public static readonly Message ServiceAccount = Of((1, M("metadata", ObjectMeta)), (2, M("secrets", ObjectReference, repeated: true)), (3, M("imagePullSecrets", LocalObjectReference, repeated: true)), (4, B("automountServiceAccountToken")));

        public static readonly Message ContainerPort = Of((1, S("name")), (2, I("hostPort")), (3, I("containerPort")), (4, S("protocol")), (5, S("hostIP")));
        public static readonly Message EnvVar = Of((1, S("name")), (2, S("value")));
        public static readonly Message ResourceRequirements = Of((1, new Field("limits", FieldType.Quantity, Map: true)), (2, new Field("requests", FieldType.Quantity, Map: true)));
        public static readonly Message Container = Of(
            (1, S("name")), (2, S("image")), (3, S("command", repeated: true)), (4, S("args", repeated: true)), (5, S("workingDir")),
            (6, M("ports", ContainerPort, repeated: true)), (7, M("env", EnvVar, repeated: true)), (8, M("resources", ResourceRequirements)),
            (13, S("terminationMessagePath")), (14, S("imagePullPolicy")), (16, B("stdin")), (17, B("stdinOnce")), (18, B("tty")), (20, S("terminationMessagePolicy")));
        public static readonly Message PodSpec = Of(
            (2, M("containers", Container, repeated: true)), (3, S("restartPolicy")), (4, I("terminationGracePeriodSeconds")), (6, S("dnsPolicy")),
            (7, StringMap("nodeSelector")), (8, S("serviceAccountName")), (9, S("serviceAccount")), (10, S("nodeName")));
        public static readonly Message Pod = Of((1, M("metadata", ObjectMeta)), (2, M("spec", PodSpec)));
        public static readonly Message PodTemplateSpec = Of((1, M("metadata", ObjectMeta)), (2, M("spec", PodSpec)));

        public static readonly Message LabelSelectorRequirement = Of((1, S("key")), (2, S("operator")), (3, S("values", repeated: true)));
        public static readonly Message LabelSelector = Of((1, StringMap("matchLabels")), (2, M("matchExpressions", LabelSelectorRequirement, repeated: true)));
        public static readonly Message RollingUpdate = Of((1, new Field("maxUnavailable", FieldType.IntOrString)), (2, new Field("maxSurge", FieldType.IntOrString)));
        public static readonly Message DeploymentSpec = Of(
            (1, I("replicas", keepZero: true)), (2, M("selector", LabelSelector)), (3, M("template", PodTemplateSpec)),
            (4, M("strategy", Of((1, S("type")), (2, M("rollingUpdate", RollingUpdate))))), (5, I("minReadySeconds")), (6, I("revisionHistoryLimit")),
            (7, B("paused")), (9, I("progressDeadlineSeconds")));
        public static readonly Message Deployment = Of((1, M("metadata", ObjectMeta)), (2, M("spec", DeploymentSpec)));

        public static readonly Message ServicePort = Of((1, S("name")), (2, S("protocol")), (3, I("port")), (4, new Field("targetPort", FieldType.IntOrString)), (5, I("nodePort")));
        public static readonly Message ServiceSpec = Of(
            (1, M("ports", ServicePort, repeated: true)), (2, StringMap("selector")), (3, S("clusterIP")), (4, S("type")),
            (5, S("externalIPs", repeated: true)), (7, S("sessionAffinity")), (10, S("externalName")));
        public static readonly Message Service = Of((1, M("metadata", ObjectMeta)), (2, M("spec", ServiceSpec)));

        public static readonly Message PolicyRule = Of((1, S("verbs", repeated: true)), (2, S("apiGroups", repeated: true)), (3, S("resources", repeated: true)), (4, S("resourceNames", repeated: true)), (5, S("nonResourceURLs", repeated: true)));
        public static readonly Message Role = Of((1, M("metadata", ObjectMeta)), (2, M("rules", PolicyRule, repeated: true)));
        public static readonly Message Subject = Of((1, S("kind")), (2, S("apiGroup")), (3, S("name")), (4, S("namespace")));
        public static readonly Message RoleRef = Of((1, S("apiGroup")), (2, S("kind")), (3, S("name")));
        public static readonly Message RoleBinding = Of((1, M("metadata", ObjectMeta)), (2, M("subjects", Subject, repeated: true)), (3, M("roleRef", RoleRef)));

        public static readonly Message BoundObjectReference = Of((1, S("kind")), (2, S("apiVersion")), (3, S("name")), (4, S("uid")));
        public static readonly Message TokenRequest = Of((1, M("metadata", ObjectMeta)), (2, M("spec", Of((1, S("audiences", repeated: true)), (3, M("boundObjectRef", BoundObjectReference)), (4, I("expirationSeconds", keepZero: true))))));
        public static readonly Message TokenReview = Of((1, M("metadata", ObjectMeta)), (2, M("spec", Of((1, S("token")), (2, S("audiences", repeated: true))))));
        public static readonly Message SelfSubjectReview = Of((1, M("metadata", ObjectMeta)));
        public static readonly Message ResourceAttributes = Of((1, S("namespace")), (2, S("verb")), (3, S("group")), (4, S("version")), (5, S("resource")), (6, S("subresource")), (7, S("name")));
        public static readonly Message NonResourceAttributes = Of((1, S("path")), (2, S("verb")));
        public static readonly Message SelfSubjectAccessReview = Of((1, M("metadata", ObjectMeta)), (2, M("spec", Of((1, M("resourceAttributes", ResourceAttributes)), (2, M("nonResourceAttributes", NonResourceAttributes))))));
        public static readonly Message SubjectAccessReview = Of((1, M("metadata", ObjectMeta)), (2, M("spec", Of(
            (1, M("resourceAttributes", ResourceAttributes)), (2, M("nonResourceAttributes", NonResourceAttributes)), (3, S("user")), (4, S("groups", repeated: true)), (6, S("uid"))))));

        public static readonly Message DeleteOptions = Of(
            (1, I("gracePeriodSeconds", keepZero: true)), (2, M("preconditions", Of((1, S("uid")), (2, S("resourceVersion"))))), (3, B("orphanDependents")),
            (4, S("propagationPolicy")), (5, S("dryRun", repeated: true)));

        public static readonly IReadOnlyDictionary<string, Message> ByKind = new Dictionary<string, Message>(StringComparer.Ordinal)
        {
            ["Namespace"] = Namespace,
            ["ConfigMap"] = ConfigMap,
            ["Secret"] = Secret,
            ["ServiceAccount"] = ServiceAccount,
            ["Pod"] = Pod,
            ["Deployment"] = Deployment,
            ["Service"] = Service,
            ["Role"] = Role,
            ["ClusterRole"] = Role,
            ["RoleBinding"] = RoleBinding,
            ["ClusterRoleBinding"] = RoleBinding,
            ["TokenRequest"] = TokenRequest,
            ["TokenReview"] = TokenReview,
            ["SelfSubjectReview"] = SelfSubjectReview,
            ["SelfSubjectAccessReview"] = SelfSubjectAccessReview,
            ["SubjectAccessReview"] = SubjectAccessReview,
            ["DeleteOptions"] = DeleteOptions,
        };

        /// <summary>The entry message of a map field: key 1, value 2 of the map's value type.</summary>
        public static Message MapEntry(Field map) => Of((1, S("key")), (2, map with { Name = "value", Map = false, KeepZero = true }));
    }
}
