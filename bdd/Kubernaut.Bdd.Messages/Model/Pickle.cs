using System.Collections.Generic;

namespace Kubernaut.Bdd.Messages
{
    /// <summary>An executable scenario compiled from a Gherkin document (one per Scenario or Examples row).</summary>
    public sealed class Pickle
    {
        public string Id { get; set; } = "";
        public string Uri { get; set; } = "";
        public Location? Location { get; set; }
        public string Name { get; set; } = "";
        public string Language { get; set; } = "en";
        public List<PickleStep> Steps { get; set; } = new List<PickleStep>();
        public List<PickleTag> Tags { get; set; } = new List<PickleTag>();
        public List<string> AstNodeIds { get; set; } = new List<string>();
    }

    public enum PickleStepType
    {
        Unknown,
        Context,
        Action,
        Outcome,
    }

    public sealed class PickleStep
    {
        public PickleStepArgument? Argument { get; set; }
        public List<string> AstNodeIds { get; set; } = new List<string>();
        public string Id { get; set; } = "";
        public PickleStepType? Type { get; set; }
        public string Text { get; set; } = "";
    }

    /// <summary>DocString, DataTable, or (newer Gherkin) both.</summary>
    public sealed class PickleStepArgument
    {
        public PickleDocString? DocString { get; set; }
        public PickleTable? DataTable { get; set; }
    }

    public sealed class PickleDocString
    {
        /// <summary>Position among the step's arguments; set only when a step has both a data table and a doc string (newer Gherkin than the messages schema).</summary>
        public int? ArgumentIndex { get; set; }
        public string? MediaType { get; set; }
        public string Content { get; set; } = "";
    }

    public sealed class PickleTable
    {
        /// <summary>See <see cref="PickleDocString.ArgumentIndex"/>.</summary>
        public int? ArgumentIndex { get; set; }
        public List<PickleTableRow> Rows { get; set; } = new List<PickleTableRow>();
    }

    public sealed class PickleTableRow
    {
        public List<PickleTableCell> Cells { get; set; } = new List<PickleTableCell>();
    }

    public sealed class PickleTableCell
    {
        public string Value { get; set; } = "";
    }

    public sealed class PickleTag
    {
        public string Name { get; set; } = "";
        public string AstNodeId { get; set; } = "";
    }
}
