using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Kubernaut.Bdd.Gherkin;
using Kubernaut.Bdd.Messages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kubernaut.Bdd.Generator
{
    /// <summary>Where the project keeps its features and what its generated code is called.</summary>
    /// <param name="RootNamespace">The project's root namespace.</param>
    /// <param name="SourceRoot">The parent of the features root: feature uris and binding source paths are relative to it.</param>
    internal sealed record ProjectOptions(string RootNamespace, string SourceRoot)
    {
        public const string NonParallelizableCollection = "Kubernaut.Bdd.NonParallelizable";
    }

    /// <summary>What one feature file produced: its test class, or the diagnostics that prevent it.</summary>
    internal sealed record FeatureResult(string HintName, string? Code, string ClassFullName, bool NonParallelizable, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// Writes the xUnit v3 test class of a feature: one [Scenario] test per pickle (scenario or Examples row) named
    /// "Feature: Scenario" — for Examples rows "Feature: Outline(header: "value", …)" — with a Category trait per tag,
    /// declared in pickle order (the order the scenarios run in), bound to the feature's class fixture, the feature
    /// source embedded, and a switch that runs a scenario method by name without reflection (IGeneratedScenarios).
    /// </summary>
    internal static class FeatureClassEmitter
    {
        private static readonly HashSet<string> ReservedMemberNames = new HashSet<string> { "Fixture", "Feature" };

        public static FeatureResult Generate(AdditionalText file, ProjectOptions options, GeneratorSettings settings, CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken);
            var uri = Names.RelativeUri(file.Path, options.SourceRoot);
            var hintName = Names.HintName(uri);
            var className = Names.Identifier(System.IO.Path.GetFileNameWithoutExtension(file.Path)) + "Feature";
            var ns = string.Join(".", new[] { options.RootNamespace }.Concat(Names.FolderSegments(uri).Select(Names.Identifier)));
            var fullName = ns + "." + className;
            FeatureResult NoClass(EquatableArray<DiagnosticInfo> diagnostics) => new FeatureResult(hintName, null, fullName, false, diagnostics);
            if (text == null)
            {
                return NoClass(EquatableArray<DiagnosticInfo>.Empty);
            }
            var source = text.ToString();
            var ids = new IncrementingIdGenerator();
            var parsed = new GherkinParser(ids, settings.GherkinLanguage).Parse(uri, source);
            if (!parsed.Success)
            {
                return NoClass(new EquatableArray<DiagnosticInfo>(
                    parsed.Errors.Select(e => DiagnosticInfo.At(Descriptors.GherkinError, Describe(e), file.Path, text, e.Line, e.Column))));
            }
            var document = parsed.Document;
            var feature = document?.Feature;
            if (document == null || feature == null)
            {
                return NoClass(EquatableArray<DiagnosticInfo>.Empty);
            }
            var pickles = PickleCompiler.Compile(document, ids);
            var nonParallelizable = pickles.SelectMany(p => p.Tags.Select(t => t.Name)).Concat(feature.Tags.Select(t => t.Name))
                .Any(name => settings.NonParallelizableTags.Contains(name.TrimStart('@')));
            var code = Emit(ns, className, uri, source, feature, pickles, nonParallelizable, options);
            return new FeatureResult(hintName, code, fullName, nonParallelizable, EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>The official message without its "(line:column): " prefix; the diagnostic's location carries those.</summary>
        private static string Describe(GherkinError error)
        {
            var start = error.Message.IndexOf("): ", System.StringComparison.Ordinal);
            return start < 0 ? error.Message : error.Message.Substring(start + 3);
        }

        private static string Emit(string ns, string className, string uri, string source, Feature feature, List<Pickle> pickles, bool nonParallelizable, ProjectOptions options)
        {
            var scenarios = new Dictionary<string, Scenario>();
            var rows = new Dictionary<string, (Examples Examples, TableRow Row, int Number)>();
            foreach (var scenario in feature.Children.Select(c => c.Scenario).Concat(feature.Children.Where(c => c.Rule != null).SelectMany(c => c.Rule!.Children.Select(r => r.Scenario))))
            {
                if (scenario == null)
                {
                    continue;
                }
                scenarios[scenario.Id] = scenario;
                var number = 0;
                foreach (var examples in scenario.Examples)
                {
                    foreach (var row in examples.TableBody)
                    {
                        rows[row.Id] = (examples, row, ++number);
                    }
                }
            }

            var code = new StringBuilder();
            code.AppendLine("// <auto-generated>Generated by Kubernaut.Bdd.Generator from " + uri + ". Edit the feature file instead.</auto-generated>");
            code.AppendLine("#nullable enable");
            code.AppendLine("namespace " + ns);
            code.AppendLine("{");
            code.AppendLine("    /// <summary>Feature: " + Xml(feature.Name) + " (" + Xml(uri) + ")</summary>");
            code.AppendLine("    [global::Xunit.TestCaseOrderer(typeof(global::Kubernaut.Bdd.XunitIntegration.ScenarioOrderer))]");
            code.AppendLine("    [global::Xunit.Trait(\"FeatureTitle\", " + Literal(feature.Name) + ")]");
            if (nonParallelizable)
            {
                code.AppendLine("    [global::Xunit.Collection(" + Literal(ProjectOptions.NonParallelizableCollection) + ")]");
            }
            code.AppendLine("    public sealed class " + className + " : global::Xunit.IClassFixture<" + className + ".Fixture>, global::Kubernaut.Bdd.XunitIntegration.IGeneratedScenarios");
            code.AppendLine("    {");
            code.AppendLine("        internal static readonly global::Kubernaut.Bdd.XunitIntegration.GeneratedFeature Feature = new global::Kubernaut.Bdd.XunitIntegration.GeneratedFeature(");
            code.AppendLine("            " + Literal(uri) + ",");
            code.AppendLine("            " + Literal(source) + ",");
            code.AppendLine("            " + pickles.Count + ");");
            code.AppendLine();
            code.AppendLine("        public sealed class Fixture : global::Kubernaut.Bdd.XunitIntegration.FeatureFixture");
            code.AppendLine("        {");
            code.AppendLine("            public Fixture(global::" + options.RootNamespace + "." + TestRunClass.Name + " run) : base(run, Feature) { }");
            code.AppendLine("        }");
            code.AppendLine();
            code.AppendLine("        private readonly Fixture _fixture;");
            code.AppendLine();
            code.AppendLine("        public " + className + "(Fixture fixture)");
            code.AppendLine("        {");
            code.AppendLine("            _fixture = fixture;");
            code.AppendLine("        }");

            var usedNames = new HashSet<string>(ReservedMemberNames) { className };
            var methodNames = new List<string>(pickles.Count);
            for (var index = 0; index < pickles.Count; index++)
            {
                var pickle = pickles[index];
                var scenario = scenarios[pickle.AstNodeIds[0]];
                string displayName;
                string methodName;
                if (pickle.AstNodeIds.Count > 1 && rows.TryGetValue(pickle.AstNodeIds[1], out var row))
                {
                    var header = row.Examples.TableHeader!.Cells;
                    var values = header.Select((cell, i) => cell.Value + ": \"" + row.Row.Cells[i].Value + "\"");
                    displayName = feature.Name + ": " + scenario.Name + "(" + string.Join(", ", values) + ")";
                    methodName = Names.Identifier(scenario.Name) + "_Example" + row.Number;
                }
                else
                {
                    displayName = feature.Name + ": " + pickle.Name;
                    methodName = Names.Identifier(pickle.Name);
                }
                methodName = Names.Unique(methodName, usedNames);
                code.AppendLine();
                code.AppendLine("        [global::Kubernaut.Bdd.XunitIntegration.Scenario(DisplayName = " + Literal(displayName) + ")]");
                foreach (var tag in pickle.Tags.Select(t => t.Name.TrimStart('@')).Distinct())
                {
                    code.AppendLine("        [global::Xunit.Trait(\"Category\", " + Literal(tag) + ")]");
                }
                code.AppendLine("        public global::System.Threading.Tasks.Task " + methodName + "() => _fixture.RunScenarioAsync(" + index + ", " + Literal(pickle.Name) + ");");
                methodNames.Add(methodName);
            }
            code.AppendLine();
            code.AppendLine("        global::System.Threading.Tasks.Task? global::Kubernaut.Bdd.XunitIntegration.IGeneratedScenarios.RunTestMethod(string testMethodName) => testMethodName switch");
            code.AppendLine("        {");
            foreach (var methodName in methodNames)
            {
                code.AppendLine("            " + Literal(methodName) + " => " + methodName + "(),");
            }
            code.AppendLine("            _ => null,");
            code.AppendLine("        };");
            code.AppendLine("    }");
            code.AppendLine("}");
            return code.ToString();
        }

        internal static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        private static string Xml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }

    /// <summary>The per-assembly code: the test-run fixture listing every feature, and the non-parallel collection.</summary>
    internal static class TestRunClass
    {
        public const string Name = "BddTestRun";

        public static string Emit(ProjectOptions options, IReadOnlyList<FeatureResult> features)
        {
            var code = new StringBuilder();
            code.AppendLine("// <auto-generated>Generated by Kubernaut.Bdd.Generator.</auto-generated>");
            code.AppendLine("#nullable enable");
            code.AppendLine("[assembly: global::Xunit.AssemblyFixture(typeof(global::" + options.RootNamespace + "." + Name + "))]");
            code.AppendLine("namespace " + options.RootNamespace);
            code.AppendLine("{");
            code.AppendLine("    /// <summary>The BDD test run of this assembly (xUnit assembly fixture): every generated feature, and where binding sources are reported from.</summary>");
            code.AppendLine("    public sealed class " + Name + " : global::Kubernaut.Bdd.XunitIntegration.TestRunFixture");
            code.AppendLine("    {");
            code.AppendLine("        public " + Name + "()");
            code.AppendLine("            : base(typeof(" + Name + ").Assembly, new global::Kubernaut.Bdd.XunitIntegration.GeneratedFeature[]");
            code.AppendLine("            {");
            foreach (var feature in features)
            {
                code.AppendLine("                global::" + feature.ClassFullName + ".Feature,");
            }
            code.AppendLine("            }, " + FeatureClassEmitter.Literal(options.SourceRoot) + ")");
            code.AppendLine("        {");
            code.AppendLine("        }");
            code.AppendLine("    }");
            if (features.Any(f => f.NonParallelizable))
            {
                code.AppendLine();
                code.AppendLine("    /// <summary>Features tagged with a tag of generator.addNonParallelizableMarkerForTags: they run one after another, alone.</summary>");
                code.AppendLine("    [global::Xunit.CollectionDefinition(" + FeatureClassEmitter.Literal(ProjectOptions.NonParallelizableCollection) + ", DisableParallelization = true)]");
                code.AppendLine("    public sealed class NonParallelizableFeatures");
                code.AppendLine("    {");
                code.AppendLine("    }");
            }
            code.AppendLine("}");
            return code.ToString();
        }
    }
}
