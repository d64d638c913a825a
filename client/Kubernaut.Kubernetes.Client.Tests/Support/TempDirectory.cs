namespace Kubernaut.Kubernetes.Client.Tests.Support;

/// <summary>A directory for kubeconfigs, certificates and plugin scripts, removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("k8s-client-test-").FullName;
    }

    public string Path { get; }

    public string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    /// <summary>Writes <paramref name="content"/> to a file under this directory (creating subdirectories) and returns its path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = File(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes an executable /bin/sh script (skips the test on Windows).</summary>
    public string WriteScript(string relativePath, string body)
    {
        var path = Write(relativePath, "#!/bin/sh\n" + body);
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("exec plugin tests run /bin/sh scripts");
        }
        else
        {
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
