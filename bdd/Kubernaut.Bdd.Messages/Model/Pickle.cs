using System.Collections.Generic;

namespace Kubernaut.Bdd.Messages
{
    /// <summary>An executable scenario compiled from a Gherkin document (one per Scenario or Examples row).</summary>
    /// <remarks>Defaults of the object-valued properties are created when first read: the parser sets them, and a default made only to be replaced is garbage for every node of a large feature.</remarks>
    public sealed class Pickle
    {
        private List<PickleStep>? _steps;
        private List<PickleTag>? _tags;
        private List<string>? _astNodeIds;
        public string Id { get; set; } = "";
        public string Uri { get; set; } = "";
        public Location? Location { get; set; }
        public string Name { get; set; } = "";
        public string Language { get; set; } = "en";
        public List<PickleStep> Steps { get => _steps ?? (_steps = new List<PickleStep>()); set => _steps = value; }
        public List<PickleTag> Tags { get => _tags ?? (_tags = new List<PickleTag>()); set => _tags = value; }
        public List<string> AstNodeIds { get => _astNodeIds ?? (_astNodeIds = new List<string>()); set => _astNodeIds = value; }
    }

    public enum PickleStepType
    {
        Unknown,
        Context,
        Action,
        Outcome,
    }

    /// <remarks>Defaults of the object-valued properties are created when first read: the parser sets them, and a default made only to be replaced is garbage for every node of a large feature.</remarks>
    public sealed class PickleStep
    {
        private List<string>? _astNodeIds;
        public PickleStepArgument? Argument { get; set; }
        public List<string> AstNodeIds { get => _astNodeIds ?? (_astNodeIds = new List<string>()); set => _astNodeIds = value; }
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
