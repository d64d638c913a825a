namespace Kubernaut.Bdd.Gherkin.Parsing
{
    /// <summary>The rules of the official grammar (gherkin.berp). Rules marked as AST nodes become nodes in the builder.</summary>
    internal enum RuleType
    {
        None,
        GherkinDocument,
        Feature,
        FeatureHeader,
        Rule,
        RuleHeader,
        Background,
        ScenarioDefinition,
        Scenario,
        ExamplesDefinition,
        Examples,
        ExamplesTable,
        Step,
        StepArg,
        DataTableAndMaybeDocString,
        DocStringAndMaybeDataTable,
        DataTable,
        DocString,
        Tags,
        DescriptionHelper,
        Description,
        DescriptionLine,
    }

    internal enum Multiplicity
    {
        One,
        Optional,
        ZeroOrMore,
        OneOrMore,
    }

    /// <summary>A token or a rule reference inside a rule, with how often it may occur.</summary>
    internal sealed class GrammarElement
    {
        private GrammarElement(TokenType token, GrammarRule? rule, Multiplicity multiplicity)
        {
            Token = token;
            Rule = rule;
            Multiplicity = multiplicity;
        }

        internal TokenType Token { get; }
        internal GrammarRule? Rule { get; }
        internal Multiplicity Multiplicity { get; }
        internal bool IsOptional => Multiplicity == Multiplicity.Optional || Multiplicity == Multiplicity.ZeroOrMore;
        internal bool IsRepeatable => Multiplicity == Multiplicity.ZeroOrMore || Multiplicity == Multiplicity.OneOrMore;

        internal static GrammarElement Of(TokenType token, Multiplicity multiplicity = Multiplicity.One) => new GrammarElement(token, null, multiplicity);
        internal static GrammarElement Of(GrammarRule rule, Multiplicity multiplicity = Multiplicity.One) => new GrammarElement(TokenType.None, rule, multiplicity);
    }

    /// <summary>
    /// A lookahead hint: a tag line only opens the hinted rule when, skipping empty lines, comments and further tag
    /// lines, the next line is <see cref="Target"/> (e.g. the tags belong to the next Examples, not to the next Scenario).
    /// </summary>
    internal sealed class Lookahead
    {
        internal Lookahead(TokenType target)
        {
            Target = target;
        }

        internal TokenType Target { get; }

        /// <summary>The lines looked past, in the order the parser tries them.</summary>
        internal static readonly TokenType[] Skipped = { TokenType.Empty, TokenType.Comment, TokenType.TagLine };

        internal static bool IsSkipped(TokenType type) => System.Array.IndexOf(Skipped, type) >= 0;
    }

    /// <summary>A sequence of elements, or (when <see cref="IsChoice"/>) a choice between them.</summary>
    internal sealed class GrammarRule
    {
        internal GrammarRule(RuleType type, bool isAstNode, bool isChoice, Lookahead? lookahead, params GrammarElement[] elements)
        {
            Type = type;
            IsAstNode = isAstNode;
            IsChoice = isChoice;
            Lookahead = lookahead;
            Elements = elements;
        }

        internal RuleType Type { get; }
        internal bool IsAstNode { get; }
        internal bool IsChoice { get; }
        internal Lookahead? Lookahead { get; }
        internal GrammarElement[] Elements { get; }
    }

    /// <summary>
    /// Current Gherkin: rules, backgrounds at feature and rule level, examples with tags, and steps that may carry a
    /// data table, a doc string, or both (in either order). Written bottom-up because rules reference each other.
    /// </summary>
    internal static class Grammar
    {
        internal static readonly GrammarRule GherkinDocument = Build();

        private static GrammarRule Build()
        {
            var tags = Ast(RuleType.Tags, GrammarElement.Of(TokenType.TagLine, Multiplicity.OneOrMore));

            // Empty lines inside a description are Other lines; the builder drops the trailing ones.
            var descriptionLine = new GrammarRule(RuleType.DescriptionLine, false, true, null,
                GrammarElement.Of(TokenType.Other), GrammarElement.Of(TokenType.Comment));
            var description = Ast(RuleType.Description, GrammarElement.Of(descriptionLine, Multiplicity.OneOrMore));
            var descriptionHelper = Helper(RuleType.DescriptionHelper,
                GrammarElement.Of(TokenType.Empty, Multiplicity.ZeroOrMore), GrammarElement.Of(description, Multiplicity.Optional));

            var docString = Ast(RuleType.DocString,
                GrammarElement.Of(TokenType.DocStringSeparator), GrammarElement.Of(TokenType.Other, Multiplicity.ZeroOrMore), GrammarElement.Of(TokenType.DocStringSeparator));
            var dataTable = Ast(RuleType.DataTable, GrammarElement.Of(TokenType.TableRow, Multiplicity.OneOrMore));
            var dataTableFirst = Helper(RuleType.DataTableAndMaybeDocString,
                GrammarElement.Of(dataTable), GrammarElement.Of(docString, Multiplicity.Optional));
            var docStringFirst = Helper(RuleType.DocStringAndMaybeDataTable,
                GrammarElement.Of(docString), GrammarElement.Of(dataTable, Multiplicity.Optional));
            var stepArg = new GrammarRule(RuleType.StepArg, false, true, null, GrammarElement.Of(dataTableFirst), GrammarElement.Of(docStringFirst));
            var step = Ast(RuleType.Step, GrammarElement.Of(TokenType.StepLine), GrammarElement.Of(stepArg, Multiplicity.Optional));

            var examplesTable = Ast(RuleType.ExamplesTable, GrammarElement.Of(TokenType.TableRow), GrammarElement.Of(TokenType.TableRow, Multiplicity.ZeroOrMore));
            var examples = Ast(RuleType.Examples,
                GrammarElement.Of(TokenType.ExamplesLine), GrammarElement.Of(descriptionHelper), GrammarElement.Of(examplesTable, Multiplicity.Optional));
            var examplesDefinition = new GrammarRule(RuleType.ExamplesDefinition, true, false, new Lookahead(TokenType.ExamplesLine),
                GrammarElement.Of(tags, Multiplicity.Optional), GrammarElement.Of(examples));
            var scenario = Ast(RuleType.Scenario,
                GrammarElement.Of(TokenType.ScenarioLine), GrammarElement.Of(descriptionHelper),
                GrammarElement.Of(step, Multiplicity.ZeroOrMore), GrammarElement.Of(examplesDefinition, Multiplicity.ZeroOrMore));
            var scenarioDefinition = new GrammarRule(RuleType.ScenarioDefinition, true, false, new Lookahead(TokenType.ScenarioLine),
                GrammarElement.Of(tags, Multiplicity.Optional), GrammarElement.Of(scenario));

            var background = Ast(RuleType.Background,
                GrammarElement.Of(TokenType.BackgroundLine), GrammarElement.Of(descriptionHelper), GrammarElement.Of(step, Multiplicity.ZeroOrMore));
            var ruleHeader = Ast(RuleType.RuleHeader,
                GrammarElement.Of(tags, Multiplicity.Optional), GrammarElement.Of(TokenType.RuleLine), GrammarElement.Of(descriptionHelper));
            var rule = Ast(RuleType.Rule,
                GrammarElement.Of(ruleHeader), GrammarElement.Of(background, Multiplicity.Optional), GrammarElement.Of(scenarioDefinition, Multiplicity.ZeroOrMore));
            var featureHeader = Ast(RuleType.FeatureHeader,
                GrammarElement.Of(TokenType.Language, Multiplicity.Optional), GrammarElement.Of(tags, Multiplicity.Optional),
                GrammarElement.Of(TokenType.FeatureLine), GrammarElement.Of(descriptionHelper));
            var feature = Ast(RuleType.Feature,
                GrammarElement.Of(featureHeader), GrammarElement.Of(background, Multiplicity.Optional),
                GrammarElement.Of(scenarioDefinition, Multiplicity.ZeroOrMore), GrammarElement.Of(rule, Multiplicity.ZeroOrMore));

            // The end of file is part of the document, so that reaching it closes every open rule.
            return Ast(RuleType.GherkinDocument, GrammarElement.Of(feature, Multiplicity.Optional), GrammarElement.Of(TokenType.EOF));
        }

        private static GrammarRule Ast(RuleType type, params GrammarElement[] elements) => new GrammarRule(type, true, false, null, elements);

        private static GrammarRule Helper(RuleType type, params GrammarElement[] elements) => new GrammarRule(type, false, false, null, elements);
    }
}
