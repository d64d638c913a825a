namespace Kubernaut.Bdd.Messages
{
    public sealed class Location
    {
        public Location() { }
        public Location(int line, int? column) { Line = line; Column = column; }
        public int Line { get; set; }
        public int? Column { get; set; }
    }

    /// <summary>
    /// Seconds and nanoseconds since the Unix epoch. A value type, as is <see cref="Duration"/>: every execution
    /// message has one, and objects would be as many allocations per step. (Not <see cref="Location"/>: it is optional
    /// in pickles, and a nullable value type takes the serializer off its compile-time fast path.)
    /// </summary>
    public struct Timestamp
    {
        public long Seconds { get; set; }
        public int Nanos { get; set; }
    }

    public struct Duration
    {
        public long Seconds { get; set; }
        public int Nanos { get; set; }
    }

    public sealed class Source
    {
        public const string GherkinPlain = "text/x.cucumber.gherkin+plain";
        public const string GherkinMarkdown = "text/x.cucumber.gherkin+markdown";
        public string Uri { get; set; } = "";
        public string Data { get; set; } = "";
        public string MediaType { get; set; } = GherkinPlain;
    }

    public sealed class SourceReference
    {
        public string? Uri { get; set; }
        public JavaMethod? JavaMethod { get; set; }
        public JavaStackTraceElement? JavaStackTraceElement { get; set; }
        public Location? Location { get; set; }
    }

    public sealed class JavaMethod
    {
        public string ClassName { get; set; } = "";
        public string MethodName { get; set; } = "";
        public System.Collections.Generic.List<string> MethodParameterTypes { get; set; } = new System.Collections.Generic.List<string>();
    }

    public sealed class JavaStackTraceElement
    {
        public string ClassName { get; set; } = "";
        public string FileName { get; set; } = "";
        public string MethodName { get; set; } = "";
    }

    public sealed class ParseError
    {
        public SourceReference Source { get; set; } = new SourceReference();
        public string Message { get; set; } = "";
    }

    /// <summary>The protocol's Exception message (named so as not to clash with System.Exception).</summary>
    public sealed class ExceptionInfo
    {
        public string Type { get; set; } = "";
        public string? Message { get; set; }
        public string? StackTrace { get; set; }
    }

    public sealed class Meta
    {
        public string ProtocolVersion { get; set; } = "";
        public Product Implementation { get; set; } = new Product();
        public Product Runtime { get; set; } = new Product();
        public Product Os { get; set; } = new Product();
        public Product Cpu { get; set; } = new Product();
        public Ci? Ci { get; set; }
    }

    public sealed class Product
    {
        public string Name { get; set; } = "";
        public string? Version { get; set; }
    }

    public sealed class Ci
    {
        public string Name { get; set; } = "";
        public string? Url { get; set; }
        public string? BuildNumber { get; set; }
        public Git? Git { get; set; }
    }

    public sealed class Git
    {
        public string Remote { get; set; } = "";
        public string Revision { get; set; } = "";
        public string? Branch { get; set; }
        public string? Tag { get; set; }
    }
}
