using System.Reflection;
using Kubernaut.Bdd.Tests.Features.Parallel;
using Kubernaut.Bdd.Tests.Features.Routing;
using Kubernaut.Bdd.XunitIntegration;

namespace Kubernaut.Bdd.Tests.Unit.XunitIntegration;

/// <summary>What the generator made of the sample features, as xUnit discovers it (dotnet test --list-tests, Test Explorer, --filter).</summary>
public class GeneratedClassesTests
{
    private static readonly Assembly Suite = typeof(GeneratedClassesTests).Assembly;

    /// <summary>The scenario tests in the order the orderer runs them (metadata token order).</summary>
    private static List<MethodInfo> Scenarios(Type feature) =>
        feature.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is not null).OrderBy(m => m.MetadataToken).ToList();

    private static List<string> Categories(MemberInfo member) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType == typeof(TraitAttribute) && (string)a.ConstructorArguments[0].Value! == "Category")
            .Select(a => (string)a.ConstructorArguments[1].Value!).ToList();

    [Fact]
    public void Every_examples_row_is_a_test_named_after_the_outline_and_its_values()
    {
        Scenarios(typeof(NotificationDeliveryFeature)).Select(m => m.GetCustomAttribute<FactAttribute>()!.DisplayName).Should().Equal(
            "Notification delivery: Routed to <receiver>(receiver: \"slack-success\", outcome: \"Success\", attempts: \"1\")",
            "Notification delivery: Routed to <receiver>(receiver: \"pager-success\", outcome: \"Success\", attempts: \"1\")",
            "Notification delivery: Routed to <receiver>(receiver: \"slack-failure\", outcome: \"Failure\", attempts: \"3\")");
    }

    [Fact]
    public void Tags_of_feature_rule_scenario_and_examples_become_category_traits()
    {
        var delivery = Scenarios(typeof(NotificationDeliveryFeature));
        Categories(delivery[0]).Should().Equal("sample", "area:routing", "smoke");
        Categories(delivery[2]).Should().Equal("sample", "area:routing", "retry");

        Categories(Scenarios(typeof(DeliveryRulesFeature)).Last()).Should().Equal("sample", "area:routing", "edge");
    }

    [Fact]
    public void Scenarios_keep_declaration_order_and_the_orderer_runs_them_so()
    {
        var rules = Scenarios(typeof(DeliveryRulesFeature));

        rules.Select(m => m.Name).Should().Equal("OneReceiverOnTheRoute", "ASecondReceiverJoinsTheRoute", "AnUnknownRoute");
        rules.Select(m => m.GetCustomAttribute<FactAttribute>()!.DisplayName).Should().Equal(
            "Delivery rules: One receiver on the route", "Delivery rules: A second receiver joins the route", "Delivery rules: An unknown route");
        typeof(DeliveryRulesFeature).GetCustomAttributesData().Should().Contain(a => a.AttributeType == typeof(TestCaseOrdererAttribute)
            && (Type)a.ConstructorArguments[0].Value! == typeof(ScenarioOrderer));
    }

    [Fact]
    public void Only_the_serial_feature_is_in_the_collection_without_parallelization()
    {
        var collections = Suite.GetTypes().Where(t => t.GetCustomAttribute<CollectionAttribute>() is not null).ToList();
        collections.Should().Equal(typeof(SerialFeatureFeature));
        var definition = Suite.GetTypes().Single(t => t.GetCustomAttribute<CollectionDefinitionAttribute>() is not null).GetCustomAttribute<CollectionDefinitionAttribute>()!;
        definition.DisableParallelization.Should().BeTrue();
        typeof(SerialFeatureFeature).GetCustomAttributesData().Single(a => a.AttributeType == typeof(CollectionAttribute)).ConstructorArguments[0].Value
            .Should().Be("Kubernaut.Bdd.NonParallelizable");
    }

    [Fact]
    public void The_test_run_is_an_assembly_fixture_listing_every_feature()
    {
        Suite.GetCustomAttribute<AssemblyFixtureAttribute>()!.AssemblyFixtureType.Should().Be(typeof(BddTestRun));
        var features = Suite.GetTypes().Where(t => t.Namespace?.StartsWith("Kubernaut.Bdd.Tests.Features", StringComparison.Ordinal) == true && t.Name.EndsWith("Feature", StringComparison.Ordinal)).ToList();
        features.Should().HaveCount(Directory.GetFiles(Path.Combine(Harness.SourceRoot, "Features"), "*.feature", SearchOption.AllDirectories).Length);
        features.Should().OnlyContain(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>)));
    }
}
