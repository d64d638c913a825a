namespace Kubernaut.Bdd.Conformance.Tests.Report;

/// <summary>
/// The conformance figures of a run, for CI logs: each conformance test writes its summary lines to its test output
/// and to TestResults/conformance-&lt;set&gt;.txt next to the test assembly (replaced on every run), which the CI script prints.
/// </summary>
public static class ConformanceSummary
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults");

    /// <param name="set">Which corpus the lines are about: gherkin, cck, schema.</param>
    public static void Write(ITestOutputHelper output, string set, IEnumerable<string> lines)
    {
        var text = lines.ToList();
        foreach (var line in text)
        {
            output.WriteLine(line);
        }
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllLines(Path.Combine(Directory, $"conformance-{set}.txt"), text);
    }
}
