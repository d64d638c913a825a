using System.Reflection;

namespace Kubernaut.Bdd.Reporting;

/// <summary>
/// The Node tooling folder of the living documentation (bdd/report): the scripts that render, validate and check
/// reports, and the npm packages they use. Its path is recorded in the test assembly at build time by
/// bdd/report/Kubernaut.Bdd.Report.targets, so it is found wherever the build output lives; the environment
/// variable <see cref="EnvironmentVariable"/> overrides it.
/// </summary>
public sealed class ReportTools
{
    /// <summary>Points to the tooling folder, overriding the path recorded at build time.</summary>
    public const string EnvironmentVariable = "KUBERNAUT_BDD_REPORT_TOOLS";

    /// <summary>The <see cref="AssemblyMetadataAttribute"/> key the build records the folder under.</summary>
    public const string MetadataKey = "KubernautBddReportTools";

    private const string RenderScriptName = "render-html.mjs";

    private ReportTools(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>render-html.mjs: NDJSON to the official Cucumber HTML report.</summary>
    public string RenderHtmlScript => Path.Combine(Folder, RenderScriptName);

    /// <summary>validate-messages.mjs: NDJSON against the JSON schema of @cucumber/messages.</summary>
    public string ValidateMessagesScript => Path.Combine(Folder, "validate-messages.mjs");

    /// <summary>check-report.mjs: opens a report in headless Chromium and looks for texts.</summary>
    public string CheckReportScript => Path.Combine(Folder, "check-report.mjs");

    /// <summary>True once <c>npm ci</c> has installed the packages (npm writes node_modules/.package-lock.json last).</summary>
    public bool IsInstalled => File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json"));

    /// <summary>The Cucumber Compatibility Kit samples, one folder per sample (installed by <c>npm ci</c>).</summary>
    public string CompatibilityKitFeatures => Path.Combine(Folder, "node_modules", "@cucumber", "compatibility-kit", "features");

    /// <summary>What to run to install the packages.</summary>
    public string InstallCommand => $"cd \"{Folder}\" && npm ci";

    /// <summary>The folder named by <see cref="EnvironmentVariable"/>, else the one recorded in <paramref name="testAssembly"/>.</summary>
    /// <param name="whyMissing">When null is returned: what is wrong and how to fix it.</param>
    public static ReportTools? Locate(Assembly testAssembly, Func<string, string?> environment, out string whyMissing)
    {
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Check(Path.GetFullPath(fromEnvironment), $"{EnvironmentVariable} is set to {fromEnvironment}", out whyMissing);
        }
        var recorded = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == MetadataKey)?.Value;
        if (string.IsNullOrEmpty(recorded))
        {
            whyMissing = $"the test assembly {testAssembly.GetName().Name} does not record where the report tooling is: import bdd/report/Kubernaut.Bdd.Report.targets in its project, or set {EnvironmentVariable} to the bdd/report folder";
            return null;
        }
        return Check(recorded, $"the build recorded {recorded} as the report tooling folder", out whyMissing);
    }

    private static ReportTools? Check(string folder, string origin, out string whyMissing)
    {
        if (!File.Exists(Path.Combine(folder, RenderScriptName)))
        {
            whyMissing = $"{origin}, but it holds no {RenderScriptName}: set {EnvironmentVariable} to the bdd/report folder of this repository";
            return null;
        }
        whyMissing = "";
        return new ReportTools(folder);
    }
}
