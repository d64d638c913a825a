using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Kubernaut.Bdd.Generator
{
    internal static class Descriptors
    {
        public static readonly DiagnosticDescriptor GherkinError = new DiagnosticDescriptor(
            "KBDD001", "Malformed feature file", "{0}", "Kubernaut.Bdd", DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "The feature file does not follow the Gherkin grammar; the scenario tests cannot be generated until it does.");

        public static readonly DiagnosticDescriptor ConfigurationError = new DiagnosticDescriptor(
            "KBDD002", "Invalid reqnroll.json", "{0}", "Kubernaut.Bdd", DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "A reqnroll.json key the generator reads has a value of the wrong type, or the file is not valid JSON.");
    }

    /// <summary>A diagnostic as plain data (cacheable by the incremental pipeline); becomes a Diagnostic at output time.</summary>
    internal sealed record DiagnosticInfo(string Id, string Message, string Path, int Line, int Column, int Offset)
    {
        public Diagnostic ToDiagnostic()
        {
            var descriptor = Id == Descriptors.GherkinError.Id ? Descriptors.GherkinError : Descriptors.ConfigurationError;
            var position = new LinePosition(Line - 1, Column - 1);
            var location = Location.Create(Path, new TextSpan(Offset, 0), new LinePositionSpan(position, position));
            return Diagnostic.Create(descriptor, location, Message);
        }

        /// <summary>A diagnostic at a 1-based line and column of the text (a column of 0, "end of file", points at column 1).</summary>
        public static DiagnosticInfo At(DiagnosticDescriptor descriptor, string message, string path, SourceText text, int line, int column)
        {
            var safeLine = System.Math.Max(1, System.Math.Min(line, text.Lines.Count));
            var lineStart = text.Lines[safeLine - 1];
            var safeColumn = System.Math.Max(1, column);
            var offset = System.Math.Min(lineStart.Start + safeColumn - 1, lineStart.End);
            return new DiagnosticInfo(descriptor.Id, message, path, safeLine, safeColumn, offset);
        }
    }
}
