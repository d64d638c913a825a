using System.Text;
using YamlDotNet.Serialization;

namespace Kubernaut.Emulator.Hosting;

/// <summary>
/// Writes a kubeconfig for the emulated cluster: the API server URL, the CA as certificate-authority-data, the admin
/// user's bearer token and the context kubernaut-emulator; and the CA as PEM beside it, named inter-service-ca.pem as
/// Kubernaut's E2E suites expect (&lt;kubeconfig dir&gt;/inter-service-ca.pem). The file is readable by its owner only.
/// </summary>
public static class Kubeconfig
{
    public const string ContextName = "kubernaut-emulator";
    public const string UserName = "kubernaut-emulator-admin";
    public const string CaFileName = "inter-service-ca.pem";

    /// <summary>Where the CA file of the kubeconfig at <paramref name="kubeconfigPath"/> is written.</summary>
    public static string CaPathBeside(string kubeconfigPath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(kubeconfigPath))!, CaFileName);

    /// <summary>Writes both files: the kubeconfig at <paramref name="path"/>, the CA beside it (<see cref="CaPathBeside"/>).</summary>
    public static void Write(string path, Uri server, string caPem, string token, string @namespace)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var document = new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = ContextName,
                    ["cluster"] = new Dictionary<string, object>
                    {
                        ["server"] = server.GetLeftPart(UriPartial.Authority),
                        ["certificate-authority-data"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem)),
                    },
                },
            },
            ["users"] = new[]
            {
                new Dictionary<string, object> { ["name"] = UserName, ["user"] = new Dictionary<string, object> { ["token"] = token } },
            },
            ["contexts"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = ContextName,
                    ["context"] = new Dictionary<string, object> { ["cluster"] = ContextName, ["user"] = UserName, ["namespace"] = @namespace },
                },
            },
            ["current-context"] = ContextName,
            ["preferences"] = new Dictionary<string, object>(),
        };
        WriteOwnerOnly(fullPath, new SerializerBuilder().Build().Serialize(document));
        File.WriteAllText(CaPathBeside(fullPath), caPem, Encoding.ASCII);
    }

    // The kubeconfig holds the admin token: create it unreadable to others before writing the secret into it.
    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(text);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
