namespace Kubernaut.Bdd.Conformance.Tests.Cck;

/// <summary>Node's assert.AssertionError, so that failures of ported assertions carry the same type as in the samples.</summary>
public sealed class AssertionError(string message) : Exception(message);

/// <summary>
/// The parts of Node's <c>node:assert</c> the Compatibility Kit samples use, with Node's failure messages, so that a
/// ported step fails with the very message the official stream records.
/// </summary>
public static class NodeAssert
{
    /// <summary>assert.strictEqual for numbers.</summary>
    public static void StrictEqual(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new AssertionError($"Expected values to be strictly equal:\n\n{actual} !== {expected}\n");
        }
    }

    /// <summary>assert.strictEqual for strings.</summary>
    public static void StrictEqual(string? actual, string? expected)
    {
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new AssertionError($"Expected values to be strictly equal:\n\n{Show(actual)} !== {Show(expected)}\n");
        }
    }

    /// <summary>assert.deepStrictEqual for tables of strings (DataTable.raw()).</summary>
    public static void DeepStrictEqual(IReadOnlyList<IReadOnlyList<string>> actual, IReadOnlyList<IReadOnlyList<string>> expected)
    {
        if (actual.Count != expected.Count || actual.Zip(expected).Any(rows => !rows.First.SequenceEqual(rows.Second, StringComparer.Ordinal)))
        {
            throw new AssertionError($"Expected values to be strictly deep-equal:\n{Show(actual)}\n!==\n{Show(expected)}\n");
        }
    }

    /// <summary>assert.ok.</summary>
    public static void Ok(object? value)
    {
        if (value is null or false)
        {
            throw new AssertionError("The expression evaluated to a falsy value");
        }
    }

    private static string Show(string? value) => value is null ? "undefined" : $"'{value}'";

    private static string Show(IReadOnlyList<IReadOnlyList<string>> table) =>
        "[" + string.Join(", ", table.Select(row => "[" + string.Join(", ", row.Select(Show)) + "]")) + "]";
}
