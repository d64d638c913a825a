namespace Kubernaut.Kubernetes.Client.Tests;

/// <summary>Every kubeconfig mistake a user can make produces one message naming the file, the cause and the fix.</summary>
public sealed class KubeconfigErrorTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly TestCertificateAuthority authority = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_missing_explicit_file_is_named()
    {
        var path = directory.File("nope/config");

        var message = LoadFailure(KubeconfigYaml.Options(path));

        message.Should().Be($"kubeconfig {path}: file not found. Fix: pass the path of an existing kubeconfig (for Kind: kind get kubeconfig --name <cluster> > <file>).");
    }

    [Fact]
    public void Malformed_YAML_is_reported_with_its_line()
    {
        var path = directory.Write("config", "apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: \"https://x\"\ncontexts: []\n");

        var message = LoadFailure(KubeconfigYaml.Options(path));

        message.Should().Be($"kubeconfig {path}: invalid YAML at line 4, column 12 (a syntax error). " +
            "Fix: correct the YAML there (indentation, a missing \":\" or an unclosed quote), or re-export the kubeconfig.");
    }

    [Fact]
    public void A_YAML_shape_mismatch_is_reported_with_its_line()
    {
        var path = directory.Write("config", "clusters:\n  name: not-a-list\n");

        var message = LoadFailure(KubeconfigYaml.Options(path));

        message.Should().StartWith($"kubeconfig {path}: invalid YAML at line 2, column 3 (expected a list, found a mapping). Fix:");
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_with_its_line()
    {
        var path = directory.Write("config", "clusters:\n- name: a\n  cluster:\n    server: [1, 2]\n");

        LoadFailure(KubeconfigYaml.Options(path)).Should().StartWith($"kubeconfig {path}: invalid YAML at line 4, column 13 (the value cannot be read as text). Fix:");
    }

    [Fact]
    public void A_missing_kind_context_lists_the_contexts_and_names_the_kind_command()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(context: "kind-other"));

        var message = LoadFailure(KubeconfigYaml.Options(path, context: "kind-notification-e2e"));

        message.Should().Be($"kubeconfig {path}: context \"kind-notification-e2e\" not found (contexts: kind-other). " +
            "Fix: pass an existing context or run \"kind export kubeconfig --name notification-e2e\".");
    }

    [Fact]
    public void A_missing_context_of_another_cluster_points_at_get_contexts()
    {
        var path = directory.Write("config", KubeconfigYaml.Single());

        LoadFailure(KubeconfigYaml.Options(path, context: "staging")).Should().EndWith("Fix: pass an existing context (\"kubectl config get-contexts\" lists them).");
    }

    [Fact]
    public void No_current_context_and_no_context_given_lists_the_contexts()
    {
        var path = directory.Write("config", KubeconfigYaml.Single().Replace("current-context: kind-test", ""));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Be(
            $"kubeconfig {path}: no current-context is set and no context was given (contexts: kind-test). Fix: pass a context name or run \"kubectl config use-context <name>\".");
    }

    [Fact]
    public void An_empty_kubeconfig_says_it_has_no_contexts()
    {
        var path = directory.Write("config", "");

        LoadFailure(KubeconfigYaml.Options(path)).Should().StartWith($"kubeconfig {path}: it defines no contexts. Fix: point KUBECONFIG at the kubeconfig of your cluster");
    }

    [Fact]
    public void A_context_naming_an_undefined_cluster_lists_the_clusters()
    {
        var path = directory.Write("config", KubeconfigYaml.Single().Replace("cluster: test-cluster", "cluster: gone"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Be(
            $"kubeconfig {path}: context \"kind-test\" refers to cluster \"gone\", which is not defined (clusters: test-cluster). " +
            "Fix: set contexts[].context.cluster to a defined cluster, or re-export the kubeconfig of that cluster.");
    }

    [Fact]
    public void A_context_naming_an_undefined_user_lists_the_users()
    {
        var path = directory.Write("config", KubeconfigYaml.Single().Replace("user: test-user", "user: ghost"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain("context \"kind-test\" refers to user \"ghost\", which is not defined (users: test-user)");
    }

    [Theory]
    [InlineData("certificate-authority-data: \"\"", "cluster \"test-cluster\" has no server. Fix: set clusters[].cluster.server to the API server URL")]
    [InlineData("server: 127.0.0.1:6443", "cluster \"test-cluster\" has server \"127.0.0.1:6443\", which is not an http(s) URL")]
    [InlineData("server: https://x\nproxy-url: ftp://proxy", "proxy-url \"ftp://proxy\", which is not an http, https or socks5 URL")]
    public void Bad_cluster_fields_are_named(string clusterFields, string expected)
    {
        var path = directory.Write("config", KubeconfigYaml.Single(clusterFields: clusterFields));

        LoadFailure(KubeconfigYaml.Options(path)).Should().StartWith($"kubeconfig {path}: ").And.Contain(expected);
    }

    [Fact]
    public void A_missing_CA_file_is_named_with_its_resolved_path()
    {
        var path = directory.Write("kube/config", KubeconfigYaml.Single(clusterFields: "server: https://x\ncertificate-authority: ca.crt"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Be(
            $"kubeconfig {path}: certificate-authority of cluster \"test-cluster\" {directory.File("kube/ca.crt")} cannot be read (file not found). " +
            "Fix: fix the path (relative paths resolve against the kubeconfig's directory) or embed the content with the matching *-data field.");
    }

    [Fact]
    public void CA_data_that_is_not_base64_is_named()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(clusterFields: "server: https://x\ncertificate-authority-data: not*base64"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain("certificate-authority-data of cluster \"test-cluster\" is not valid base64. Fix: put the base64 encoding of the PEM file there");
    }

    [Fact]
    public void CA_data_without_a_certificate_is_named()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(
            clusterFields: $"server: https://x\ncertificate-authority-data: {TestCertificateAuthority.Base64("hello")}"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain(
            "the certificate-authority-data of cluster \"test-cluster\"").And.Contain("contains no PEM \"-----BEGIN CERTIFICATE-----\" block. Fix: re-export the kubeconfig");
    }

    [Fact]
    public void Insecure_skip_tls_verify_together_with_a_CA_is_refused()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(
            clusterFields: $"server: https://x\ninsecure-skip-tls-verify: true\ncertificate-authority-data: {authority.CertificatePemBase64}"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain("sets both insecure-skip-tls-verify and a certificate authority. Fix: remove insecure-skip-tls-verify");
    }

    [Fact]
    public void A_client_certificate_without_a_key_is_named()
    {
        var (certificatePem, _) = authority.IssueClient("u", KeyKind.Ec);
        var path = directory.Write("config", KubeconfigYaml.Single(userFields: $"client-certificate-data: {TestCertificateAuthority.Base64(certificatePem)}"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain(
            "user \"test-user\" has a client-certificate but no client-key. Fix: set both client-certificate(-data) and client-key(-data), or neither");
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_named_without_showing_it()
    {
        var (certificatePem, _) = authority.IssueClient("u", KeyKind.Ec);
        var (_, otherKeyPem) = authority.IssueClient("someone-else", KeyKind.Ec);
        var path = directory.Write("config", KubeconfigYaml.Single(userFields:
            $"client-certificate-data: {TestCertificateAuthority.Base64(certificatePem)}\nclient-key-data: {TestCertificateAuthority.Base64(otherKeyPem)}"));

        var message = LoadFailure(KubeconfigYaml.Options(path));

        message.Should().Contain("the client certificate of user \"test-user\" cannot be used: the client key is malformed or does not belong to the client certificate CN=u");
        message.Should().NotContain(PemBody(otherKeyPem));
    }

    [Fact]
    public void An_encrypted_key_is_named()
    {
        var (certificatePem, _) = authority.IssueClient("u", KeyKind.Ec);
        using var key = System.Security.Cryptography.ECDsa.Create();
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("pw", new System.Security.Cryptography.PbeParameters(
            System.Security.Cryptography.PbeEncryptionAlgorithm.Aes128Cbc, System.Security.Cryptography.HashAlgorithmName.SHA256, 1000));
        var path = directory.Write("config", KubeconfigYaml.Single(userFields:
            $"client-certificate-data: {TestCertificateAuthority.Base64(certificatePem)}\nclient-key-data: {TestCertificateAuthority.Base64(encrypted)}"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain("the client key is encrypted, and kubeconfig keys must be unencrypted");
    }

    [Fact]
    public void A_key_that_is_not_PEM_is_named()
    {
        var (certificatePem, _) = authority.IssueClient("u", KeyKind.Ec);
        directory.Write("client.key", "garbage");
        var path = directory.Write("config", KubeconfigYaml.Single(userFields:
            $"client-certificate-data: {TestCertificateAuthority.Base64(certificatePem)}\nclient-key: client.key"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain("the client key contains no PEM \"PRIVATE KEY\" block (RSA, EC or PKCS#8)");
    }

    [Fact]
    public void A_missing_token_file_is_named()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(userFields: "tokenFile: /nonexistent/token"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain("tokenFile of user \"test-user\" /nonexistent/token cannot be read (file not found)");
    }

    [Fact]
    public void An_auth_provider_user_is_told_to_use_an_exec_plugin()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(userFields: "auth-provider:\n  name: gcp"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain(
            "user \"test-user\" uses the auth-provider \"gcp\", which this client does not support").And.Contain("Fix: use an exec credential plugin instead");
    }

    [Fact]
    public void A_token_together_with_basic_auth_is_refused()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(userFields: "token: abc\nusername: admin\npassword: pw"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain("user \"test-user\" sets both a token and username/password. Fix: keep one of them.");
    }

    [Fact]
    public void An_exec_entry_without_a_command_is_named()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(userFields: "exec:\n  apiVersion: client.authentication.k8s.io/v1"));

        LoadFailure(KubeconfigYaml.Options(path)).Should().Contain("the exec plugin of user \"test-user\" has no command. Fix: set users[].user.exec.command.");
    }

    [Fact]
    public void An_entry_without_a_name_is_named()
    {
        var path = directory.Write("config", "clusters:\n- cluster: {server: \"https://x\"}\n");

        LoadFailure(KubeconfigYaml.Options(path)).Should().Be($"kubeconfig {path}: an entry of clusters has no name. Fix: give every clusters[] entry a name.");
    }

    [Fact]
    public void KUBECONFIG_listing_only_missing_files_names_them()
    {
        var missing = directory.File("a");
        var variable = $"{missing}{Path.PathSeparator}{directory.File("b")}";

        LoadFailure(KubeconfigYaml.Options(environment: ("KUBECONFIG", variable))).Should().Be(
            $"KUBECONFIG={variable}: none of the listed files exists ({missing}, {directory.File("b")}). " +
            "Fix: point KUBECONFIG at an existing kubeconfig (for Kind: kind export kubeconfig --name <cluster>).");
    }

    [Fact]
    public void No_kubeconfig_anywhere_says_where_it_looked()
    {
        LoadFailure(KubeconfigYaml.Options(environment: ("HOME", directory.Path))).Should().Be(
            $"kubeconfig: none found: KUBECONFIG is not set and {directory.File(".kube/config")} does not exist, and this is not a pod (KUBERNETES_SERVICE_HOST is not set). " +
            "Fix: set KUBECONFIG or pass a kubeconfig path (for Kind: kind export kubeconfig --name <cluster>).");
    }

    [Fact]
    public void In_cluster_without_a_token_names_the_token_path()
    {
        var options = KubeconfigYaml.Options(environment: [("KUBERNETES_SERVICE_HOST", "10.96.0.1"), ("KUBERNETES_SERVICE_PORT", "443")]) with
        {
            ServiceAccountDirectory = directory.Path,
        };

        LoadFailure(options).Should().Be(
            $"in-cluster configuration: the ServiceAccount token {directory.File("token")} does not exist. Fix: mount a ServiceAccount token into the pod (automountServiceAccountToken: true).");
    }

    [Fact]
    public void A_missing_CA_bundle_for_another_HTTPS_client_is_named()
    {
        var path = directory.File("inter-service-ca.pem");

        var act = () => Kubernaut.Kubernetes.Client.Tls.ServerCertificateTrust.FromPemFile(path);

        act.Should().Throw<CertificateException>().Which.Message.Should().StartWith($"CA bundle {path}: cannot be read (")
            .And.EndWith("Fix: pass the path of an existing, readable PEM CA bundle.");
    }

    private static string LoadFailure(KubeconfigLoadOptions options)
    {
        var act = () => KubeconfigLoader.Load(options);
        return act.Should().Throw<KubernetesClientException>().Which.Message;
    }

    private static string PemBody(string pem) => pem.Split('\n')[1];
}
