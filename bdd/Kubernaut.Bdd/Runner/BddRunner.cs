using Kubernaut.Bdd.Bindings;
using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Execution;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Runner;

/// <summary>A feature file given to the runner: its uri in the message stream and its text.</summary>
public sealed record FeatureSource(string Uri, string Source);

/// <summary>What <see cref="BddRunner.RunAsync"/> runs, and how.</summary>
public sealed record BddRunOptions
{
    /// <summary>Features in the order they are parsed, reported and run.</summary>
    public IReadOnlyList<FeatureSource> Features { get; init; } = [];

    /// <summary>The classes holding step definitions, hooks and transformations, in definition order. [Binding] is not required.</summary>
    public IReadOnlyList<Type> BindingTypes { get; init; } = [];

    /// <summary>Message ids; <see cref="IncrementingIdGenerator"/> reproduces the ids of the Cucumber Compatibility Kit.</summary>
    public IIdGenerator IdGenerator { get; init; } = new UuidIdGenerator();

    /// <summary>The configuration (dry run, outcome of undefined steps, trace, …); formatter paths are ignored.</summary>
    public BddConfiguration Configuration { get; init; } = BddConfiguration.Default;

    /// <summary>Timestamps and durations; a fake clock makes them deterministic.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Binding source files are reported relative to this directory; null reports absolute paths.</summary>
    public string? SourceRoot { get; init; }

    /// <summary>Environment lookup for the meta message's CI details.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}

/// <summary>The message stream and per-scenario outcomes of a run.</summary>
public sealed class BddRunResult
{
    internal BddRunResult(IReadOnlyList<Envelope> envelopes, IReadOnlyList<ScenarioOutcome> scenarios, IReadOnlyList<FeatureParseException> parseErrors,
        IReadOnlyList<string> bindingErrors, string? startFailure, string? finishFailure, bool success)
    {
        Envelopes = envelopes;
        Scenarios = scenarios;
        ParseErrors = parseErrors;
        BindingErrors = bindingErrors;
        StartFailure = startFailure;
        FinishFailure = finishFailure;
        Success = success;
    }

    /// <summary>The envelopes in protocol order.</summary>
    public IReadOnlyList<Envelope> Envelopes { get; }

    /// <summary>One outcome per pickle, in run order.</summary>
    public IReadOnlyList<ScenarioOutcome> Scenarios { get; }

    public IReadOnlyList<FeatureParseException> ParseErrors { get; }

    public IReadOnlyList<string> BindingErrors { get; }

    /// <summary>Why no scenario ran (binding errors, a failed BeforeTestRun hook), if so.</summary>
    public string? StartFailure { get; }

    /// <summary>What failed after the scenarios (AfterFeature and AfterTestRun hooks, clean-up), if anything.</summary>
    public string? FinishFailure { get; }

    /// <summary>testRunFinished.success.</summary>
    public bool Success { get; }

    public string ToNdjson() => MessageSerializer.ToNdjson(Envelopes);
}

/// <summary>
/// Runs features sequentially in-process, without xUnit, through the same engine as the generated tests: parse
/// every feature, discover the bindings, run BeforeTestRun hooks, emit every test case, run them feature by
/// feature, run AfterTestRun hooks. Ids are drawn in the order cucumber-js draws them.
/// </summary>
public static class BddRunner
{
    public static async Task<BddRunResult> RunAsync(BddRunOptions options, CancellationToken cancellationToken = default)
    {
        var ids = options.IdGenerator;
        var language = options.Configuration.FeatureLanguage;
        var parsed = new List<(FeatureSource Source, FeatureModel? Model, FeatureParseException? Error)>();
        foreach (var feature in options.Features)
        {
            try
            {
                parsed.Add((feature, FeatureModel.Parse(feature.Uri, feature.Source, language, ids), null));
            }
            catch (FeatureParseException ex)
            {
                parsed.Add((feature, null, ex));
            }
        }

        var registry = BindingRegistry.Build(options.BindingTypes, ids, options.SourceRoot);
        var engine = new TestRunEngine(options.Configuration, registry, ids, options.Clock, NullOutputSink.Instance, options.Environment);
        var features = new List<FeatureExecution>();
        foreach (var (source, model, error) in parsed)
        {
            if (model is null)
            {
                engine.AddUnparsableFeature(source.Uri, source.Source, error!);
            }
            else
            {
                features.Add(engine.OpenFeature(model, NullOutputSink.Instance));
            }
        }

        await engine.StartAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new List<ScenarioOutcome>();
        var failures = new List<string>();
        if (engine.StartFailure is not null)
        {
            outcomes.AddRange(features.SelectMany(f => f.Model.Pickles.Select((_, i) => engine.NotRun(f, i, engine.StartFailure))));
        }
        else
        {
            var plans = features.Select(f => f.Model.Pickles.Select((_, i) => engine.Plan(f, i)).ToList()).ToList();
            for (var f = 0; f < features.Count; f++)
            {
                await engine.StartFeatureAsync(features[f], cancellationToken).ConfigureAwait(false);
                foreach (var plan in plans[f])
                {
                    outcomes.Add(features[f].StartFailure is { } reason
                        ? engine.NotRun(features[f], plan.PickleIndex, reason)
                        : await engine.RunAsync(plan, NullOutputSink.Instance, cancellationToken).ConfigureAwait(false));
                }
                if (await engine.FinishFeatureAsync(features[f], cancellationToken).ConfigureAwait(false) is { } featureFailure)
                {
                    failures.Add(featureFailure);
                }
            }
        }
        if (await engine.FinishAsync(cancellationToken).ConfigureAwait(false) is { } runFailure)
        {
            failures.Add(runFailure);
        }
        var finishFailure = failures.Count == 0 ? null : string.Join(Environment.NewLine, failures);
        return new BddRunResult(engine.Log.Assemble(), outcomes, parsed.Where(p => p.Error is not null).Select(p => p.Error!).ToList(),
            registry.Errors, engine.StartFailure, finishFailure, engine.Success && finishFailure is null);
    }
}
