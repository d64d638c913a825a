using System.Collections.Generic;
using System.Linq;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Gherkin.Parsing
{
    /// <summary>An open rule: the tokens and finished sub-rules it has collected so far.</summary>
    internal sealed class AstNode
    {
        private readonly List<KeyValuePair<RuleType, object>> _rules = new List<KeyValuePair<RuleType, object>>();
        private readonly List<Token> _tokens = new List<Token>();

        internal AstNode(RuleType rule)
        {
            Rule = rule;
        }

        internal RuleType Rule { get; }

        internal void Add(Token token) => _tokens.Add(token);

        internal void Add(RuleType rule, object value) => _rules.Add(new KeyValuePair<RuleType, object>(rule, value));

        internal T? GetSingle<T>(RuleType rule) where T : class
        {
            foreach (var item in _rules)
            {
                if (item.Key == rule) return item.Value as T;
            }
            return null;
        }

        // Loops rather than LINQ: these run for every node of every feature parsed at run time.
        internal List<T> GetItems<T>(RuleType rule) where T : class
        {
            var items = new List<T>();
            foreach (var item in _rules)
            {
                if (item.Key == rule && item.Value is T value) items.Add(value);
            }
            return items;
        }

        internal Token? GetToken(TokenType type)
        {
            foreach (var token in _tokens)
            {
                if (token.MatchedType == type) return token;
            }
            return null;
        }

        internal List<Token> GetTokens(TokenType type)
        {
            var tokens = new List<Token>();
            foreach (var token in _tokens)
            {
                if (token.MatchedType == type) tokens.Add(token);
            }
            return tokens;
        }
    }

    /// <summary>
    /// Builds the gherkinDocument message from the rule actions and tokens of the parser, as the official AST builder
    /// does, including the order in which ids are drawn (so an incrementing generator reproduces the official ids).
    /// </summary>
    internal sealed class AstBuilder
    {
        private readonly Stack<AstNode> _stack = new Stack<AstNode>();
        private readonly List<Comment> _comments = new List<Comment>();
        private readonly IIdGenerator _ids;
        private readonly ErrorCollector _errors;

        internal AstBuilder(IIdGenerator ids, ErrorCollector errors)
        {
            _ids = ids;
            _errors = errors;
            _stack.Push(new AstNode(RuleType.None));
        }

        internal void StartRule(RuleType rule) => _stack.Push(new AstNode(rule));

        internal void EndRule()
        {
            var node = _stack.Pop();
            var transformed = Transform(node);
            if (transformed != null)
            {
                _stack.Peek().Add(node.Rule, transformed);
            }
        }

        internal void Build(Token token)
        {
            if (token.MatchedType == TokenType.Comment)
            {
                _comments.Add(new Comment { Location = token.Location, Text = token.MatchedText });
            }
            else
            {
                _stack.Peek().Add(token);
            }
        }

        /// <summary>Closes whatever is still open (only after errors) and returns the document.</summary>
        internal GherkinDocument Finish()
        {
            while (_stack.Count > 1)
            {
                EndRule();
            }
            return _stack.Peek().GetSingle<GherkinDocument>(RuleType.GherkinDocument) ?? new GherkinDocument { Comments = _comments };
        }

        private object? Transform(AstNode node)
        {
            switch (node.Rule)
            {
                case RuleType.Step:
                    return TransformStep(node);
                case RuleType.DocString:
                    return TransformDocString(node);
                case RuleType.DataTable:
                    var rows = GetTableRows(node);
                    return rows.Count == 0 ? null : new DataTable { Location = Copy(rows[0].Location), Rows = rows };
                case RuleType.Background:
                    return TransformBackground(node);
                case RuleType.ScenarioDefinition:
                    return TransformScenario(node);
                case RuleType.ExamplesDefinition:
                    return TransformExamples(node);
                case RuleType.ExamplesTable:
                    return GetTableRows(node);
                case RuleType.Description:
                    return TransformDescription(node);
                case RuleType.Feature:
                    return TransformFeature(node);
                case RuleType.Rule:
                    return TransformRule(node);
                case RuleType.GherkinDocument:
                    return new GherkinDocument { Feature = node.GetSingle<Feature>(RuleType.Feature), Comments = _comments };
                default:
                    return node;
            }
        }

        private Step? TransformStep(AstNode node)
        {
            var stepLine = node.GetToken(TokenType.StepLine);
            if (stepLine == null) return null;
            return new Step
            {
                Location = stepLine.Location,
                Keyword = stepLine.MatchedKeyword,
                KeywordType = stepLine.MatchedKeywordType,
                Text = stepLine.MatchedText,
                DataTable = node.GetSingle<DataTable>(RuleType.DataTable),
                DocString = node.GetSingle<DocString>(RuleType.DocString),
                Id = _ids.NewId(),
            };
        }

        private static DocString? TransformDocString(AstNode node)
        {
            var separator = node.GetToken(TokenType.DocStringSeparator);
            if (separator == null) return null;
            return new DocString
            {
                Location = separator.Location,
                MediaType = separator.MatchedText.Length > 0 ? separator.MatchedText : null,
                Content = string.Join("\n", node.GetTokens(TokenType.Other).Select(line => line.MatchedText)),
                Delimiter = separator.MatchedKeyword,
            };
        }

        private Background? TransformBackground(AstNode node)
        {
            var backgroundLine = node.GetToken(TokenType.BackgroundLine);
            if (backgroundLine == null) return null;
            return new Background
            {
                Location = backgroundLine.Location,
                Keyword = backgroundLine.MatchedKeyword,
                Name = backgroundLine.MatchedText,
                Description = GetDescription(node),
                Steps = node.GetItems<Step>(RuleType.Step),
                Id = _ids.NewId(),
            };
        }

        private Scenario? TransformScenario(AstNode node)
        {
            var tags = GetTags(node);
            var scenarioNode = node.GetSingle<AstNode>(RuleType.Scenario);
            var scenarioLine = scenarioNode?.GetToken(TokenType.ScenarioLine);
            if (scenarioNode == null || scenarioLine == null) return null;
            return new Scenario
            {
                Location = scenarioLine.Location,
                Tags = tags,
                Keyword = scenarioLine.MatchedKeyword,
                Name = scenarioLine.MatchedText,
                Description = GetDescription(scenarioNode),
                Steps = scenarioNode.GetItems<Step>(RuleType.Step),
                Examples = scenarioNode.GetItems<Examples>(RuleType.ExamplesDefinition),
                Id = _ids.NewId(),
            };
        }

        private Examples? TransformExamples(AstNode node)
        {
            var tags = GetTags(node);
            var examplesNode = node.GetSingle<AstNode>(RuleType.Examples);
            var examplesLine = examplesNode?.GetToken(TokenType.ExamplesLine);
            if (examplesNode == null || examplesLine == null) return null;
            var table = examplesNode.GetSingle<List<TableRow>>(RuleType.ExamplesTable);
            return new Examples
            {
                Location = examplesLine.Location,
                Tags = tags,
                Keyword = examplesLine.MatchedKeyword,
                Name = examplesLine.MatchedText,
                Description = GetDescription(examplesNode),
                TableHeader = table?.FirstOrDefault(),
                TableBody = table?.Skip(1).ToList() ?? new List<TableRow>(),
                Id = _ids.NewId(),
            };
        }

        /// <summary>Description lines as written (indent kept), without trailing blank lines.</summary>
        private static string TransformDescription(AstNode node)
        {
            var lines = node.GetTokens(TokenType.Other);
            var end = lines.Count;
            while (end > 0 && lines[end - 1].Line!.IsEmpty)
            {
                end--;
            }
            return string.Join("\n", lines.Take(end).Select(line => line.MatchedText));
        }

        private Feature? TransformFeature(AstNode node)
        {
            var header = node.GetSingle<AstNode>(RuleType.FeatureHeader);
            if (header == null) return null;
            var tags = GetTags(header);
            var featureLine = header.GetToken(TokenType.FeatureLine);
            if (featureLine == null) return null;

            var children = new List<FeatureChild>();
            var background = node.GetSingle<Background>(RuleType.Background);
            if (background != null) children.Add(new FeatureChild { Background = background });
            children.AddRange(node.GetItems<Scenario>(RuleType.ScenarioDefinition).Select(scenario => new FeatureChild { Scenario = scenario }));
            children.AddRange(node.GetItems<Rule>(RuleType.Rule).Select(rule => new FeatureChild { Rule = rule }));

            return new Feature
            {
                Location = featureLine.Location,
                Tags = tags,
                Language = featureLine.MatchedDialect!.Language,
                Keyword = featureLine.MatchedKeyword,
                Name = featureLine.MatchedText,
                Description = GetDescription(header),
                Children = children,
            };
        }

        private Rule? TransformRule(AstNode node)
        {
            var header = node.GetSingle<AstNode>(RuleType.RuleHeader);
            var ruleLine = header?.GetToken(TokenType.RuleLine);
            if (header == null || ruleLine == null) return null;
            var tags = GetTags(header);

            var children = new List<RuleChild>();
            var background = node.GetSingle<Background>(RuleType.Background);
            if (background != null) children.Add(new RuleChild { Background = background });
            children.AddRange(node.GetItems<Scenario>(RuleType.ScenarioDefinition).Select(scenario => new RuleChild { Scenario = scenario }));

            return new Rule
            {
                Location = ruleLine.Location,
                Tags = tags,
                Keyword = ruleLine.MatchedKeyword,
                Name = ruleLine.MatchedText,
                Description = GetDescription(header),
                Children = children,
                Id = _ids.NewId(),
            };
        }

        private static string GetDescription(AstNode node) => node.GetSingle<string>(RuleType.Description) ?? "";

        private List<Tag> GetTags(AstNode node)
        {
            var tags = new List<Tag>();
            var tagsNode = node.GetSingle<AstNode>(RuleType.Tags);
            if (tagsNode == null) return tags;
            foreach (var token in tagsNode.GetTokens(TokenType.TagLine))
            {
                foreach (var item in token.MatchedItems)
                {
                    tags.Add(new Tag { Location = new Location(token.LineNumber, item.Column), Name = item.Text, Id = _ids.NewId() });
                }
            }
            return tags;
        }

        /// <summary>Rows of a data table or examples table; a row whose cell count differs from the first row's is an error (the first such row only).</summary>
        private List<TableRow> GetTableRows(AstNode node)
        {
            var rows = node.GetTokens(TokenType.TableRow)
                .Select(token => new TableRow
                {
                    Id = _ids.NewId(),
                    Location = token.Location,
                    Cells = token.MatchedItems.Select(item => new TableCell { Location = new Location(token.LineNumber, item.Column), Value = item.Text }).ToList(),
                })
                .ToList();
            var inconsistent = rows.FirstOrDefault(row => row.Cells.Count != rows[0].Cells.Count);
            if (inconsistent != null)
            {
                _errors.Add(GherkinErrorKind.InconsistentCellCount, inconsistent.Location.Line, inconsistent.Location.Column ?? 0, "inconsistent cell count within the table");
            }
            return rows;
        }

        private static Location Copy(Location location) => new Location(location.Line, location.Column);
    }
}
