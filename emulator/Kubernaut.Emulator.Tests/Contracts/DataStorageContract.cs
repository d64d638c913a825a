using Kubernaut.Testing;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>The DataStorage contract, loaded once from the shared reference spec.</summary>
internal static class DataStorageContract
{
    /// <summary>Null when the spec is not available (tests that need it skip visibly through <see cref="Require"/>).</summary>
    private static readonly Lazy<OpenApiContract?> Contract = new(() =>
        SharedReferenceData.DataStorageOpenApiPath is { } path ? OpenApiContract.Load(path) : null);

    public static OpenApiContract Require()
    {
        SharedReferenceData.RequireDataStorageOpenApi();
        return Contract.Value!;
    }

    public static IReadOnlyList<ContractViolation> Check(OpenApiContract contract, IEnumerable<HttpExchange> exchanges) =>
        [.. exchanges.SelectMany(contract.Validate)];

    /// <summary>One line per violation, for a failure message.</summary>
    public static string Describe(IReadOnlyList<ContractViolation> violations) =>
        $"{violations.Count} DataStorage contract violation(s) against data-storage-v1.yaml:{Environment.NewLine}" +
        string.Join(Environment.NewLine, violations.Select(v => "  " + v));

    /// <summary>
    /// What a harness does when it is disposed: fails the running test listing every violation among the
    /// <paramref name="exchanges"/> recorded by <paramref name="recorder"/>. Without the spec only this check is
    /// skipped, and the test output says so.
    /// </summary>
    public static void AssertConforms(IEnumerable<HttpExchange> exchanges, string recorder)
    {
        if (Contract.Value is not { } contract)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"DataStorage contract check of the exchanges of {recorder} skipped. {SharedReferenceData.WhyMissing(SharedReferenceData.DataStorageOpenApi)}");
            return;
        }
        var violations = Check(contract, exchanges);
        if (violations.Count > 0)
        {
            Assert.Fail($"{recorder}: {Describe(violations)}");
        }
    }
}
