using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Execution;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Runner;

namespace Kubernaut.Bdd.Tests.Unit;

// Binding classes of the unit tests carry no [Binding] attribute: the runner takes them as given, and the sample
// suite's discovery (which looks for [Binding]) must not pick them up.

/// <summary>Runs features through the in-process runner with deterministic ids and a frozen clock.</summary>
internal static class Harness
{
    public const string FeatureUri = "features/test.feature";

    public static Task<BddRunResult> RunAsync(string feature, params Type[] bindings) => RunAsync(feature, BddConfiguration.Default, bindings);

    public static Task<BddRunResult> RunAsync(string feature, BddConfiguration configuration, params Type[] bindings) =>
        RunAsync([new FeatureSource(FeatureUri, feature)], configuration, bindings);

    public static Task<BddRunResult> RunAsync(IReadOnlyList<FeatureSource> features, params Type[] bindings) => RunAsync(features, BddConfiguration.Default, bindings);

    public static Task<BddRunResult> RunAsync(IReadOnlyList<FeatureSource> features, BddConfiguration configuration, params Type[] bindings) =>
        BddRunner.RunAsync(new BddRunOptions
        {
            Features = features,
            BindingTypes = bindings,
            IdGenerator = new IncrementingIdGenerator(),
            Configuration = configuration,
            Clock = new FrozenClock(),
            SourceRoot = SourceRoot,
            Environment = _ => null,
        }, TestContext.Current.CancellationToken);

    /// <summary>The test project's directory as the compiler saw it: binding locations are reported relative to it.</summary>
    public static string SourceRoot { get; } = Path.GetDirectoryName(Path.GetDirectoryName(ThisFile()))!;

    public static ScenarioOutcome Single(this BddRunResult result) => result.Scenarios.Should().ContainSingle().Subject;

    /// <summary>The kinds of the envelopes in order ("testStepFinished", ...).</summary>
    public static List<string> Kinds(this BddRunResult result) => result.Envelopes.Select(KindOf).ToList();

    public static string KindOf(Envelope envelope) =>
        typeof(Envelope).GetProperties().Where(p => p.PropertyType != typeof(Envelope) && p.GetValue(envelope) is not null)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).Single();

    public static IEnumerable<T> All<T>(this BddRunResult result) where T : class =>
        result.Envelopes.Select(e => typeof(Envelope).GetProperty(typeof(T).Name)!.GetValue(e) as T).OfType<T>();

    /// <summary>Where the runtime says a binding method is: "Unit/File.cs:line" of its binding attribute.</summary>
    public static string LocationOf(Type type, string method)
    {
        var attribute = type.GetMethod(method)!.GetCustomAttributes(inherit: false).Single(a => a is Reqnroll.StepDefinitionBaseAttribute or Reqnroll.HookAttribute);
        var (file, line) = attribute switch
        {
            Reqnroll.StepDefinitionBaseAttribute step => (step.SourceFile, step.SourceLine),
            Reqnroll.HookAttribute hook => (hook.SourceFile, hook.SourceLine),
            _ => throw new InvalidOperationException(),
        };
        return Path.GetRelativePath(SourceRoot, file).Replace('\\', '/') + ":" + line;
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}

/// <summary>A clock that never moves: timestamps and durations are zero-based and deterministic.</summary>
internal sealed class FrozenClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;

    public override long GetTimestamp() => 0;
}
