namespace Kubernaut.Kubernetes.Client.Tests.Support;

/// <summary>Kubeconfig text for tests: one cluster, one user, one context, with the fields a test cares about.</summary>
internal static class KubeconfigYaml
{
    public const string Token = "s3cr3t-token-value";

    /// <summary><paramref name="clusterFields"/> and <paramref name="userFields"/> are YAML lines (newline-separated) under cluster: and user:.</summary>
    public static string Single(
        string clusterFields = "server: https://127.0.0.1:6443",
        string userFields = "token: " + Token,
        string context = "kind-test",
        string? @namespace = null) => $"""
        apiVersion: v1
        kind: Config
        current-context: {context}
        clusters:
        - name: test-cluster
          cluster:
            {Indent(clusterFields, 4)}
        contexts:
        - name: {context}
          context:
            cluster: test-cluster
            user: test-user
            {(@namespace is null ? "" : "namespace: " + @namespace)}
        users:
        - name: test-user
          user:
            {Indent(userFields, 4)}
        """;

    /// <summary>Options that read only the given environment variables, never the real ones.</summary>
    public static KubeconfigLoadOptions Options(string? path = null, string? context = null, params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(variable => variable.Name, variable => variable.Value);
        return new KubeconfigLoadOptions
        {
            Path = path,
            Context = context,
            GetEnvironmentVariable = name => variables.GetValueOrDefault(name),
        };
    }

    private static string Indent(string lines, int spaces) =>
        string.Join("\n" + new string(' ', spaces), lines.Split('\n'));
}
