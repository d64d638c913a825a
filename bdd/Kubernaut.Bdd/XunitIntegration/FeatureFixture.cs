using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Execution;
using Kubernaut.Bdd.Messages;
using Xunit;
using Xunit.v3;

namespace Kubernaut.Bdd.XunitIntegration;

/// <summary>
/// One feature as an xUnit v3 class fixture (the generator derives one per feature class): it parses the embedded
/// feature once, runs the BeforeFeature hooks before the first scenario and the AfterFeature hooks after the last,
/// and runs each scenario for its generated test method.
/// </summary>
public abstract class FeatureFixture : IAsyncLifetime
{
    private readonly TestRunFixture _run;
    private readonly GeneratedFeature _feature;
    private TestRunEngine? _engine;
    private FeatureExecution? _execution;
    private string? _failure;

    protected FeatureFixture(TestRunFixture run, GeneratedFeature feature)
    {
        _run = run;
        _feature = feature;
    }

    public async ValueTask InitializeAsync()
    {
        var state = await _run.EnsureStartedAsync().ConfigureAwait(false);
        if (state.Engine is null)
        {
            _failure = state.Failure;
            return;
        }
        _engine = state.Engine;
        var model = _feature.Parse(_engine);
        if (model.Pickles.Count != _feature.PickleCount)
        {
            _failure = $"{_feature.Uri} compiles to {model.Pickles.Count} scenarios at run time but had {_feature.PickleCount} at build time. Rebuild the test project.";
            return;
        }
        _execution = _engine.OpenFeature(model, DiagnosticSink.Instance);
        _run.Opened(_execution);
        await _engine.StartFeatureAsync(_execution, TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the scenario with that index; passes, throws the scenario's report, or skips with it.</summary>
    /// <param name="pickleIndex">The scenario's position among the feature's pickles.</param>
    /// <param name="pickleName">The scenario's name at build time, to detect a stale build.</param>
    public async Task RunScenarioAsync(int pickleIndex, string pickleName)
    {
        if (_failure is not null)
        {
            throw new Xunit.Sdk.BddScenarioException(_failure, null);
        }
        var engine = _engine!;
        var feature = _execution!;
        var pickle = feature.Model.Pickles[pickleIndex];
        if (pickle.Name != pickleName)
        {
            throw new Xunit.Sdk.BddScenarioException($"Scenario {pickleIndex} of {feature.Model.Uri} is \"{pickle.Name}\" at run time but was \"{pickleName}\" at build time. Rebuild the test project.", null);
        }
        var reason = engine.StartFailure ?? feature.StartFailure;
        var outcome = reason is null
            ? await engine.RunAsync(engine.Plan(feature, pickleIndex), XunitOutputSink.Instance, TestContext.Current.CancellationToken).ConfigureAwait(false)
            : engine.NotRun(feature, pickleIndex, reason);
        if (engine.Configuration.DryRun)
        {
            throw new ScenarioSkippedException($"Dry run ({ConfigurationLoader.DryRunVariable}=true): no step or hook code ran; the scenario is in the message stream as a catalogue entry.");
        }
        Report(outcome, engine.Configuration.MissingOrPendingStepsOutcome);
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is null || _execution is null)
        {
            return;
        }
        var failure = await _engine.FinishFeatureAsync(_execution, CancellationToken.None).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new Reqnroll.ReqnrollException($"After the last scenario of {_feature.Uri}: {failure}");
        }
    }

    /// <summary>Passes, or throws what xUnit reports: a skip for skipped (and, unless configured as errors, undefined and pending) scenarios, a failure otherwise.</summary>
    internal static void Report(ScenarioOutcome outcome, MissingOrPendingStepsOutcome missingOrPending)
    {
        switch (outcome.Status)
        {
            case TestStepResultStatus.PASSED:
                return;
            case TestStepResultStatus.SKIPPED:
            case TestStepResultStatus.UNDEFINED or TestStepResultStatus.PENDING when missingOrPending != MissingOrPendingStepsOutcome.Error:
                throw new ScenarioSkippedException(outcome.Report!);
            default:
                throw new Xunit.Sdk.BddScenarioException(outcome.Report!, outcome.PrimaryError);
        }
    }
}

/// <summary>xUnit classifies a failure as an assertion failure when its exception implements an interface of this name.</summary>
internal interface IAssertionException;

/// <summary>A scenario xUnit reports as skipped (its message carries xUnit's skip token).</summary>
public sealed class ScenarioSkippedException(string reason) : Exception(ExceptionText.DynamicSkipToken + reason);

/// <summary>A scenario's text goes to the test's output, its attachments to the test's attachments.</summary>
internal sealed class XunitOutputSink : IOutputSink
{
    public static XunitOutputSink Instance { get; } = new();

    public void WriteLine(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    public void WriteLines(string lines) => TestContext.Current.TestOutputHelper?.Write(lines);

    public void Attach(string name, byte[] content, string mediaType) => TestContext.Current.AddAttachment(name, content, mediaType);
}

/// <summary>
/// Runs a feature's scenarios in declaration order: the generator declares one test method per pickle in pickle
/// order, so the methods' metadata tokens give that order without any reflection.
/// </summary>
public sealed class ScenarioOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases) where TTestCase : notnull, Xunit.Sdk.ITestCase =>
        testCases.OrderBy(t => t is IXunitTestCase xunitTestCase ? xunitTestCase.TestMethodMetadataToken : int.MaxValue).ToList();
}
