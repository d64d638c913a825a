using System.Collections.Generic;

namespace Kubernaut.Bdd.Messages
{
    public sealed class GherkinDocument
    {
        public string? Uri { get; set; }
        public Feature? Feature { get; set; }
        public List<Comment> Comments { get; set; } = new List<Comment>();
    }

    public sealed class Comment
    {
        public Location Location { get; set; } = new Location();
        public string Text { get; set; } = "";
    }

    public sealed class Feature
    {
        public Location Location { get; set; } = new Location();
        public List<Tag> Tags { get; set; } = new List<Tag>();
        public string Language { get; set; } = "en";
        public string Keyword { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public List<FeatureChild> Children { get; set; } = new List<FeatureChild>();
    }

    /// <summary>Exactly one of Rule, Background or Scenario is set.</summary>
    public sealed class FeatureChild
    {
        public Rule? Rule { get; set; }
        public Background? Background { get; set; }
        public Scenario? Scenario { get; set; }
    }

    public sealed class Rule
    {
        public Location Location { get; set; } = new Location();
        public List<Tag> Tags { get; set; } = new List<Tag>();
        public string Keyword { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public List<RuleChild> Children { get; set; } = new List<RuleChild>();
        public string Id { get; set; } = "";
    }

    /// <summary>Exactly one of Background or Scenario is set.</summary>
    public sealed class RuleChild
    {
        public Background? Background { get; set; }
        public Scenario? Scenario { get; set; }
    }

    public sealed class Background
    {
        public Location Location { get; set; } = new Location();
        public string Keyword { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public List<Step> Steps { get; set; } = new List<Step>();
        public string Id { get; set; } = "";
    }

    /// <remarks>Defaults of the object-valued properties are created when first read: the parser sets them, and a default made only to be replaced is garbage for every node of a large feature.</remarks>
    public sealed class Scenario
    {
        private Location? _location;
        private List<Tag>? _tags;
        private List<Step>? _steps;
        private List<Examples>? _examples;
        public Location Location { get => _location ?? (_location = new Location()); set => _location = value; }
        public List<Tag> Tags { get => _tags ?? (_tags = new List<Tag>()); set => _tags = value; }
        public string Keyword { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public List<Step> Steps { get => _steps ?? (_steps = new List<Step>()); set => _steps = value; }
        public List<Examples> Examples { get => _examples ?? (_examples = new List<Examples>()); set => _examples = value; }
        public string Id { get; set; } = "";
    }

    public sealed class Examples
    {
        public Location Location { get; set; } = new Location();
        public List<Tag> Tags { get; set; } = new List<Tag>();
        public string Keyword { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public TableRow? TableHeader { get; set; }
        public List<TableRow> TableBody { get; set; } = new List<TableRow>();
        public string Id { get; set; } = "";
    }

    public enum StepKeywordType
    {
        Unknown,
        Context,
        Action,
        Outcome,
        Conjunction,
    }

    /// <remarks>Defaults of the object-valued properties are created when first read: the parser sets them, and a default made only to be replaced is garbage for every node of a large feature.</remarks>
    public sealed class Step
    {
        private Location? _location;
        public Location Location { get => _location ?? (_location = new Location()); set => _location = value; }
        public string Keyword { get; set; } = "";
        public StepKeywordType? KeywordType { get; set; }
        public string Text { get; set; } = "";
        public DocString? DocString { get; set; }
        public DataTable? DataTable { get; set; }
        public string Id { get; set; } = "";
    }

    public sealed class DocString
    {
        public Location Location { get; set; } = new Location();
        public string? MediaType { get; set; }
        public string Content { get; set; } = "";
        public string Delimiter { get; set; } = "";
    }

    public sealed class DataTable
    {
        public Location Location { get; set; } = new Location();
        public List<TableRow> Rows { get; set; } = new List<TableRow>();
    }

    public sealed class TableRow
    {
        public Location Location { get; set; } = new Location();
        public List<TableCell> Cells { get; set; } = new List<TableCell>();
        public string Id { get; set; } = "";
    }

    public sealed class TableCell
    {
        public Location Location { get; set; } = new Location();
        public string Value { get; set; } = "";
    }

    public sealed class Tag
    {
        public Location Location { get; set; } = new Location();
        public string Name { get; set; } = "";
        public string Id { get; set; } = "";
    }
}
