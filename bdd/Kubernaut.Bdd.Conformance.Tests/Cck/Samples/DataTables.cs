using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.DataTables;

/// <summary>Port of data-tables.ts.</summary>
[Binding, CckSample("data-tables")]
public sealed class DataTablesSteps
{
    private IReadOnlyList<IReadOnlyList<string>> _transposed = [];

    [When("the following table is transposed:")]
    public void TheFollowingTableIsTransposed(DataTable table)
    {
        var raw = Raw(table);
        _transposed = Enumerable.Range(0, raw[0].Count).Select(column => raw.Select(row => row[column]).ToList()).ToList();
    }

    [Then("it should be:")]
    public void ItShouldBe(DataTable expected) => NodeAssert.DeepStrictEqual(_transposed, Raw(expected));

    /// <summary>The table as rows of cells, header first (cucumber-js's DataTable.raw()).</summary>
    private static List<IReadOnlyList<string>> Raw(Table table) =>
        [table.Header.ToList(), .. table.Rows.Select(row => (IReadOnlyList<string>)row.Values.ToList())];
}
