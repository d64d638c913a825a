using Kubernaut.Bdd.Bindings;
using Kubernaut.Bdd.Messages;
using Reqnroll;

namespace Kubernaut.Bdd.Tests.Unit.Bindings;

public class StepMatchingTests
{
    private static readonly ScopeTarget Untagged = new(new HashSet<string>(), "Feature", "Scenario");

    private static BindingRegistry RegistryFor(params Type[] types) => BindingRegistry.Build(types, new IncrementingIdGenerator(), Harness.SourceRoot);

    private static StepMatcher MatcherFor(params Type[] types) => new(RegistryFor(types));

    [Fact]
    public void A_given_definition_matches_given_steps_only_and_step_definition_matches_all()
    {
        var matcher = MatcherFor(typeof(KeywordBindings));

        matcher.Match(StepDefinitionType.Given, "a receiver", Untagged).Kind.Should().Be(StepMatchKind.Bound);
        matcher.Match(StepDefinitionType.When, "a receiver", Untagged).Kind.Should().Be(StepMatchKind.Undefined);
        matcher.Match(StepDefinitionType.Then, "anything goes", Untagged).Kind.Should().Be(StepMatchKind.Bound);
        matcher.Match(null, "a receiver", Untagged).Kind.Should().Be(StepMatchKind.Bound, "a step after '*' matches any kind");
    }

    [Fact]
    public void An_undefined_step_names_the_definition_of_the_other_step_kind()
    {
        var match = MatcherFor(typeof(KeywordBindings)).Match(StepDefinitionType.When, "a receiver", Untagged);

        match.Hint.Should().Be($"[Given(\"a receiver\")] KeywordBindings.GivenAReceiver() at {Harness.LocationOf(typeof(KeywordBindings), nameof(KeywordBindings.GivenAReceiver))} "
            + "matches the text, but this is a When step; use [StepDefinition] or the When attribute.");
    }

    [Fact]
    public void Two_matching_definitions_are_ambiguous()
    {
        var match = MatcherFor(typeof(AmbiguousBindings)).Match(StepDefinitionType.Given, "a step with two definitions", Untagged);

        match.Kind.Should().Be(StepMatchKind.Ambiguous);
        match.Candidates.Select(c => c.Definition.Method.Method.Name).Should().Equal(nameof(AmbiguousBindings.First), nameof(AmbiguousBindings.Second));
    }

    [Fact]
    public void A_definition_whose_scope_applies_wins_over_an_unscoped_one_and_an_excluded_scope_does_not_match()
    {
        var matcher = MatcherFor(typeof(ScopedBindings));

        var tagged = matcher.Match(StepDefinitionType.Given, "the channel", new ScopeTarget(new HashSet<string> { "@slack" }, "Feature", "Scenario"));
        tagged.Kind.Should().Be(StepMatchKind.Bound);
        tagged.Bound.Definition.Method.Method.Name.Should().Be(nameof(ScopedBindings.SlackChannel));

        var untagged = matcher.Match(StepDefinitionType.Given, "the channel", Untagged);
        untagged.Bound.Definition.Method.Method.Name.Should().Be(nameof(ScopedBindings.AnyChannel));
    }

    [Fact]
    public void Scopes_can_name_a_feature_or_a_scenario()
    {
        var matcher = MatcherFor(typeof(ScopedBindings));

        matcher.Match(StepDefinitionType.Given, "only here", new ScopeTarget(new HashSet<string>(), "Audit trail", "Counts")).Kind.Should().Be(StepMatchKind.Bound);
        matcher.Match(StepDefinitionType.Given, "only here", new ScopeTarget(new HashSet<string>(), "Other feature", "Counts")).Kind.Should().Be(StepMatchKind.Undefined);
    }

    [Fact]
    public void The_registry_reports_unusable_bindings()
    {
        var registry = RegistryFor(typeof(BrokenBindings));

        registry.Errors.Should().HaveCount(4);
        registry.Errors.Should().Contain(e => e.StartsWith("The [BeforeFeature] hook BrokenBindings.NotStatic() at Unit/Bindings/StepMatchingTests.cs:", StringComparison.Ordinal) && e.EndsWith("must be static: it runs outside any scenario.", StringComparison.Ordinal));
        registry.Errors.Should().Contain(e => e.Contains("BrokenBindings.AsyncVoid()", StringComparison.Ordinal) && e.Contains("is async void", StringComparison.Ordinal));
        registry.Errors.Should().Contain(e => e.Contains("has a step attribute without text", StringComparison.Ordinal));
        registry.Errors.Should().Contain(e => e.Contains("The expression of BrokenBindings.BadExpression() at", StringComparison.Ordinal) && e.Contains("An optional must contain some text", StringComparison.Ordinal));
    }

    [Fact]
    public void An_expression_with_an_undefined_parameter_type_is_recorded_not_registered()
    {
        var registry = RegistryFor(typeof(UndefinedParameterTypeBindings));

        registry.StepDefinitions.Should().BeEmpty();
        registry.Errors.Should().BeEmpty();
        registry.UndefinedParameterTypes.Should().ContainSingle().Which.Should().Match<UndefinedParameterTypeUse>(u => u.Name == "airport" && u.Expression == "{airport} is closed");
        registry.Messages.Should().ContainSingle().Which.UndefinedParameterType!.Name.Should().Be("airport");
    }

    [Fact]
    public void Support_code_messages_follow_definition_order_with_consecutive_ids()
    {
        var registry = RegistryFor(typeof(KeywordBindings), typeof(AmbiguousBindings));

        registry.Messages.Select(m => m.StepDefinition!.Id).Should().Equal("0", "1", "2", "3");
        registry.Messages.Select(m => m.StepDefinition!.Pattern.Source).Should().Equal("a receiver", "anything goes", "^a step with (.*)$", "^a (.*) with two definitions$");
        registry.Messages[0].StepDefinition!.SourceReference.Uri.Should().Be("Unit/Bindings/StepMatchingTests.cs");
    }

    private sealed class KeywordBindings
    {
        [Given("a receiver")]
        public void GivenAReceiver() { }

        [StepDefinition("anything goes")]
        public void AnyKind() { }
    }

    private sealed class AmbiguousBindings
    {
        [Given("^a step with (.*)$")]
        public void First(string what) { }

        [Given("^a (.*) with two definitions$")]
        public void Second(string what) { }
    }

    private sealed class ScopedBindings
    {
        [Given("the channel")]
        public void AnyChannel() { }

        [Given("the channel")]
        [Scope(Tag = "slack")]
        public void SlackChannel() { }

        [Given("only here")]
        [Scope(Feature = "Audit trail", Scenario = "Counts")]
        public void OnlyHere() { }
    }

    private sealed class BrokenBindings
    {
        [BeforeFeature]
        public void NotStatic() { }

        [Given("async void")]
        public async void AsyncVoid() => await Task.Yield();

        [Given]
        public void NoText() { }

        [Given("an () empty optional")]
        public void BadExpression() { }
    }

    private sealed class UndefinedParameterTypeBindings
    {
        [Given("{airport} is closed")]
        public void Closed(string airport) { }
    }
}
