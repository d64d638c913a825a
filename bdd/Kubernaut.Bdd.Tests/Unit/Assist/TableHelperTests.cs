using Kubernaut.Bdd.Tests.Steps;
using Reqnroll;
using Reqnroll.Assist;

namespace Kubernaut.Bdd.Tests.Unit.Assist;

public class TableHelperTests
{
    private static DataTable TableOf(params string[][] rows)
    {
        var table = new DataTable(rows[0]);
        foreach (var row in rows.Skip(1))
        {
            table.AddRow(row);
        }
        return table;
    }

    [Fact]
    public void Rows_are_dictionaries_by_column_name()
    {
        var table = TableOf(["name", "channel"], ["slack-ops", "Slack"], ["pager", "Pager"]);

        table.Header.Should().Equal("name", "channel");
        table.RowCount.Should().Be(2);
        table.Rows[1]["channel"].Should().Be("Pager");
        table.Rows[0][0].Should().Be("slack-ops");
        table.ContainsColumn("channel").Should().BeTrue();
        table.Rows[0].TryGetValue("missing", out _).Should().BeFalse();
        var missing = () => table.Rows[0]["missing"];
        missing.Should().Throw<KeyNotFoundException>().WithMessage("The table has no column 'missing'. Its columns are: name, channel.");
    }

    [Fact]
    public void A_vertical_table_creates_an_object_through_its_constructor_ignoring_case_and_spaces()
    {
        var receiver = TableOf(["Field", "Value"], ["Name", "slack-ops"], ["channel", "slack"], ["Max Retries", "3"]).CreateInstance<Receiver>();

        receiver.Should().Be(new Receiver("slack-ops", Channel.Slack, 3));
    }

    [Fact]
    public void A_horizontal_table_creates_a_set_and_settable_properties_are_filled()
    {
        var settings = TableOf(["name", "retry_limit", "muted"], ["a", "1", "true"], ["b", "", "false"]).CreateSet<Settings>().ToList();

        settings.Should().BeEquivalentTo([new Settings { Name = "a", RetryLimit = 1, Muted = true }, new Settings { Name = "b", RetryLimit = null, Muted = false }]);
    }

    [Fact]
    public void An_unknown_column_names_the_members_that_exist()
    {
        var create = () => TableOf(["name", "colour"], ["a", "red"]).CreateInstance<Settings>();

        create.Should().Throw<ComparisonException>().WithMessage(
            "The column 'colour' matches no property or field of Settings. Its members are: Name, RetryLimit, Muted. Rename the column (case, spaces and underscores do not matter).");
    }

    [Fact]
    public void CompareToInstance_passes_on_equal_values_and_lists_every_difference()
    {
        var table = TableOf(["Field", "Value"], ["Name", "slack-ops"], ["Channel", "Pager"], ["Max Retries", "3"]);

        table.CompareToInstance(new Receiver("slack-ops", Channel.Pager, 3));
        var compare = () => table.CompareToInstance(new Receiver("slack-oncall", Channel.Email, 3));

        compare.Should().Throw<ComparisonException>().Which.Message.Should().Be(string.Join(Environment.NewLine,
            "The following fields of the Receiver did not match:",
            "  | Field   | Expected  | Actual       |",
            "  | Name    | slack-ops | slack-oncall |",
            "  | Channel | Pager     | Email        |"));
    }

    [Fact]
    public void CompareToSet_ignores_order_unless_asked_and_shows_missing_and_extra_rows()
    {
        var table = TableOf(["Name", "Channel"], ["pager", "Pager"], ["slack-ops", "Slack"]);
        Receiver[] receivers = [new("slack-ops", Channel.Slack, 3), new("pager", Channel.Pager, 5)];

        table.CompareToSet(receivers);
        var inOrder = () => table.CompareToSet(receivers, sequentialEquality: true);
        var different = () => table.CompareToSet([new Receiver("slack-ops", Channel.Slack, 3), new Receiver("mail", Channel.Email, 0)]);

        inOrder.Should().Throw<ComparisonException>().WithMessage("*in this order*");
        different.Should().Throw<ComparisonException>().Which.Message.Should().Be(string.Join(Environment.NewLine,
            "The 2 Receiver item(s) do not match the table: 1 row(s) matched no item (-), 1 item(s) matched no row (+).",
            "  | Name      | Channel |",
            "- | pager     | Pager   |",
            "  | slack-ops | Slack   |",
            "+ | mail      | Email   |"));
    }

    [Fact]
    public void A_table_becomes_text_in_gherkin_form() =>
        TableOf(["a", "bb"], ["ccc", "d"]).ToString().Should().Be("| a   | bb |" + Environment.NewLine + "| ccc | d  |" + Environment.NewLine);

    public sealed class Settings
    {
        public string Name { get; set; } = "";

        public int? RetryLimit { get; set; }

        public bool Muted { get; set; }
    }
}
