using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Kubernaut.Bdd.Generator
{
    /// <summary>
    /// Generates the xUnit v3 tests of the feature files given as AdditionalFiles (one class per feature, one test per
    /// scenario and Examples row) and the assembly's test-run fixture. Malformed features and an invalid reqnroll.json
    /// fail the build with "path(line,column): message" errors.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class FeatureTestGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var options = context.AnalyzerConfigOptionsProvider.Select((provider, _) =>
            {
                provider.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
                provider.GlobalOptions.TryGetValue("build_property.BddSourceRoot", out var sourceRoot);
                return new ProjectOptions(
                    string.IsNullOrWhiteSpace(rootNamespace) ? "Kubernaut.Bdd.Generated" : rootNamespace!,
                    sourceRoot ?? "");
            });

            var settings = context.AdditionalTextsProvider
                .Where(GeneratorSettings.IsConfigurationFile)
                .Collect()
                .Select((files, cancellationToken) => GeneratorSettings.From(files.FirstOrDefault(), cancellationToken));

            var features = context.AdditionalTextsProvider
                .Where(file => file.Path.EndsWith(".feature", System.StringComparison.OrdinalIgnoreCase))
                .Combine(options)
                .Combine(settings)
                .Select((input, cancellationToken) => FeatureClassEmitter.Generate(input.Left.Left, input.Left.Right, input.Right, cancellationToken));

            context.RegisterSourceOutput(settings, (production, value) =>
            {
                foreach (var diagnostic in value.Diagnostics)
                {
                    production.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

            context.RegisterSourceOutput(features, (production, feature) =>
            {
                foreach (var diagnostic in feature.Diagnostics)
                {
                    production.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
                if (feature.Code != null)
                {
                    production.AddSource(feature.HintName, feature.Code);
                }
            });

            context.RegisterSourceOutput(features.Collect().Combine(options), (production, input) =>
            {
                var generated = input.Left.Where(f => f.Code != null).OrderBy(f => f.ClassFullName, System.StringComparer.Ordinal).ToImmutableArray();
                if (generated.Length > 0)
                {
                    production.AddSource(TestRunClass.Name + ".g.cs", TestRunClass.Emit(input.Right, generated));
                }
            });
        }
    }
}
