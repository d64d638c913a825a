namespace Kubernaut.Bdd.Conformance.Tests.Report;

/// <summary>
/// The conformance figures of a run, for CI logs: each conformance test writes its summary lines to its test output
/// and appends them to TestResults/conformance-summary.txt next to the test assembly, which the CI script prints.
/// </summary>
public static class ConformanceSummary
{
    private static readonly object Gate = new();

    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "conformance-summary.txt");

    public static void Append(ITestOutputHelper output, IEnumerable<string> lines)
    {
        var text = lines.ToList();
        foreach (var line in text)
        {
            output.WriteLine(line);
        }
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            File.AppendAllLines(FilePath, text);
        }
    }
}
