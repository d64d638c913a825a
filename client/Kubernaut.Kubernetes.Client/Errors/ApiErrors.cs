using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kubernaut.Kubernetes.Client.Config;
using Kubernaut.Kubernetes.Client.Models;

namespace Kubernaut.Kubernetes.Client;

/// <summary>Turns an error response into one <see cref="KubernetesApiException"/> whose message names the cause and the fix.</summary>
internal static partial class ApiErrors
{
    public static KubernetesApiException Create(
        ApiRequest request, Uri uri, KubernetesClientConfiguration configuration, HttpStatusCode code, string? reasonPhrase, string body, bool credentialRefreshed)
    {
        var status = ParseStatus(body) ?? new Status
        {
            Outcome = "Failure",
            Code = (int)code,
            Message = body.Length == 0 ? "(empty response body)" : Snippet(body),
        };
        status.Code ??= (int)code;
        var cause = $"{(int)code} {reasonPhrase ?? code.ToString()}: {Describe(status)}";
        var fix = Fix(request, configuration, code, status, credentialRefreshed);
        return new KubernetesApiException($"{request.Method.Method} {uri}", cause, fix, request.Method, uri, code, status);
    }

    private static Status? ParseStatus(string body)
    {
        try
        {
            var status = KubernetesJson.Deserialize<Status>(body);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(Status status)
    {
        var message = status.Message ?? status.Reason ?? "no message";
        var unmentioned = (status.Details?.Causes ?? [])
            .Where(cause => cause.Message is not null && !message.Contains(cause.Message, StringComparison.Ordinal))
            .Select(cause => cause.Field is null ? cause.Message : $"{cause.Field}: {cause.Message}")
            .ToList();
        return unmentioned.Count == 0 ? message : $"{message} (causes: {string.Join("; ", unmentioned)})";
    }

    private static string Fix(ApiRequest request, KubernetesClientConfiguration configuration, HttpStatusCode code, Status status, bool credentialRefreshed)
    {
        var what = request.ResourceDescription;
        return (int)code switch
        {
            400 => "correct the request as the server's message says (a wrong container name, selector or body)",
            401 when configuration.Credentials == KubernetesCredentials.None && configuration.ClientCertificate is null =>
                $"the request carried no credentials: give the user of {configuration.Origin} a token, client certificate or exec plugin",
            401 => $"the API server did not accept {configuration.AuthenticationDescription} of user \"{configuration.UserName ?? "(none)"}\" ({configuration.Origin})" +
                   (credentialRefreshed ? ", even after the exec plugin issued a fresh credential" : "") +
                   ": refresh the credentials, e.g. re-export the kubeconfig (kind export kubeconfig --name <cluster>) or request a new token",
            403 => ForbiddenFix(request, status),
            404 => NotFoundFix(request, status),
            405 => $"use a verb the API server allows on {what}",
            409 when status.Reason == "AlreadyExists" => "choose another name, or delete or replace the existing object",
            409 => "read the object again and retry the change with its current resourceVersion",
            410 => "list again and continue or watch from the new list's resourceVersion; the one used is too old",
            415 when request.Resource?.Group.Length > 0 && request.ContentType.Contains("strategic", StringComparison.Ordinal) =>
                "use a JSON merge patch (Patch.Merge): custom resources do not support strategic merge patch",
            415 => $"send a content type the API server accepts for {what}",
            422 => $"correct the fields named above so the object satisfies the schema and validation rules of {what}",
            429 => $"slow down and retry{(status.Details?.RetryAfterSeconds is { } seconds ? $" after {seconds} s" : "")}: the API server is throttling requests",
            >= 500 => "retry; if it keeps failing, check the API server's health (kubectl get --raw /readyz) and its logs",
            _ => "check the request against the server's message",
        };
    }

    private static string ForbiddenFix(ApiRequest request, Status status)
    {
        var user = UserPattern().Match(status.Message ?? "") is { Success: true } match ? match.Groups[1].Value : null;
        var scope = request.Namespace is null ? "cluster-wide (ClusterRole + ClusterRoleBinding)" : $"in namespace \"{request.Namespace}\"";
        var group = request.Resource?.Group ?? "";
        var grant = $"granting \"{request.Verb}\" on \"{request.ResourceDescription.Split('.')[0]}\" (API group \"{group}\") {scope}";
        if (user == "system:anonymous")
        {
            return $"the request carried no accepted credentials: configure a token, client certificate or exec plugin for the user, or grant anonymous access {grant}";
        }

        if (user is not null && ServiceAccountPattern().Match(user) is { Success: true } account)
        {
            return $"bind the ServiceAccount {account.Groups[1].Value}/{account.Groups[2].Value} to a Role or ClusterRole {grant}";
        }

        return $"bind {(user is null ? "the user" : $"user \"{user}\"")} to a Role or ClusterRole {grant}";
    }

    private static string NotFoundFix(ApiRequest request, Status status)
    {
        var details = status.Details;
        if (details?.Kind == "namespaces" && request.Resource != ResourceTypes.Namespace)
        {
            return $"create the namespace \"{details.Name}\" first, or use an existing one";
        }

        var objectMissing = !string.IsNullOrEmpty(details?.Name) ||
            request.Name is not null && (status.Message ?? "").Contains($"\"{request.Name}\" not found", StringComparison.Ordinal);
        if (objectMissing)
        {
            var where = request.Namespace is null ? "" : $" in namespace \"{request.Namespace}\"";
            return $"check the name \"{request.Name ?? details?.Name}\"{where}, or create the object first";
        }

        if (request.Resource is { } resource)
        {
            return resource.Group.Length == 0 || resource.Group.Contains(".k8s.io", StringComparison.Ordinal) || resource.Group == "apps"
                ? $"check that the API server serves {resource.ApiVersion} {resource.Plural}"
                : $"the API server does not serve {resource.ApiVersion} {resource.Plural}: install its CustomResourceDefinition (for Kubernaut: kubectl apply -f config/crd/bases/)";
        }

        return $"check that {request.Path} is an API server path and that the server URL points at a Kubernetes API server";
    }

    internal static string Snippet(string text)
    {
        var collapsed = WhitespacePattern().Replace(text, " ").Trim();
        return collapsed.Length <= 300 ? collapsed : collapsed[..300] + " ...";
    }

    [GeneratedRegex("User \"([^\"]+)\"")]
    private static partial Regex UserPattern();

    [GeneratedRegex("^system:serviceaccount:([^:]+):(.+)$")]
    private static partial Regex ServiceAccountPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
