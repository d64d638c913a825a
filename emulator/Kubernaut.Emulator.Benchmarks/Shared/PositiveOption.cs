using System.CommandLine;

namespace Kubernaut.Emulator.Benchmarks.Shared;

/// <summary>Integer options of the benchmark commands that must be at least 1 (counts, sizes, parallelism).</summary>
public static class PositiveOption
{
    public static Option<int> Create(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }
}
