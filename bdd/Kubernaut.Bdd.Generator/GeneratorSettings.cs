using System.Collections.Generic;
using System.Linq;
using Kubernaut.Bdd.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Kubernaut.Bdd.Generator
{
    /// <summary>The reqnroll.json keys the generator needs, with the problems found reading them.</summary>
    internal sealed record GeneratorSettings(string GherkinLanguage, EquatableArray<string> NonParallelizableTags, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public static readonly GeneratorSettings Default = new GeneratorSettings("en", EquatableArray<string>.Empty, EquatableArray<DiagnosticInfo>.Empty);

        public static GeneratorSettings From(AdditionalText? file, System.Threading.CancellationToken cancellationToken)
        {
            var text = file?.GetText(cancellationToken);
            if (file == null || text == null)
            {
                return Default;
            }
            var settings = ReqnrollJsonSettings.Parse(text.ToString());
            var language = "en";
            var tags = new List<string>();
            if (settings.Problems.Count == 0)
            {
                language = FeatureLanguage.Read(settings) ?? language;
                tags.AddRange((settings.GetStringArray("generator.addNonParallelizableMarkerForTags") ?? new string[0]).Select(t => t.TrimStart('@')));
            }
            var diagnostics = settings.Problems.Select(p => DiagnosticInfo.At(Descriptors.ConfigurationError, p.Message, file.Path, text, p.Line, p.Column));
            return new GeneratorSettings(language, new EquatableArray<string>(tags), new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        public static bool IsConfigurationFile(AdditionalText file) =>
            string.Equals(System.IO.Path.GetFileName(file.Path), "reqnroll.json", System.StringComparison.OrdinalIgnoreCase);
    }
}
