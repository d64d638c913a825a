namespace Kubernaut.Kubernetes.Client.Tests;

/// <summary>Tokens, passwords and private keys never appear in ToString() or in a message.</summary>
public sealed class SecretRedactionTests : IDisposable
{
    private const string Password = "pa55w0rd-never-shown";
    private readonly TempDirectory directory = new();
    private readonly TestCertificateAuthority authority = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_configuration_with_a_token_and_a_client_key_describes_itself_without_them()
    {
        var (certificatePem, keyPem) = authority.IssueClient("admin", KeyKind.Rsa);
        var path = directory.Write("config", KubeconfigYaml.Single(userFields:
            $"token: {KubeconfigYaml.Token}\nclient-certificate-data: {TestCertificateAuthority.Base64(certificatePem)}\nclient-key-data: {TestCertificateAuthority.Base64(keyPem)}"));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));
        var descriptions = string.Join("\n", configuration.ToString(), configuration.Credentials.ToString(),
            configuration.AuthenticationDescription, KubeconfigLoader.Read(KubeconfigYaml.Options(path)).ToString());

        descriptions.Should().Contain("a bearer token").And.Contain("CN=admin");
        descriptions.Should().NotContain(KubeconfigYaml.Token).And.NotContain(keyPem.Split('\n')[1]);
    }

    [Fact]
    public void Basic_auth_credentials_never_show_the_password()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(userFields: $"username: admin\npassword: {Password}"));

        var configuration = KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        configuration.ToString().Should().Contain("basic auth as \"admin\"").And.NotContain(Password);
    }

    [Fact]
    public void Exec_settings_name_the_command_but_not_arguments_or_environment()
    {
        var settings = new ExecCredentialSettings { Command = "aws", Args = ["--secret", Password], Environment = [KeyValuePair.Create("AWS_SECRET_ACCESS_KEY", Password)] };

        settings.ToString().Should().Be("exec plugin \"aws\" (client.authentication.k8s.io/v1)");
    }

    [Fact]
    public void A_secret_lists_its_keys_but_never_its_values()
    {
        var secret = new Secret
        {
            Metadata = { Name = "delivery-credentials", Namespace = "kubernaut-system" },
            Data = new() { ["slack-failure"] = System.Text.Encoding.UTF8.GetBytes(Password) },
            StringData = new() { ["teams-success"] = Password },
        };

        secret.ToString().Should().Be("Secret kubernaut-system/delivery-credentials (type Opaque, keys: slack-failure, teams-success; values not shown)");
    }

    [Fact]
    public void Issued_tokens_are_never_shown()
    {
        var expiry = new DateTimeOffset(2026, 8, 22, 11, 0, 0, TimeSpan.Zero);
        var token = new ServiceAccountToken("ns", "sa", KubeconfigYaml.Token, expiry);
        var request = new TokenRequest { Status = new TokenRequestStatus { Token = KubeconfigYaml.Token, ExpirationTimestamp = expiry } };

        string.Join("\n", token.ToString(), request.ToString(), request.Status.ToString()).Should().NotContain(KubeconfigYaml.Token);
        token.ToString().Should().Be("token for ServiceAccount ns/sa, expires 2026-08-22T11:00:00.0000000+00:00 (not shown)");
    }

    [Fact]
    public void A_kubeconfig_error_never_quotes_the_users_token()
    {
        var path = directory.Write("config", KubeconfigYaml.Single(userFields: $"token: {KubeconfigYaml.Token}\nusername: admin\npassword: {Password}"));

        var act = () => KubeconfigLoader.Load(KubeconfigYaml.Options(path));

        act.Should().Throw<KubeconfigException>().Which.ToString().Should().NotContain(KubeconfigYaml.Token).And.NotContain(Password);
    }
}
