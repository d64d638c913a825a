extern alias BddGenerator;

using System.Collections.Immutable;
using BddGenerator::Kubernaut.Bdd.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Kubernaut.Bdd.Tests.Unit.Generator;

/// <summary>Runs the source generator on in-memory files, as the compiler does during a build.</summary>
internal static class GeneratorDriver
{
    public const string ProjectDirectory = "/src/Suite";
    public const string RootNamespace = "Suite";

    public static GeneratorRun Run(params (string Path, string Text)[] files)
    {
        var compilation = CSharpCompilation.Create("Suite", [], References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new ProjectProperties(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = RootNamespace,
            ["build_property.BddSourceRoot"] = ProjectDirectory,
        });
        CSharpGeneratorDriver.Create([new FeatureTestGenerator().AsSourceGenerator()], files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)), optionsProvider: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, TestContext.Current.CancellationToken);
        return new GeneratorRun(output, diagnostics);
    }

    private static readonly Lazy<List<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat([typeof(FactAttribute).Assembly.Location, typeof(Xunit.Sdk.ITestCase).Assembly.Location, typeof(Kubernaut.Bdd.XunitIntegration.TestRunFixture).Assembly.Location])
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList());

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class ProjectProperties(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}

/// <summary>What a generator run produced.</summary>
internal sealed record GeneratorRun(Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public string Source(string hintNameEnd) => Output.SyntaxTrees.Single(t => t.FilePath.EndsWith(hintNameEnd, StringComparison.Ordinal)).ToString();

    public IEnumerable<Diagnostic> CompilationErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
}
