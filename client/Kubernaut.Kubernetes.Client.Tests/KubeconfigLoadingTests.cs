namespace Kubernaut.Kubernetes.Client.Tests;

public sealed class KubeconfigLoadingTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly TestCertificateAuthority authority = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void An_explicit_path_selects_the_current_context_with_its_server_namespace_and_token()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(@namespace: "notification-e2e"));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        configuration.Server.Should().Be(new Uri("https://127.0.0.1:6443"));
        configuration.ContextName.Should().Be("kind-test");
        configuration.ClusterName.Should().Be("test-cluster");
        configuration.UserName.Should().Be("test-user");
        configuration.Namespace.Should().Be("notification-e2e");
        configuration.KubeconfigPath.Should().Be(path);
        configuration.Credentials.ToString().Should().Be("a bearer token");
        configuration.ServerTrust.Source.Should().Be("the system trust store");
    }

    [Fact]
    public void A_context_without_a_namespace_uses_default()
    {
        var path = directory.Write("config", KubeconfigYaml.Single());

        KubeconfigLoader.Load(KubeconfigYaml.Options(path)).Namespace.Should().Be("default");
    }

    [Fact]
    public void A_named_context_overrides_current_context()
    {
        var path = directory.Write("config", """
            current-context: first
            clusters:
            - name: one
              cluster: {server: "https://one.example:6443"}
            - name: two
              cluster: {server: "https://two.example:6443"}
            contexts:
            - name: first
              context: {cluster: one, user: u}
            - name: second
              context: {cluster: two, user: u, namespace: other}
            users:
            - name: u
              user: {token: abc}
            """);

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path, context: "second"));

        configuration.Server.Host.Should().Be("two.example");
        configuration.Namespace.Should().Be("other");
        configuration.ContextName.Should().Be("second");
    }

    [Fact]
    public void KUBECONFIG_files_merge_with_kubectl_rules()
    {
        // The first file defines context "a" and cluster "x" but no current-context; the second redefines both.
        var first = directory.Write("first/config", """
            clusters:
            - name: x
              cluster: {server: "https://first.example"}
            contexts:
            - name: a
              context: {cluster: x, user: u}
            users:
            - name: u
              user: {token: first-token}
            """);
        var second = directory.Write("second/config", """
            current-context: a
            clusters:
            - name: x
              cluster: {server: "https://second.example"}
            - name: y
              cluster: {server: "https://y.example"}
            contexts:
            - name: a
              context: {cluster: y, user: u}
            - name: b
              context: {cluster: y, user: u}
            users:
            - name: u
              user: {username: admin, password: pw}
            """);
        var options = KubeconfigYaml.Options(environment: ("KUBECONFIG", $"{first}{Path.PathSeparator}{second}"));

        var kubeconfig = KubeconfigLoader.Read(options);
        var configuration = KubeconfigLoader.Load(options);

        kubeconfig.Files.Should().Equal(first, second);
        kubeconfig.ContextNames.Should().Equal("a", "b");
        kubeconfig.ClusterNames.Should().Equal("x", "y");
        kubeconfig.CurrentContext.Should().Be("a", "current-context comes from the first file that sets it");
        configuration.Server.Host.Should().Be("first.example", "context a and cluster x come from the first file that defines them");
        configuration.Credentials.ToString().Should().Be("a bearer token", "user u comes from the first file");
        configuration.KubeconfigPath.Should().Be(first);
    }

    [Fact]
    public void KUBECONFIG_entries_that_do_not_exist_are_skipped()
    {
        var existing = directory.Write("config", KubeconfigYaml.Single());
        var options = KubeconfigYaml.Options(environment: ("KUBECONFIG", $"{directory.File("missing")}{Path.PathSeparator}{existing}"));

        KubeconfigLoader.Read(options).Files.Should().Equal(existing);
    }

    [Fact]
    public void Without_KUBECONFIG_the_file_under_HOME_is_used()
    {
        var path = directory.Write(".kube/config", KubeconfigYaml.Single(context: "from-home"));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(environment: ("HOME", directory.Path)));

        configuration.ContextName.Should().Be("from-home");
        configuration.KubeconfigPath.Should().Be(path);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_directory_of_the_file_that_defines_them()
    {
        var (certificatePem, keyPem) = authority.IssueClient("kubernetes-admin", KeyKind.Rsa);
        directory.Write("kube/pki/ca.crt", authority.CertificatePem);
        directory.Write("kube/pki/client.crt", certificatePem);
        directory.Write("kube/pki/client.key", keyPem);
        var path = directory.Write("kube/config", KubeconfigYaml.Single(
            clusterFields: "server: https://127.0.0.1:6443\ncertificate-authority: pki/ca.crt",
            userFields: "client-certificate: pki/client.crt\nclient-key: ./pki/client.key"));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        configuration.ServerTrust.Source.Should().Contain(directory.File("kube/pki/ca.crt"));
        configuration.ClientCertificate!.Subject.Should().Contain("CN=kubernetes-admin");
        configuration.ClientCertificate.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public void A_relative_token_file_resolves_against_its_kubeconfig_and_wins_over_an_inline_token()
    {
        directory.Write("kube/sa-token", "file-token\n");
        var path = directory.Write("kube/config", KubeconfigYaml.Single(userFields: "token: inline-token\ntokenFile: sa-token"));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        configuration.Credentials.ToString().Should().Be($"the bearer token in {directory.File("kube/sa-token")}");
    }

    [Fact]
    public void Certificate_authority_data_becomes_the_only_trusted_CA()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(
            clusterFields: $"server: https://127.0.0.1:6443\ncertificate-authority-data: {authority.CertificatePemBase64}"));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        configuration.ServerTrust.Source.Should().Be($"the certificate-authority-data of cluster \"test-cluster\" in {path}");
        configuration.ServerTrust.SkipsVerification.Should().BeFalse();
    }

    [Fact]
    public void Tls_server_name_proxy_url_and_insecure_skip_tls_verify_are_read()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(
            clusterFields: "server: https://10.0.0.1:6443\ntls-server-name: kubernetes.default.svc\nproxy-url: http://proxy.example:3128\ninsecure-skip-tls-verify: true"));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        configuration.TlsServerName.Should().Be("kubernetes.default.svc");
        configuration.ProxyUrl.Should().Be(new Uri("http://proxy.example:3128"));
        configuration.ServerTrust.SkipsVerification.Should().BeTrue();
    }

    [Theory]
    [InlineData(KeyKind.Rsa)]
    [InlineData(KeyKind.Ec)]
    public void Embedded_client_certificates_load_with_RSA_and_EC_keys(KeyKind keyKind)
    {
        var (certificatePem, keyPem) = authority.IssueClient("kind-user", keyKind);
        var path = directory.Write("config", KubeconfigYaml.Single(userFields:
            $"client-certificate-data: {TestCertificateAuthority.Base64(certificatePem)}\nclient-key-data: {TestCertificateAuthority.Base64(keyPem)}"));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        configuration.ClientCertificate!.Subject.Should().Contain("CN=kind-user");
        configuration.ClientCertificate.HasPrivateKey.Should().BeTrue();
        configuration.Credentials.Should().BeSameAs(KubernetesCredentials.None);
        configuration.AuthenticationDescription.Should().Contain("the client certificate \"CN=kind-user, O=system:masters\"");
    }

    [Fact]
    public void A_PKCS8_client_key_is_accepted()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=pkcs8", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = directory.Write("config", KubeconfigYaml.Single(userFields:
            $"client-certificate-data: {TestCertificateAuthority.Base64(certificate.ExportCertificatePem())}\nclient-key-data: {TestCertificateAuthority.Base64(key.ExportPkcs8PrivateKeyPem())}"));

        KubeconfigLoader.Load(KubeconfigYaml.Options(path)).ClientCertificate!.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public void Username_and_password_become_basic_auth()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(userFields: "username: admin\npassword: hunter2"));

        KubeconfigLoader.Load(KubeconfigYaml.Options(path)).Credentials.ToString().Should().Be("basic auth as \"admin\"");
    }

    [Fact]
    public void A_context_without_a_user_is_anonymous()
    {
        var path = directory.Write("config", """
            current-context: anon
            clusters:
            - name: c
              cluster: {server: "https://127.0.0.1:6443"}
            contexts:
            - name: anon
              context: {cluster: c}
            """);

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        configuration.UserName.Should().BeNull();
        configuration.AuthenticationDescription.Should().Be("no credentials");
    }

    [Fact]
    public void An_exec_user_yields_exec_credentials_with_a_kubeconfig_relative_command()
    {
        var path = directory.Write("kube/config", KubeconfigYaml.Single(userFields: """
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: ./bin/get-token
              interactiveMode: Never
            """));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        configuration.Credentials.ToString().Should().Be($"the exec plugin \"{directory.File("kube/bin/get-token")}\"");
    }

    [Fact]
    public void Inside_a_pod_without_a_kubeconfig_the_service_account_is_used()
    {
        var accountDirectory = Path.GetDirectoryName(directory.Write("sa/token", "pod-token"))!;
        directory.Write("sa/ca.crt", authority.CertificatePem);
        directory.Write("sa/namespace", "kubernaut-system\n");
        var options = KubeconfigYaml.Options(environment: [("KUBERNETES_SERVICE_HOST", "10.96.0.1"), ("KUBERNETES_SERVICE_PORT", "443")]) with
        {
            ServiceAccountDirectory = accountDirectory,
        };

        var configuration = KubeconfigLoader.Load(options);

        configuration.Server.Should().Be(new Uri("https://10.96.0.1:443"));
        configuration.Namespace.Should().Be("kubernaut-system");
        configuration.ServerTrust.Source.Should().Be(Path.Combine(accountDirectory, "ca.crt"));
        configuration.Credentials.ToString().Should().Be($"the bearer token in {Path.Combine(accountDirectory, "token")}");
    }
}
