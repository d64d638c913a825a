using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kubernaut.Kubernetes.Client.Tls;

namespace Kubernaut.Kubernetes.Client.Config;

/// <summary>
/// One or more kubeconfig files merged with kubectl's rules: the first file to define a named cluster, context or
/// user wins, and current-context comes from the first file that sets it. Each entry remembers its file, so
/// relative paths resolve against that file's directory.
/// </summary>
public sealed class Kubeconfig
{
    private readonly Dictionary<string, Sourced<ClusterEntry>> clusters;
    private readonly Dictionary<string, Sourced<ContextEntry>> contexts;
    private readonly Dictionary<string, Sourced<UserEntry>> users;

    internal Kubeconfig(
        IReadOnlyList<string> files,
        string? currentContext,
        Dictionary<string, Sourced<ClusterEntry>> clusters,
        Dictionary<string, Sourced<ContextEntry>> contexts,
        Dictionary<string, Sourced<UserEntry>> users)
    {
        Files = files;
        CurrentContext = currentContext;
        this.clusters = clusters;
        this.contexts = contexts;
        this.users = users;
    }

    public IReadOnlyList<string> Files { get; }

    public string? CurrentContext { get; }

    public IReadOnlyList<string> ContextNames => [.. contexts.Keys];

    public IReadOnlyList<string> ClusterNames => [.. clusters.Keys];

    public IReadOnlyList<string> UserNames => [.. users.Keys];

    /// <summary>The kubeconfig as named in messages: one path, or the list as KUBECONFIG spells it.</summary>
    public string DisplayName => string.Join(Path.PathSeparator, Files);

    /// <summary>Resolves a context (default: current-context) into a client configuration, reading every file it references.</summary>
    public KubernetesClientConfiguration CreateClientConfiguration(string? context = null, TimeProvider? timeProvider = null)
    {
        var contextName = string.IsNullOrEmpty(context) ? CurrentContext : context;
        if (string.IsNullOrEmpty(contextName))
        {
            throw Error(DisplayName,
                contexts.Count == 0 ? "it defines no contexts" : $"no current-context is set and no context was given (contexts: {List(contexts.Keys)})",
                contexts.Count == 0
                    ? "point KUBECONFIG at the kubeconfig of your cluster (for Kind: kind export kubeconfig --name <cluster>)"
                    : "pass a context name or run \"kubectl config use-context <name>\"");
        }

        if (!contexts.TryGetValue(contextName, out var selected))
        {
            throw Error(DisplayName, $"context \"{contextName}\" not found (contexts: {List(contexts.Keys)})", MissingContextFix(contextName));
        }

        var entry = selected.Value;
        if (string.IsNullOrEmpty(entry.Cluster) || !clusters.TryGetValue(entry.Cluster, out var cluster))
        {
            throw Error(selected.File,
                string.IsNullOrEmpty(entry.Cluster)
                    ? $"context \"{contextName}\" names no cluster"
                    : $"context \"{contextName}\" refers to cluster \"{entry.Cluster}\", which is not defined (clusters: {List(clusters.Keys)})",
                "set contexts[].context.cluster to a defined cluster, or re-export the kubeconfig of that cluster");
        }

        Sourced<UserEntry>? user = null;
        if (!string.IsNullOrEmpty(entry.User) && !users.TryGetValue(entry.User, out user))
        {
            throw Error(selected.File,
                $"context \"{contextName}\" refers to user \"{entry.User}\", which is not defined (users: {List(users.Keys)})",
                "set contexts[].context.user to a defined user, or re-export the kubeconfig of that cluster");
        }

        var server = ServerOf(entry.Cluster, cluster);
        var authority = AuthorityOf(entry.Cluster, cluster);
        var trust = TrustOf(entry.Cluster, cluster, authority);
        var credentials = user is null ? null : new UserCredentials(entry.User!, user, cluster.Value, server, authority?.Pem, timeProvider ?? TimeProvider.System);
        return new KubernetesClientConfiguration
        {
            Server = server,
            Namespace = string.IsNullOrEmpty(entry.Namespace) ? "default" : entry.Namespace,
            ServerTrust = trust,
            TlsServerName = NullIfEmpty(cluster.Value.TlsServerName),
            ProxyUrl = ProxyOf(entry.Cluster, cluster),
            ClientCertificate = credentials?.ClientCertificate(),
            Credentials = credentials?.Authentication() ?? KubernetesCredentials.None,
            ContextName = contextName,
            ClusterName = entry.Cluster,
            UserName = NullIfEmpty(entry.User),
            KubeconfigPath = selected.File,
        };
    }

    public override string ToString() =>
        $"kubeconfig {DisplayName} (current-context: {CurrentContext ?? "none"}; contexts: {List(contexts.Keys)})";

    internal static KubeconfigException Error(string file, string cause, string fix, Exception? inner = null) =>
        new($"kubeconfig {file}", cause, fix, inner);

    internal static string ResolvePath(string file, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(path, Path.GetDirectoryName(Path.GetFullPath(file))!);

    private static string List(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string MissingContextFix(string contextName) =>
        contextName.StartsWith("kind-", StringComparison.Ordinal)
            ? $"pass an existing context or run \"kind export kubeconfig --name {contextName["kind-".Length..]}\""
            : "pass an existing context (\"kubectl config get-contexts\" lists them)";

    private static Uri ServerOf(string name, Sourced<ClusterEntry> cluster)
    {
        var server = cluster.Value.Server;
        if (string.IsNullOrEmpty(server))
        {
            throw Error(cluster.File, $"cluster \"{name}\" has no server", "set clusters[].cluster.server to the API server URL, e.g. https://127.0.0.1:6443");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw Error(cluster.File, $"cluster \"{name}\" has server \"{server}\", which is not an http(s) URL", "set clusters[].cluster.server to e.g. https://127.0.0.1:6443");
        }

        return uri;
    }

    /// <summary>The cluster's CA in PEM and how to name it in messages; data wins over a file, as in client-go.</summary>
    private static (string Pem, string Source)? AuthorityOf(string name, Sourced<ClusterEntry> cluster)
    {
        var entry = cluster.Value;
        if (!string.IsNullOrEmpty(entry.CertificateAuthorityData))
        {
            return (Base64Text(cluster.File, $"certificate-authority-data of cluster \"{name}\"", entry.CertificateAuthorityData),
                $"the certificate-authority-data of cluster \"{name}\" in {cluster.File}");
        }

        if (string.IsNullOrEmpty(entry.CertificateAuthority))
        {
            return null;
        }

        var path = ResolvePath(cluster.File, entry.CertificateAuthority);
        return (ReadReferencedFile(cluster.File, $"certificate-authority of cluster \"{name}\"", path), $"the certificate-authority {path} of cluster \"{name}\"");
    }

    private static ServerCertificateTrust TrustOf(string name, Sourced<ClusterEntry> cluster, (string Pem, string Source)? authority)
    {
        if (cluster.Value.InsecureSkipTlsVerify)
        {
            if (authority is not null)
            {
                throw Error(cluster.File, $"cluster \"{name}\" sets both insecure-skip-tls-verify and a certificate authority",
                    "remove insecure-skip-tls-verify (recommended) or the certificate-authority fields");
            }

            return ServerCertificateTrust.InsecureSkipVerify();
        }

        return authority is { } ca ? ParseTrust(cluster.File, ca.Pem, ca.Source) : ServerCertificateTrust.SystemTrustStore();
    }

    private static ServerCertificateTrust ParseTrust(string file, string pem, string source)
    {
        try
        {
            return ServerCertificateTrust.FromPem(pem, source);
        }
        catch (CertificateException exception)
        {
            throw Error(file, $"{source} {exception.Cause}", "re-export the kubeconfig of the cluster or fix the CA certificate (PEM)", exception);
        }
    }

    private static Uri? ProxyOf(string name, Sourced<ClusterEntry> cluster)
    {
        var proxy = cluster.Value.ProxyUrl;
        if (string.IsNullOrEmpty(proxy))
        {
            return null;
        }

        if (!Uri.TryCreate(proxy, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "socks5"))
        {
            throw Error(cluster.File, $"cluster \"{name}\" has proxy-url \"{proxy}\", which is not an http, https or socks5 URL",
                "set clusters[].cluster.proxy-url to e.g. http://proxy.example:3128, or remove it");
        }

        return uri;
    }

    internal static string ReadReferencedFile(string file, string what, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var cause = exception is FileNotFoundException or DirectoryNotFoundException ? "file not found" : exception.Message.TrimEnd('.');
            throw Error(file, $"{what} {path} cannot be read ({cause})",
                "fix the path (relative paths resolve against the kubeconfig's directory) or embed the content with the matching *-data field",
                exception);
        }
    }

    internal static string Base64Text(string file, string what, string data)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(data.Trim()));
        }
        catch (FormatException exception)
        {
            throw Error(file, $"{what} is not valid base64", "put the base64 encoding of the PEM file there (base64 -w0 <file>)", exception);
        }
    }

    /// <summary>Turns a kubeconfig user into a client certificate and request credentials.</summary>
    private sealed class UserCredentials(
        string name, Sourced<UserEntry> user, ClusterEntry cluster, Uri server, string? authorityPem, TimeProvider timeProvider)
    {
        private UserEntry Entry => user.Value;

        public X509Certificate2? ClientCertificate()
        {
            var certificate = Material("client-certificate", Entry.ClientCertificateData, Entry.ClientCertificate);
            var key = Material("client-key", Entry.ClientKeyData, Entry.ClientKey);
            if (certificate is null && key is null)
            {
                return null;
            }

            if (certificate is null || key is null)
            {
                throw Error(user.File, $"user \"{name}\" has a {(certificate is null ? "client-key but no client-certificate" : "client-certificate but no client-key")}",
                    "set both client-certificate(-data) and client-key(-data), or neither");
            }

            try
            {
                return PemCertificates.ReadClientCertificate(certificate, key);
            }
            catch (InvalidDataException exception)
            {
                throw Error(user.File, $"the client certificate of user \"{name}\" cannot be used: {exception.Message}",
                    "re-export the kubeconfig of the cluster, or fix the certificate/key pair (PEM, unencrypted RSA or EC key)", exception);
            }
        }

        public KubernetesCredentials Authentication()
        {
            if (Entry.AuthProvider is { } provider)
            {
                throw Error(user.File, $"user \"{name}\" uses the auth-provider \"{provider.Name}\", which this client does not support (kubectl removed it too)",
                    "use an exec credential plugin instead (e.g. gke-gcloud-auth-plugin, kubelogin)");
            }

            var hasToken = !string.IsNullOrEmpty(Entry.Token) || !string.IsNullOrEmpty(Entry.TokenFile);
            var hasBasic = !string.IsNullOrEmpty(Entry.Username) || !string.IsNullOrEmpty(Entry.Password);
            if (hasToken && hasBasic)
            {
                throw Error(user.File, $"user \"{name}\" sets both a token and username/password", "keep one of them");
            }

            if (Entry.Exec is { } exec)
            {
                return Exec(exec);
            }

            // Like client-go: a tokenFile takes precedence over an inline token.
            if (!string.IsNullOrEmpty(Entry.TokenFile))
            {
                var path = ResolvePath(user.File, Entry.TokenFile);
                ReadReferencedFile(user.File, $"tokenFile of user \"{name}\"", path);
                return KubernetesCredentials.TokenFile(path);
            }

            if (!string.IsNullOrEmpty(Entry.Token))
            {
                return KubernetesCredentials.BearerToken(Entry.Token);
            }

            if (hasBasic)
            {
                return KubernetesCredentials.Basic(Entry.Username ?? "", Entry.Password ?? "");
            }

            return KubernetesCredentials.None;
        }

        private string? Material(string field, string? data, string? path)
        {
            if (!string.IsNullOrEmpty(data))
            {
                return Base64Text(user.File, $"{field}-data of user \"{name}\"", data);
            }

            return string.IsNullOrEmpty(path) ? null : ReadReferencedFile(user.File, $"{field} of user \"{name}\"", ResolvePath(user.File, path));
        }

        private KubernetesCredentials Exec(ExecEntry exec)
        {
            if (string.IsNullOrEmpty(exec.Command))
            {
                throw Error(user.File, $"the exec plugin of user \"{name}\" has no command", "set users[].user.exec.command");
            }

            // Like kubectl: a command with a directory part is relative to the kubeconfig, a bare name is looked up in PATH.
            var command = exec.Command.Contains('/') || exec.Command.Contains(Path.DirectorySeparatorChar)
                ? ResolvePath(user.File, exec.Command)
                : exec.Command;
            return KubernetesCredentials.Exec(new ExecCredentialSettings
            {
                Command = command,
                Args = exec.Args ?? [],
                Environment = (exec.Env ?? []).Where(variable => !string.IsNullOrEmpty(variable.Name))
                    .Select(variable => KeyValuePair.Create(variable.Name!, variable.Value ?? "")).ToList(),
                ApiVersion = string.IsNullOrEmpty(exec.ApiVersion) ? ExecCredentialSettings.V1 : exec.ApiVersion,
                InstallHint = exec.InstallHint,
                InteractiveMode = exec.InteractiveMode,
                Cluster = exec.ProvideClusterInfo
                    ? new ExecClusterInfo(server.ToString(), NullIfEmpty(cluster.TlsServerName), cluster.InsecureSkipTlsVerify,
                        authorityPem is null ? null : Encoding.UTF8.GetBytes(authorityPem), NullIfEmpty(cluster.ProxyUrl))
                    : null,
                UserName = name,
                KubeconfigPath = user.File,
            }, timeProvider);
        }
    }
}

/// <summary>A kubeconfig entry and the file that defined it.</summary>
internal sealed record Sourced<T>(T Value, string File);
