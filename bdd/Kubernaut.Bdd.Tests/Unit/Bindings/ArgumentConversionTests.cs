using Kubernaut.Bdd.Bindings;
using Kubernaut.Bdd.Tests.Steps;

namespace Kubernaut.Bdd.Tests.Unit.Bindings;

public class ArgumentConversionTests
{
    public static TheoryData<string, Type, object?> Conversions => new()
    {
        { "42", typeof(int), 42 },
        { "-7", typeof(long), -7L },
        { "2.5", typeof(double), 2.5 },
        { "19.99", typeof(decimal), 19.99m },
        { "1,000.5", typeof(decimal), 1000.5m },
        { "True", typeof(bool), true },
        { "false", typeof(bool), false },
        { "pager", typeof(Channel), Channel.Pager },
        { "web hook", typeof(Channel), Channel.Webhook },
        { "2025-01-31T22:00:00Z", typeof(DateTime), new DateTime(2025, 1, 31, 22, 0, 0, DateTimeKind.Utc) },
        { "01:30:00", typeof(TimeSpan), TimeSpan.FromMinutes(90) },
        { "3f2504e0-4f89-11d3-9a0c-0305e82c3301", typeof(Guid), Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301") },
        { "https://example.org", typeof(Uri), new Uri("https://example.org") },
        { "5", typeof(int?), 5 },
        { "", typeof(int?), null },
        { "text", typeof(string), "text" },
        { "x", typeof(char), 'x' },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Text_converts_to_the_parameter_type_with_the_invariant_culture(string text, Type type, object? expected) =>
        ArgumentConverter.ConvertText(text, type).Should().Be(expected);

    [Fact]
    public void An_invalid_enum_value_lists_the_valid_ones()
    {
        var convert = () => ArgumentConverter.ConvertText("carrier pigeon", typeof(Channel));

        convert.Should().Throw<ArgumentConversionException>().WithMessage("'carrier pigeon' is not a valid Channel (Slack, Pager, Email, Webhook).");
    }

    [Fact]
    public void A_type_without_conversion_asks_for_a_transformation()
    {
        var convert = () => ArgumentConverter.ConvertText("LHR-CDG", typeof(Flight));

        convert.Should().Throw<ArgumentConversionException>().WithMessage("There is no built-in conversion from text to Flight. Add a [StepArgumentTransformation] method returning Flight.");
    }

    [Fact]
    public async Task A_transformation_for_the_target_type_is_applied_before_built_in_conversion()
    {
        var registry = BindingRegistry.Build([typeof(Transformations)], new Messages.IncrementingIdGenerator(), null);

        var converted = await registry.Converter.ConvertAsync("in 3 days", typeof(DateOnly), _ => new Transformations());

        converted.Should().Be(new DateOnly(2025, 1, 4));
    }

    [Fact]
    public async Task A_transformation_whose_regex_does_not_match_leaves_the_built_in_conversion()
    {
        var registry = BindingRegistry.Build([typeof(Transformations)], new Messages.IncrementingIdGenerator(), null);

        var converted = await registry.Converter.ConvertAsync("2025-02-01", typeof(DateOnly), _ => new Transformations());

        converted.Should().Be(new DateOnly(2025, 2, 1));
    }

    private sealed class Transformations
    {
        [Reqnroll.StepArgumentTransformation(@"in (\d+) days")]
        public DateOnly InDays(int days) => new DateOnly(2025, 1, 1).AddDays(days);
    }
}
