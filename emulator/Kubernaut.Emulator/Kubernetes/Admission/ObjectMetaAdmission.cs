using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>
/// What the API server checks on every create: the object's name has the format its kind demands, and a namespaced
/// object goes into a namespace that exists (404 namespaces "x" not found otherwise) and is not being deleted (403). New namespaces get the
/// kubernetes.io/metadata.name label, the kubernetes finalizer and phase Active, as the real server sets them.
/// </summary>
public sealed partial class ObjectMetaAdmission(ObjectStore store) : IAdmissionPlugin
{
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string Dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    public bool Handles(ResourceKind kind) => true;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation != AdmissionOperation.Create || request.Object is not { } obj)
        {
            return;
        }
        var errors = new FieldErrors();
        ValidateName(request.Kind, ObjectMeta.Name(obj), errors);
        errors.ThrowIfAny(request.Kind, ObjectMeta.Name(obj));
        if (request.Kind.Namespaced)
        {
            var @namespace = ObjectMeta.Namespace(obj);
            if (@namespace.Length == 0)
            {
                throw ApiException.BadRequest("the server could not find the requested resource: a namespaced object needs metadata.namespace");
            }
            var owner = store.Get(ResourceKinds.Namespace, "", @namespace) ?? throw ApiException.NotFound(ResourceKinds.Namespace, @namespace);
            if (ObjectMeta.ReadString(owner["status"]?["phase"]) == "Terminating")
            {
                throw new ApiException(System.Net.HttpStatusCode.Forbidden, "Forbidden",
                    $"{request.Kind.QualifiedName} \"{ObjectMeta.Name(obj)}\" is forbidden: unable to create new content in namespace {@namespace} because it is being terminated",
                    kind: request.Kind, name: ObjectMeta.Name(obj));
            }
        }
        if (request.Kind == ResourceKinds.Namespace)
        {
            var metadata = ObjectMeta.Metadata(obj);
            if (metadata["labels"] is not JsonObject labels)
            {
                labels = new JsonObject();
                metadata["labels"] = labels;
            }
            labels["kubernetes.io/metadata.name"] = ObjectMeta.Name(obj);
            obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }
    }

    private static void ValidateName(ResourceKind kind, string name, FieldErrors errors)
    {
        if (kind.Group == "rbac.authorization.k8s.io")
        {
            // RBAC objects only need to be valid path segments (names such as system:controller:foo are common).
            if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
            {
                errors.Invalid("metadata.name", name, $"may not be '.' or '..', and may not contain '/' or '%'");
            }
            return;
        }
        if (kind == ResourceKinds.Service)
        {
            Check(name, 63, Dns1035Label(), Dns1035Message, errors);
        }
        else if (kind == ResourceKinds.Namespace)
        {
            Check(name, 63, Dns1123Label(), LabelMessage, errors);
        }
        else
        {
            Check(name, 253, Dns1123Subdomain(), SubdomainMessage, errors);
        }
    }

    private static void Check(string name, int maxLength, Regex format, string formatMessage, FieldErrors errors)
    {
        if (name.Length > maxLength)
        {
            errors.Invalid("metadata.name", name, $"must be no more than {maxLength} characters");
        }
        if (!format.IsMatch(name))
        {
            errors.Invalid("metadata.name", name, formatMessage);
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();
}
