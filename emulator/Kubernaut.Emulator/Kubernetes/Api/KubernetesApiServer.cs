using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Hosting;
using Kubernaut.Emulator.Kubernetes.Workloads;
using Kubernaut.Emulator.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>What the emulated API server serves from.</summary>
public sealed record KubernetesApiDependencies(
    ObjectStore Store,
    TokenAuthority Tokens,
    ISubjectAccessReviewer Access,
    PodLogBook Logs,
    NamespaceController Namespaces,
    FaultPlan Faults,
    CertificateAuthority CertificateAuthority,
    ILoggerFactory LoggerFactory,
    TimeProvider Time);

/// <summary>
/// The emulated Kubernetes API server over HTTPS (a leaf from the emulator CA for localhost and 127.0.0.1): discovery,
/// OpenAPI, the resource endpoints, bearer-token authentication (401) and RBAC authorization (403) of every request,
/// and the admin endpoint <see cref="FaultAdministration.Path"/>. /version, /healthz, /livez and /readyz need no token.
/// </summary>
public sealed class KubernetesApiServer : IAsyncDisposable
{
    private readonly KubernetesApiDependencies _dependencies;
    private readonly ResourceEndpoints _resources;
    private readonly SubresourceEndpoints _subresources;
    private readonly AccessReviews _reviews;
    private readonly FaultAdministration _faults;
    private readonly ILogger _logger;
    private LoopbackServer? _server;

    private KubernetesApiServer(KubernetesApiDependencies dependencies)
    {
        _dependencies = dependencies;
        _resources = new ResourceEndpoints(dependencies.Store, dependencies.Namespaces, dependencies.Time);
        _subresources = new SubresourceEndpoints(dependencies.Store, dependencies.Logs, dependencies.Tokens, dependencies.Time);
        _reviews = new AccessReviews(dependencies.Tokens, dependencies.Access);
        _faults = new FaultAdministration(dependencies.Faults);
        _logger = dependencies.LoggerFactory.CreateLogger<KubernetesApiServer>();
    }

    /// <summary>e.g. https://127.0.0.1:6443/</summary>
    public Uri BaseAddress => _server!.BaseAddress;

    /// <param name="port">0 picks a free port.</param>
    public static async Task<KubernetesApiServer> StartAsync(KubernetesApiDependencies dependencies, int port, CancellationToken cancellationToken = default)
    {
        var server = new KubernetesApiServer(dependencies);
        var certificate = dependencies.CertificateAuthority.IssueServerCertificate("kube-apiserver");
        server._server = await LoopbackServer.StartAsync(
            "Kubernetes API", port, certificate, app => app.Run(server.HandleAsync), dependencies.LoggerFactory, cancellationToken: cancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        try
        {
            await RouteAsync(context);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ApiResponses.WriteErrorAsync(context, ex);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            _logger.LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await ApiResponses.WriteErrorAsync(context, new ApiException(HttpStatusCode.InternalServerError, "InternalError", $"Internal error occurred: {ex.Message}"));
        }
        finally
        {
            _logger.LogDebug("{Method} {Path}{Query} -> {Status}", context.Request.Method, context.Request.Path, context.Request.QueryString, context.Response.StatusCode);
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["version"] || segments is ["healthz" or "livez" or "readyz"])
        {
            await ServeAnonymousAsync(context, segments[0]);
            return;
        }
        var user = Authenticate(context.Request);
        if (context.Request.Path.StartsWithSegments("/emulator"))
        {
            if (!context.Request.Path.Equals(FaultAdministration.Path, StringComparison.Ordinal))
            {
                throw ApiException.PathNotFound();
            }
            if (!user.Groups.Contains(TokenAuthority.SuperUserGroup))
            {
                throw new ApiException(HttpStatusCode.Forbidden, "Forbidden", $"User \"{user.Username}\" cannot use the emulator admin endpoint: it takes the admin token of the kubeconfig");
            }
            await _faults.HandleAsync(context);
            return;
        }
        switch (segments)
        {
            case ["openapi", .. var rest]:
                await OpenApiDocuments.ServeAsync(context, rest);
                return;
            case ["api"]:
                await DiscoveryAsync(context, Discovery.CoreVersions($"{context.Request.Host.Host}:{context.Request.Host.Port ?? 443}"));
                return;
            case ["api", var version]:
                await DiscoveryAsync(context, Discovery.Resources("", version));
                return;
            case ["api", var version, .. var rest]:
                await ResourceAsync(context, user, "", version, rest);
                return;
            case ["apis"]:
                await DiscoveryAsync(context, Discovery.Groups());
                return;
            case ["apis", var group]:
                await DiscoveryAsync(context, Discovery.Group(group));
                return;
            case ["apis", var group, var version]:
                await DiscoveryAsync(context, Discovery.Resources(group, version));
                return;
            case ["apis", var group, var version, .. var rest]:
                await ResourceAsync(context, user, group, version, rest);
                return;
            default:
                throw ApiException.PathNotFound();
        }
    }

    private static async Task ServeAnonymousAsync(HttpContext context, string endpoint)
    {
        if (endpoint == "version")
        {
            await ApiResponses.WriteJsonAsync(context, Discovery.Version());
            return;
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("ok", Encoding.UTF8, context.RequestAborted);
    }

    private UserInfo Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiException.Unauthorized();
        }
        return _dependencies.Tokens.Authenticate(header[scheme.Length..].Trim()) ?? throw ApiException.Unauthorized();
    }

    private static async Task DiscoveryAsync(HttpContext context, JsonObject? document)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw ApiException.MethodNotAllowed();
        }
        await ApiResponses.WriteJsonAsync(context, document ?? throw ApiException.PathNotFound());
    }

    private async Task ResourceAsync(HttpContext context, UserInfo user, string group, string version, IReadOnlyList<string> rest)
    {
        var target = ApiTarget.Parse(group, version, rest) ?? throw ApiException.PathNotFound();
        var method = context.Request.Method;
        if (ApiResources.IsReview(target.Kind))
        {
            if (!HttpMethods.IsPost(method) || !target.IsCollection)
            {
                throw ApiException.MethodNotAllowed();
            }
            var selfReview = target.Kind == ApiResources.SelfSubjectReview || target.Kind == ApiResources.SelfSubjectAccessReview;
            if (!selfReview)
            {
                Authorize(user, "create", target);
            }
            await _reviews.CreateAsync(context, target.Kind, user);
            return;
        }
        if (target.Subresource is { } subresource && ApiResources.Subresources(target.Kind).All(s => s.Name != subresource))
        {
            throw ApiException.PathNotFound();
        }
        Authorize(user, Verb(context.Request, target), target);
        var handler = (target.Subresource, target.IsCollection, method) switch
        {
            (null, true, "GET") => _resources.ListAsync(context, target),
            (null, true, "POST") => _resources.CreateAsync(context, target, user),
            (null, true, "DELETE") => _resources.DeleteCollectionAsync(context, target, user),
            (null or "status", false, "GET") => _resources.GetAsync(context, target),
            (null or "status", false, "PUT") => _resources.ReplaceAsync(context, target, user),
            (null or "status", false, "PATCH") => _resources.PatchAsync(context, target, user),
            (null, false, "DELETE") => _resources.DeleteAsync(context, target, user),
            ("log", false, "GET") => _subresources.LogAsync(context, target),
            ("token", false, "POST") => _subresources.TokenAsync(context, target),
            ("scale", false, "GET" or "PUT" or "PATCH") => _subresources.ScaleAsync(context, target, user),
            _ => throw ApiException.MethodNotAllowed(),
        };
        await handler;
    }

    private static string Verb(HttpRequest request, ApiTarget target) => request.Method switch
    {
        // The same reading of ?watch= as the list handler's, so a request is authorized for what it will do.
        "GET" when target.IsCollection => ListOptions.IsTrue(request.Query["watch"]) ? "watch" : "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when target.IsCollection => "deletecollection",
        "DELETE" => "delete",
        _ => throw ApiException.MethodNotAllowed(),
    };

    private void Authorize(UserInfo user, string verb, ApiTarget target)
    {
        var attributes = new ResourceAttributes(verb, target.Kind.Group, target.RbacResource, target.Namespace, target.Name ?? "");
        if (!_dependencies.Access.IsAllowed(user, attributes))
        {
            throw ApiException.Forbidden(user.Username, verb, target.RbacResource, target.Kind.Group, target.Namespace, target.Name ?? "", target.Kind);
        }
    }
}
