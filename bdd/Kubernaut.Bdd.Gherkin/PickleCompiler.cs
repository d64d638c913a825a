using System;
using System.Collections.Generic;
using System.Linq;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Gherkin
{
    /// <summary>
    /// Compiles a gherkinDocument into pickles, the executable scenarios, with the official rules: one pickle per
    /// scenario and per examples row; feature and rule backgrounds prepended (only to scenarios that have steps);
    /// tags inherited feature, rule, scenario, examples; "&lt;name&gt;" placeholders replaced in names, step text,
    /// doc strings and table cells; step types from keywords, with And/But taking the type of the step before.
    /// </summary>
    public static class PickleCompiler
    {
        public static List<Pickle> Compile(GherkinDocument document, IIdGenerator ids)
        {
            if (document == null) throw new ArgumentNullException(nameof(document));
            if (ids == null) throw new ArgumentNullException(nameof(ids));

            var pickles = new List<Pickle>();
            var feature = document.Feature;
            if (feature == null) return pickles;

            var context = new CompileContext(document.Uri ?? "", feature.Language, ids, pickles);
            var backgroundSteps = new List<Step>();
            foreach (var child in feature.Children)
            {
                if (child.Background != null)
                {
                    backgroundSteps = new List<Step>(child.Background.Steps);
                }
                else if (child.Rule != null)
                {
                    CompileRule(context, feature.Tags, backgroundSteps, child.Rule);
                }
                else if (child.Scenario != null)
                {
                    CompileScenario(context, feature.Tags, backgroundSteps, child.Scenario);
                }
            }
            return pickles;
        }

        private static void CompileRule(CompileContext context, List<Tag> featureTags, List<Step> featureBackgroundSteps, Rule rule)
        {
            var tags = featureTags.Concat(rule.Tags).ToList();
            var backgroundSteps = new List<Step>(featureBackgroundSteps);
            foreach (var child in rule.Children)
            {
                if (child.Background != null)
                {
                    backgroundSteps.AddRange(child.Background.Steps);
                }
                else if (child.Scenario != null)
                {
                    CompileScenario(context, tags, backgroundSteps, child.Scenario);
                }
            }
        }

        private static void CompileScenario(CompileContext context, List<Tag> inheritedTags, List<Step> backgroundSteps, Scenario scenario)
        {
            if (scenario.Examples.Count == 0)
            {
                CompilePickle(context, backgroundSteps, scenario, scenario.Location, PickleTags(inheritedTags, scenario.Tags, null), Placeholders.None);
                return;
            }

            foreach (var examples in scenario.Examples)
            {
                if (examples.TableHeader == null) continue;
                foreach (var row in examples.TableBody)
                {
                    CompilePickle(context, backgroundSteps, scenario, row.Location, PickleTags(inheritedTags, scenario.Tags, examples.Tags), new Placeholders(examples.TableHeader, row));
                }
            }
        }

        /// <summary>The pickle of a scenario, or of one examples row of it (<paramref name="placeholders"/> then hold the row).</summary>
        private static void CompilePickle(CompileContext context, List<Step> backgroundSteps, Scenario scenario, Location location, List<PickleTag> tags, Placeholders placeholders)
        {
            var steps = CompileSteps(context, backgroundSteps, scenario, placeholders);
            context.Add(new Pickle
            {
                Id = context.Ids.NewId(),
                Uri = context.Uri,
                Location = Copy(location),
                Name = placeholders.Apply(scenario.Name),
                Language = context.Language,
                Steps = steps,
                Tags = tags,
                AstNodeIds = AstNodeIds(scenario.Id, placeholders),
            });
        }

        private static List<PickleStep> CompileSteps(CompileContext context, List<Step> backgroundSteps, Scenario scenario, Placeholders placeholders)
        {
            var steps = new List<PickleStep>();
            var lastType = StepKeywordType.Unknown;
            if (scenario.Steps.Count > 0)
            {
                foreach (var step in backgroundSteps)
                {
                    lastType = TypeOf(step, lastType);
                    steps.Add(CompileStep(context, step, lastType, Placeholders.None));
                }
            }
            foreach (var step in scenario.Steps)
            {
                lastType = TypeOf(step, lastType);
                steps.Add(CompileStep(context, step, lastType, placeholders));
            }
            return steps;
        }

        /// <summary>A conjunction (And, But) continues the kind of the step before it.</summary>
        private static StepKeywordType TypeOf(Step step, StepKeywordType previous)
        {
            var type = step.KeywordType ?? StepKeywordType.Unknown;
            return type == StepKeywordType.Conjunction ? previous : type;
        }

        private static PickleStep CompileStep(CompileContext context, Step step, StepKeywordType keywordType, Placeholders placeholders)
        {
            return new PickleStep
            {
                Id = context.Ids.NewId(),
                Text = placeholders.Apply(step.Text),
                Type = ToPickleStepType(keywordType),
                Argument = CompileArgument(step, placeholders),
                AstNodeIds = AstNodeIds(step.Id, placeholders),
            };
        }

        /// <summary>The node's id, then the id of the examples row it was compiled for (if any).</summary>
        private static List<string> AstNodeIds(string nodeId, Placeholders placeholders)
        {
            var ids = new List<string> { nodeId };
            if (placeholders.Row != null) ids.Add(placeholders.Row.Id);
            return ids;
        }

        private static PickleStepType ToPickleStepType(StepKeywordType type)
        {
            switch (type)
            {
                case StepKeywordType.Context: return PickleStepType.Context;
                case StepKeywordType.Action: return PickleStepType.Action;
                case StepKeywordType.Outcome: return PickleStepType.Outcome;
                default: return PickleStepType.Unknown;
            }
        }

        // Its own method: a lambda capturing the placeholders in CompileArgument would cost a closure for every step.
        private static PickleTable CompileTable(DataTable table, Placeholders placeholders) => new PickleTable
        {
            Rows = table.Rows
                .Select(row => new PickleTableRow { Cells = row.Cells.Select(cell => new PickleTableCell { Value = placeholders.Apply(cell.Value) }).ToList() })
                .ToList(),
        };

        /// <summary>A step with both a data table and a doc string numbers them (1, 2) in the order they are written.</summary>
        private static PickleStepArgument? CompileArgument(Step step, Placeholders placeholders)
        {
            if (step.DataTable == null && step.DocString == null) return null;
            var argument = new PickleStepArgument();
            if (step.DataTable != null)
            {
                argument.DataTable = CompileTable(step.DataTable, placeholders);
            }
            if (step.DocString != null)
            {
                argument.DocString = new PickleDocString
                {
                    Content = placeholders.Apply(step.DocString.Content),
                    MediaType = step.DocString.MediaType == null ? null : placeholders.Apply(step.DocString.MediaType),
                };
            }
            if (argument.DataTable != null && argument.DocString != null)
            {
                var tableFirst = step.DataTable!.Location.Line < step.DocString!.Location.Line;
                argument.DataTable.ArgumentIndex = tableFirst ? 1 : 2;
                argument.DocString.ArgumentIndex = tableFirst ? 2 : 1;
            }
            return argument;
        }

        /// <summary>The pickle's tags: inherited (feature, rule), the scenario's, then the Examples block's.</summary>
        private static List<PickleTag> PickleTags(List<Tag> inherited, List<Tag> scenario, List<Tag>? examples)
        {
            var tags = new List<PickleTag>(inherited.Count + scenario.Count + (examples?.Count ?? 0));
            Add(inherited);
            Add(scenario);
            if (examples != null) Add(examples);
            return tags;

            void Add(List<Tag> source)
            {
                foreach (var tag in source)
                {
                    tags.Add(new PickleTag { Name = tag.Name, AstNodeId = tag.Id });
                }
            }
        }

        private static Location Copy(Location location) => new Location(location.Line, location.Column);

        private sealed class CompileContext
        {
            private readonly List<Pickle> _pickles;

            internal CompileContext(string uri, string language, IIdGenerator ids, List<Pickle> pickles)
            {
                Uri = uri;
                Language = language;
                Ids = ids;
                _pickles = pickles;
            }

            internal string Uri { get; }
            internal string Language { get; }
            internal IIdGenerator Ids { get; }

            internal void Add(Pickle pickle) => _pickles.Add(pickle);
        }

        /// <summary>
        /// The values of one examples row. Replacement is sequential, header by header, as in the official compiler:
        /// a value that itself contains "&lt;other&gt;" is replaced again by a later header.
        /// </summary>
        private sealed class Placeholders
        {
            internal static readonly Placeholders None = new Placeholders(null, null);

            private readonly TableRow? _header;

            internal Placeholders(TableRow? header, TableRow? row)
            {
                _header = header;
                Row = row;
            }

            internal TableRow? Row { get; }

            internal string Apply(string text)
            {
                if (_header == null || Row == null || text.IndexOf('<') < 0) return text;
                for (var i = 0; i < _header.Cells.Count && i < Row.Cells.Count; i++)
                {
                    text = text.Replace("<" + _header.Cells[i].Value + ">", Row.Cells[i].Value);
                }
                return text;
            }
        }
    }
}
