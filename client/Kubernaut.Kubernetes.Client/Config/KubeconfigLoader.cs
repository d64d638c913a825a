using System.Text.RegularExpressions;
using Kubernaut.Kubernetes.Client.Tls;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Kubernaut.Kubernetes.Client.Config;

/// <summary>
/// Finds and reads kubeconfig files the way kubectl does: an explicit path, else every existing file of KUBECONFIG
/// (merged), else ~/.kube/config, else the pod's ServiceAccount (in-cluster).
/// </summary>
public static partial class KubeconfigLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    /// <summary>The client configuration of the selected context.</summary>
    public static KubernetesClientConfiguration Load(KubeconfigLoadOptions? options = null)
    {
        options ??= new KubeconfigLoadOptions();
        var files = Locate(options);
        return files.Count == 0
            ? LoadInCluster(options)
            : ReadFiles(files).CreateClientConfiguration(options.Context, options.TimeProvider);
    }

    /// <summary>The merged kubeconfig (to list contexts, say), without the in-cluster fallback.</summary>
    public static Kubeconfig Read(KubeconfigLoadOptions? options = null)
    {
        var files = Locate((options ?? new KubeconfigLoadOptions()) with { AllowInCluster = false });
        return ReadFiles(files);
    }

    /// <summary>Merges the given files in order: the first to define a name wins, as with KUBECONFIG.</summary>
    public static Kubeconfig ReadFiles(IEnumerable<string> paths)
    {
        var files = paths.Select(Path.GetFullPath).Distinct().ToList();
        string? currentContext = null;
        var clusters = new Dictionary<string, Sourced<ClusterEntry>>();
        var contexts = new Dictionary<string, Sourced<ContextEntry>>();
        var users = new Dictionary<string, Sourced<UserEntry>>();
        foreach (var file in files)
        {
            var document = Parse(file);
            if (string.IsNullOrEmpty(currentContext))
            {
                currentContext = document.CurrentContext;
            }

            Merge(clusters, document.Clusters, entry => entry.Name, entry => entry.Cluster, file, "clusters");
            Merge(contexts, document.Contexts, entry => entry.Name, entry => entry.Context, file, "contexts");
            Merge(users, document.Users, entry => entry.Name, entry => entry.User, file, "users");
        }

        return new Kubeconfig(files, string.IsNullOrEmpty(currentContext) ? null : currentContext, clusters, contexts, users);
    }

    /// <summary>The configuration of a pod: ServiceAccount token and CA, API server from KUBERNETES_SERVICE_HOST/PORT.</summary>
    public static KubernetesClientConfiguration LoadInCluster(KubeconfigLoadOptions? options = null)
    {
        options ??= new KubeconfigLoadOptions();
        var host = options.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = options.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        const string subject = "in-cluster configuration";
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeconfigException(subject, "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not both set, so this is not a pod",
                "run inside a pod, or set KUBECONFIG to a kubeconfig file");
        }

        if (!int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var portNumber))
        {
            throw new KubeconfigException(subject, $"KUBERNETES_SERVICE_PORT \"{port}\" is not a port number", "unset it or set it to the API server port");
        }

        var directory = options.ServiceAccountDirectory;
        var tokenPath = Path.Combine(directory, "token");
        if (!File.Exists(tokenPath))
        {
            throw new KubeconfigException(subject, $"the ServiceAccount token {tokenPath} does not exist",
                "mount a ServiceAccount token into the pod (automountServiceAccountToken: true)");
        }

        var caPath = Path.Combine(directory, "ca.crt");
        var namespacePath = Path.Combine(directory, "namespace");
        return new KubernetesClientConfiguration
        {
            Server = new UriBuilder("https", host.Trim('[', ']'), portNumber).Uri,
            Namespace = File.Exists(namespacePath) ? File.ReadAllText(namespacePath).Trim() : "default",
            ServerTrust = File.Exists(caPath) ? ServerCertificateTrust.FromPemFile(caPath) : ServerCertificateTrust.SystemTrustStore(),
            Credentials = KubernetesCredentials.TokenFile(tokenPath),
            UserName = "in-cluster ServiceAccount",
        };
    }

    /// <summary>The kubeconfig files to merge; empty means "use in-cluster".</summary>
    private static IReadOnlyList<string> Locate(KubeconfigLoadOptions options)
    {
        if (!string.IsNullOrEmpty(options.Path))
        {
            if (!File.Exists(options.Path))
            {
                throw Kubeconfig.Error(options.Path, "file not found",
                    "pass the path of an existing kubeconfig (for Kind: kind get kubeconfig --name <cluster> > <file>)");
            }

            return [options.Path];
        }

        var variable = options.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(variable))
        {
            var listed = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            var existing = listed.Where(File.Exists).ToList();
            if (existing.Count == 0)
            {
                throw new KubeconfigException($"KUBECONFIG={variable}", $"none of the listed files exists ({string.Join(", ", listed)})",
                    "point KUBECONFIG at an existing kubeconfig (for Kind: kind export kubeconfig --name <cluster>)");
            }

            return existing;
        }

        var home = options.GetEnvironmentVariable("HOME") ?? options.GetEnvironmentVariable("USERPROFILE");
        var defaultPath = home is null ? null : Path.Combine(home, ".kube", "config");
        if (defaultPath is not null && File.Exists(defaultPath))
        {
            return [defaultPath];
        }

        if (options.AllowInCluster && !string.IsNullOrEmpty(options.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")))
        {
            return [];
        }

        throw new KubeconfigException("kubeconfig",
            $"none found: KUBECONFIG is not set and {defaultPath ?? "~/.kube/config (HOME is not set)"} does not exist" +
            (options.AllowInCluster ? ", and this is not a pod (KUBERNETES_SERVICE_HOST is not set)" : ""),
            "set KUBECONFIG or pass a kubeconfig path (for Kind: kind export kubeconfig --name <cluster>)");
    }

    private static KubeconfigDocument Parse(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Kubeconfig.Error(file, $"cannot be read ({exception.Message.TrimEnd('.')})", "make the file readable", exception);
        }

        try
        {
            return Deserializer.Deserialize<KubeconfigDocument?>(text) ?? new KubeconfigDocument();
        }
        catch (YamlException exception)
        {
            var innermost = exception;
            while (innermost.InnerException is YamlException inner)
            {
                innermost = inner;
            }

            throw Kubeconfig.Error(file,
                $"invalid YAML at line {innermost.Start.Line}, column {innermost.Start.Column} ({Explain(innermost.Message)})",
                "correct the YAML there (indentation, a missing \":\" or an unclosed quote), or re-export the kubeconfig",
                exception);
        }
    }

    /// <summary>YamlDotNet's wording, minus its position suffix and .NET type names.</summary>
    private static string Explain(string message)
    {
        var text = PositionSuffix().Replace(message, "").TrimEnd('.');
        if (ShapeMismatch().Match(text) is { Success: true } shape)
        {
            return $"expected {NodeName(shape.Groups[1].Value)}, found {NodeName(shape.Groups[2].Value)}";
        }

        if (TypeMismatch().Match(text) is { Success: true } type)
        {
            return $"the value cannot be read as {type.Groups[1].Value.Split('.')[^1] switch { "String" => "text", "Boolean" => "true or false", var name => name }}";
        }

        // YamlDotNet's wrapper around scanner failures that carry no wording of their own.
        return text == "Exception during deserialization" ? "a syntax error" : text;
    }

    private static string NodeName(string node) => node switch
    {
        "SequenceStart" => "a list",
        "MappingStart" => "a mapping",
        "Scalar" => "a single value",
        _ => node,
    };

    [GeneratedRegex(@" \(at Line: \d+, Col: \d+, Idx: \d+\)")]
    private static partial Regex PositionSuffix();

    [GeneratedRegex(@"^Expected '(\w+)', got '(\w+)'")]
    private static partial Regex ShapeMismatch();

    [GeneratedRegex(@"into type ([\w.]+)")]
    private static partial Regex TypeMismatch();

    private static void Merge<TNamed, TEntry>(
        Dictionary<string, Sourced<TEntry>> merged, List<TNamed>? entries, Func<TNamed, string?> name, Func<TNamed, TEntry?> value, string file, string section)
        where TEntry : class, new()
    {
        foreach (var entry in entries ?? [])
        {
            var entryName = name(entry);
            if (string.IsNullOrEmpty(entryName))
            {
                throw Kubeconfig.Error(file, $"an entry of {section} has no name", $"give every {section}[] entry a name");
            }

            merged.TryAdd(entryName, new Sourced<TEntry>(value(entry) ?? new TEntry(), file));
        }
    }
}
