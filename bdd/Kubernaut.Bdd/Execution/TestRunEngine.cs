using System.Diagnostics;
using Kubernaut.Bdd.Bindings;
using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.MessageStream;
using Reqnroll;
using Reqnroll.BoDi;
using HookType = Reqnroll.HookType;

namespace Kubernaut.Bdd.Execution;

/// <summary>
/// Runs features and scenarios with their hooks, scopes and outcomes, and records the message stream. One engine
/// per test run; the xUnit integration and <see cref="Runner.BddRunner"/> both drive it. Features may run in
/// parallel; the scenarios of one feature are run one at a time.
/// </summary>
public sealed class TestRunEngine
{
    /// <summary>What test-run hooks are filtered against: no tags, no feature.</summary>
    private static readonly ScopeTarget RunTarget = new(new HashSet<string>(), "", null);

    private readonly IIdGenerator _ids;
    private readonly TimeProvider _clock;
    private readonly OutputChannel _runOutput;
    private readonly ScenarioRunner _scenarios;
    private int _unsuccessfulTestCases;
    private bool _runHookFailed;

    /// <param name="registry">Built from the same id generator, after any features the run starts with were parsed.</param>
    public TestRunEngine(BddConfiguration configuration, BindingRegistry registry, IIdGenerator ids, TimeProvider clock, IOutputSink runSink, Func<string, string?> environment)
    {
        Configuration = configuration;
        Registry = registry;
        _ids = ids;
        _clock = clock;
        Log = new MessageLog(MessageLog.CreateMeta(environment));
        Log.AddSupportCode(registry.Messages);
        Container = new ObjectContainer("test run");
        Matcher = new StepMatcher(registry);
        TestRunStartedId = ids.NewId();
        _runOutput = new OutputChannel(Log, clock, TestRunStartedId, runSink, null);
        Container.RegisterInstanceAs<IReqnrollOutputHelper>(_runOutput);
        _scenarios = new ScenarioRunner(this, new SnippetGenerator(configuration.Trace.StepDefinitionSkeletonStyle));
    }

    public BddConfiguration Configuration { get; }

    public BindingRegistry Registry { get; }

    public MessageLog Log { get; }

    /// <summary>The test-run container: parent of every feature's container.</summary>
    public ObjectContainer Container { get; }

    public StepMatcher Matcher { get; }

    public string TestRunStartedId { get; }

    /// <summary>Why no scenario can run (binding errors, a failed BeforeTestRun hook); null when they can.</summary>
    public string? StartFailure { get; private set; }

    /// <summary>Cucumber's verdict: no failed, ambiguous, undefined or pending test case and no failed run hook.</summary>
    public bool Success => Volatile.Read(ref _unsuccessfulTestCases) == 0 && !_runHookFailed && StartFailure is null;

    internal IIdGenerator Ids => _ids;

    internal TimeProvider Clock => _clock;

    /// <summary>Emits testRunStarted and runs the BeforeTestRun hooks (all of them, even after one fails, as Cucumber does).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.SetTestRunStarted(new TestRunStarted { Id = TestRunStartedId, Timestamp = MessageTime.Timestamp(_clock.GetUtcNow()) });
        if (Registry.Errors.Count > 0)
        {
            StartFailure = $"The bindings have {Registry.Errors.Count} error(s):{Environment.NewLine}" + string.Join(Environment.NewLine, Registry.Errors.Select(e => "  - " + e));
            Log.Phase = RunPhase.Execution;
            return;
        }
        Log.Phase = RunPhase.BeforeRun;
        StartFailure = await RunHooksAsync(HookType.BeforeTestRun, RunTarget, Container, _runOutput, cancellationToken).ConfigureAwait(false);
        Log.Phase = RunPhase.Execution;
    }

    /// <summary>Registers the feature's static messages and creates its container and <see cref="FeatureContext"/>.</summary>
    public FeatureExecution OpenFeature(FeatureModel model, IOutputSink sink)
    {
        var section = Log.AddFeature(new Source { Uri = model.Uri, Data = model.Source, MediaType = Source.GherkinPlain }, model.TakeDocument(), model.Pickles, []);
        var container = new ObjectContainer("feature", Container);
        var context = new FeatureContext(model.Info, container);
        var output = new OutputChannel(Log, _clock, TestRunStartedId, sink, null);
        container.RegisterInstanceAs(context);
        container.RegisterInstanceAs(model.Info);
        container.RegisterInstanceAs<IReqnrollOutputHelper>(output);
        return new FeatureExecution(model, section, container, context, output);
    }

    /// <summary>Registers a feature that failed to parse: its source and parse errors go to the stream.</summary>
    public void AddUnparsableFeature(string uri, string source, FeatureParseException error)
    {
        Log.AddFeature(new Source { Uri = uri, Data = source, MediaType = Source.GherkinPlain }, null, [], error.Errors.Select(e => e.ToMessage(uri)));
        Interlocked.Increment(ref _unsuccessfulTestCases);
    }

    /// <summary>Runs the BeforeFeature hooks whose tags match the feature; a failure stops its scenarios.</summary>
    public async Task StartFeatureAsync(FeatureExecution feature, CancellationToken cancellationToken)
    {
        if (StartFailure is not null)
        {
            return;
        }
        feature.StartFailure ??= await RunHooksAsync(HookType.BeforeFeature, feature.Target, feature.Container, feature.Output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the AfterFeature hooks and disposes the feature's objects; returns what failed, if anything.</summary>
    public async Task<string?> FinishFeatureAsync(FeatureExecution feature, CancellationToken cancellationToken)
    {
        var failure = StartFailure is null
            ? await RunHooksAsync(HookType.AfterFeature, feature.Target, feature.Container, feature.Output, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            await feature.Container.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure ??= $"Cleaning up the feature {feature.Model.Uri} failed: {ExceptionText.Describe(ex)}";
        }
        return failure;
    }

    /// <summary>Matches the scenario's steps, selects its hooks and emits its testCase.</summary>
    public TestCasePlan Plan(FeatureExecution feature, int pickleIndex)
    {
        var model = feature.Model;
        var pickle = model.Pickles[pickleIndex];
        var scope = new LazyScopeTarget(pickle, model.Info.Title);
        var testCaseId = _ids.NewId();
        var steps = new List<PlannedStep>(pickle.Steps.Count + 2);
        foreach (var hook in Applicable(HookType.BeforeScenario, scope))
        {
            steps.Add(new PlannedHook(_ids.NewId(), hook, IsBefore: true));
        }
        foreach (var step in pickle.Steps)
        {
            var type = StepMatcher.StepTypeOf(step.Type);
            steps.Add(new PlannedPickleStep(_ids.NewId(), step, model.KeywordOf(pickle, step), type, Matcher.Match(type, step.Text, scope)));
        }
        foreach (var hook in Applicable(HookType.AfterScenario, scope))
        {
            steps.Add(new PlannedHook(_ids.NewId(), hook, IsBefore: false));
        }
        Log.AddTestCase(new TestCase
        {
            Id = testCaseId,
            PickleId = pickle.Id,
            TestRunStartedId = TestRunStartedId,
            TestSteps = steps.ConvertAll(ToTestStep),
        });
        feature.Section.MarkExecuted(pickleIndex);
        return new TestCasePlan(feature, pickleIndex, testCaseId, model.ScenarioInfoOf(pickle), steps,
            Applicable(HookType.BeforeStep, scope), Applicable(HookType.AfterStep, scope));
    }

    /// <summary>The hooks of the type that apply to the scenario: all of them (the registry's own list) when none has a tag filter or [Scope].</summary>
    private IReadOnlyList<HookBinding> Applicable(HookType type, LazyScopeTarget scope)
    {
        var hooks = Registry.HooksOf(type);
        for (var i = 0; i < hooks.Count; i++)
        {
            if (!hooks[i].AppliesEverywhere)
            {
                return Filtered(hooks, scope.Value);
            }
        }
        return hooks;

        // A method of its own: a lambda in this method would allocate its closure on every call.
        static List<HookBinding> Filtered(IReadOnlyList<HookBinding> hooks, ScopeTarget target) => hooks.Where(h => h.AppliesTo(target)).ToList();
    }

    /// <summary>Runs a planned scenario: hooks, steps, after-hooks (always), disposal of its objects.</summary>
    public async ValueTask<ScenarioOutcome> RunAsync(TestCasePlan plan, IOutputSink sink, CancellationToken cancellationToken)
    {
        var outcome = await _scenarios.RunAsync(plan, sink, cancellationToken).ConfigureAwait(false);
        if (outcome.Status is not (TestStepResultStatus.PASSED or TestStepResultStatus.SKIPPED))
        {
            Interlocked.Increment(ref _unsuccessfulTestCases);
        }
        return outcome;
    }

    /// <summary>An outcome for a scenario that cannot run because the run or its feature failed to start.</summary>
    public ScenarioOutcome NotRun(FeatureExecution feature, int pickleIndex, string reason)
    {
        Interlocked.Increment(ref _unsuccessfulTestCases);
        // The pickle stays in the stream without a test case, as Cucumber reports the pickles of a run whose BeforeAll failed.
        feature.Section.MarkExecuted(pickleIndex);
        var pickle = feature.Model.Pickles[pickleIndex];
        return new ScenarioOutcome(feature.Model.Uri, pickle, TestStepResultStatus.FAILED, [],
            $"The scenario did not run: {reason}", null, "");
    }

    /// <summary>Runs the AfterTestRun hooks and emits testRunFinished; returns what failed, if anything.</summary>
    public async Task<string?> FinishAsync(CancellationToken cancellationToken)
    {
        Log.Phase = RunPhase.AfterRun;
        var failure = Registry.Errors.Count == 0
            ? await RunHooksAsync(HookType.AfterTestRun, RunTarget, Container, _runOutput, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            await Container.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure ??= $"Cleaning up the test run failed: {ExceptionText.Describe(ex)}";
        }
        Log.SetTestRunFinished(new TestRunFinished
        {
            TestRunStartedId = TestRunStartedId,
            Timestamp = MessageTime.Timestamp(_clock.GetUtcNow()),
            Success = Success && failure is null,
            // A failed hook is reported by its testRunHookFinished; the message is for failures outside user code.
            Message = Registry.Errors.Count > 0 ? StartFailure : null,
        });
        return failure;
    }

    /// <summary>
    /// Runs the test-run or feature hooks of the type that apply to the target: every one of them, even after one
    /// failed (as Cucumber does), so each can clean up what it owns. Returns the first failure, if any.
    /// </summary>
    private async Task<string?> RunHooksAsync(HookType type, ScopeTarget target, ObjectContainer container, OutputChannel output, CancellationToken cancellationToken)
    {
        string? failure = null;
        foreach (var hook in Registry.HooksOf(type).Where(h => h.AppliesTo(target)))
        {
            var hookFailure = await RunHookAsync(hook, container, output, cancellationToken).ConfigureAwait(false);
            failure ??= hookFailure;
        }
        return failure;
    }

    /// <summary>Runs a test-run or feature hook as a testRunHookStarted/Finished pair; returns the failure text, if any.</summary>
    private async Task<string?> RunHookAsync(HookBinding hook, ObjectContainer container, OutputChannel output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var startedId = _ids.NewId();
        Log.Add(Envelope.Of(new TestRunHookStarted { Id = startedId, TestRunStartedId = TestRunStartedId, HookId = hook.Id, Timestamp = MessageTime.Timestamp(_clock.GetUtcNow()) }));
        output.TestRunHookStartedId = startedId;
        var result = Configuration.DryRun ? StepResult.Skipped : await InvokeHookAsync(hook, container).ConfigureAwait(false);
        output.TestRunHookStartedId = null;
        Log.Add(Envelope.Of(new TestRunHookFinished { TestRunHookStartedId = startedId, Result = result.ToMessage(), Timestamp = MessageTime.Timestamp(_clock.GetUtcNow()) }));
        if (result.Status == TestStepResultStatus.FAILED)
        {
            _runHookFailed = true;
            return $"{hook.Describe()} failed: {ExceptionText.Describe(result.Error!)}";
        }
        return null;
    }

    /// <summary>Invokes a hook with its parameters resolved from the container; classifies how it ended.</summary>
    /// <param name="where">Set for step hooks, whose failure is reported on the step: "failed in [BeforeStep] … at …: …".</param>
    internal async Task<StepResult> InvokeHookAsync(HookBinding hook, ObjectContainer container, string? where = null)
    {
        var started = _clock.GetTimestamp();
        try
        {
            var method = hook.Method;
            var arguments = new object?[method.ParameterTypes.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = container.Resolve(method.ParameterTypes[i]);
            }
            var target = method.IsStatic ? null : container.Resolve(method.DeclaringType);
            await method.InvokeAsync(target, arguments).ConfigureAwait(false);
            return new StepResult(TestStepResultStatus.PASSED, _clock.GetElapsedTime(started), null, null);
        }
        catch (Exception ex)
        {
            return Classify(ex, _clock.GetElapsedTime(started), where);
        }
    }

    /// <summary>Pending and skip exceptions mark the step so; anything else fails it.</summary>
    internal static StepResult Classify(Exception exception, TimeSpan duration, string? where)
    {
        var location = where is null ? "" : " in " + where;
        if (exception is PendingStepException)
        {
            return new StepResult(TestStepResultStatus.PENDING, duration, exception, $"pending{location}: {exception.Message}");
        }
        if (ExceptionText.IsSkip(exception))
        {
            return new StepResult(TestStepResultStatus.SKIPPED, duration, exception, $"skipped{location}: {ExceptionText.MessageOf(exception)}");
        }
        return new StepResult(TestStepResultStatus.FAILED, duration, exception, $"failed{location}: {ExceptionText.Describe(exception)}");
    }

    private static TestStep ToTestStep(PlannedStep step)
    {
        if (step is PlannedHook hook)
        {
            return new TestStep { Id = hook.Id, HookId = hook.Hook.Id };
        }
        var pickleStep = (PlannedPickleStep)step;
        var (definitionIds, argumentLists) = pickleStep.Match.MessageParts;
        return new TestStep { Id = pickleStep.Id, PickleStepId = pickleStep.Step.Id, StepDefinitionIds = definitionIds, StepMatchArgumentsLists = argumentLists };
    }
}
