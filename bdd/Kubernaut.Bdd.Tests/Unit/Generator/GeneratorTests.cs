namespace Kubernaut.Bdd.Tests.Unit.Generator;

public class GeneratorTests
{
    private const string Feature = """
        @service:notification
        Feature: Notification delivery
          Scenario: Plain scenario
            Given a step

          @audit
          Scenario Outline: Routed to <receiver>
            Given the receiver <receiver>

            @smoke
            Examples: Working
              | receiver      | outcome |
              | slack-success | success |

            @retry
            Examples: Failing
              | receiver      | outcome |
              | slack-failure | failure |
        """;

    [Fact]
    public void Each_scenario_and_examples_row_becomes_a_fact_with_display_name_and_traits()
    {
        var run = GeneratorDriver.Run(($"{GeneratorDriver.ProjectDirectory}/Features/Notification/Delivery.feature", Feature));

        run.Diagnostics.Should().BeEmpty();
        run.CompilationErrors.Should().BeEmpty();
        var code = run.Source("Features_Notification_Delivery.feature.g.cs");
        code.Should().Contain("namespace Suite.Features.Notification");
        code.Should().Contain("public sealed class DeliveryFeature : global::Xunit.IClassFixture<DeliveryFeature.Fixture>");
        code.Should().Contain("[global::Xunit.TestCaseOrderer(typeof(global::Kubernaut.Bdd.XunitIntegration.ScenarioOrderer))]");
        code.Should().Contain("""
                    [global::Kubernaut.Bdd.XunitIntegration.Scenario(DisplayName = "Notification delivery: Plain scenario")]
                    [global::Xunit.Trait("Category", "service:notification")]
                    public global::System.Threading.Tasks.Task PlainScenario() => _fixture.RunScenarioAsync(0, "Plain scenario");
            """);
        code.Should().Contain("""
                    [global::Kubernaut.Bdd.XunitIntegration.Scenario(DisplayName = "Notification delivery: Routed to <receiver>(receiver: \"slack-failure\", outcome: \"failure\")")]
                    [global::Xunit.Trait("Category", "service:notification")]
                    [global::Xunit.Trait("Category", "audit")]
                    [global::Xunit.Trait("Category", "retry")]
                    public global::System.Threading.Tasks.Task RoutedToReceiver_Example2() => _fixture.RunScenarioAsync(2, "Routed to slack-failure");
            """);
        code.Should().Contain("""
                    global::System.Threading.Tasks.Task? global::Kubernaut.Bdd.XunitIntegration.IGeneratedScenarios.RunTestMethod(string testMethodName) => testMethodName switch
                    {
                        "PlainScenario" => PlainScenario(),
                        "RoutedToReceiver_Example1" => RoutedToReceiver_Example1(),
                        "RoutedToReceiver_Example2" => RoutedToReceiver_Example2(),
                        _ => null,
                    };
            """, "the scenario test runner calls the methods by name instead of through reflection");
        code.Should().Contain("\"Features/Notification/Delivery.feature\",", "the uri is relative to the features root's parent");
        run.Source("BddTestRun.g.cs").Should().Contain("[assembly: global::Xunit.AssemblyFixture(typeof(global::Suite.BddTestRun))]")
            .And.Contain("global::Suite.Features.Notification.DeliveryFeature.Feature,")
            .And.NotContain("CollectionDefinition");
    }

    [Fact]
    public void A_malformed_feature_fails_the_build_with_every_error_at_its_position()
    {
        var path = $"{GeneratorDriver.ProjectDirectory}/Features/Broken.feature";

        var run = GeneratorDriver.Run((path, """
            Feature: Broken
              Scenario: One
                Given a step
                  | a | b |
                  | c |
              Scenario: Two
                Given a step
                this line is not a step
            """));

        run.Diagnostics.Select(d => d.ToString()).Should().Equal(
            $"{path}(5,7): error KBDD001: inconsistent cell count within the table",
            $"{path}(8,5): error KBDD001: expected: #EOF, #TableRow, #DocStringSeparator, #StepLine, #TagLine, #ExamplesLine, #ScenarioLine, #RuleLine, #Comment, #Empty, got 'this line is not a step'");
        run.Output.SyntaxTrees.Should().NotContain(t => t.FilePath.EndsWith("Broken.feature.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_reqnroll_json_fails_the_build_at_the_offending_value()
    {
        var path = $"{GeneratorDriver.ProjectDirectory}/reqnroll.json";

        var run = GeneratorDriver.Run((path, """
            {
              "generator": { "addNonParallelizableMarkerForTags": "serial" }
            }
            """));

        run.Diagnostics.Select(d => d.ToString()).Should().Equal(
            $"{path}(2,55): error KBDD002: 'generator.addNonParallelizableMarkerForTags' must be an array of strings, but it is the string \"serial\".");
    }

    [Fact]
    public void Features_with_a_non_parallelizable_tag_share_a_collection_without_parallelization()
    {
        var run = GeneratorDriver.Run(
            ($"{GeneratorDriver.ProjectDirectory}/reqnroll.json", """{ "generator": { "addNonParallelizableMarkerForTags": [ "serial" ] } }"""),
            ($"{GeneratorDriver.ProjectDirectory}/Features/Serial.feature", "Feature: Serial\n  @serial\n  Scenario: Alone\n    Given a step\n"),
            ($"{GeneratorDriver.ProjectDirectory}/Features/Parallel.feature", "Feature: Parallel\n  Scenario: Together\n    Given a step\n"));

        run.Diagnostics.Should().BeEmpty();
        run.CompilationErrors.Should().BeEmpty();
        run.Source("Features_Serial.feature.g.cs").Should().Contain("[global::Xunit.Collection(\"Kubernaut.Bdd.NonParallelizable\")]");
        run.Source("Features_Parallel.feature.g.cs").Should().NotContain("Collection(");
        run.Source("BddTestRun.g.cs").Should().Contain("[global::Xunit.CollectionDefinition(\"Kubernaut.Bdd.NonParallelizable\", DisableParallelization = true)]");
    }

    [Fact]
    public void The_feature_language_of_reqnroll_json_applies_to_files_without_a_language_line()
    {
        var run = GeneratorDriver.Run(
            ($"{GeneratorDriver.ProjectDirectory}/reqnroll.json", """{ "language": { "feature": "de-DE" } }"""),
            ($"{GeneratorDriver.ProjectDirectory}/Features/Zustellung.feature", "Funktionalität: Zustellung\n  Szenario: Erfolgreich\n    Angenommen ein Schritt\n"));

        run.Diagnostics.Should().BeEmpty();
        run.Source("Features_Zustellung.feature.g.cs").Should().Contain("DisplayName = \"Zustellung: Erfolgreich\"");
    }

    [Fact]
    public void Names_that_clash_with_generated_members_are_made_unique()
    {
        var run = GeneratorDriver.Run(($"{GeneratorDriver.ProjectDirectory}/Features/Clash.feature",
            "Feature: Clash\n  Scenario: Fixture\n    Given a step\n  Scenario: fixture!\n    Given a step\n  Scenario: Clash feature\n    Given a step\n"));

        run.CompilationErrors.Should().BeEmpty();
        run.Source("Features_Clash.feature.g.cs").Should().Contain("Task Fixture_2()").And.Contain("Task Fixture_3()").And.Contain("Task ClashFeature_2()");
    }
}
