using Kubernaut.Bdd.Bindings;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.MessageStream;
using Reqnroll;
using Reqnroll.BoDi;
using DataTable = Reqnroll.DataTable;

namespace Kubernaut.Bdd.Execution;

/// <summary>A feature being run: its model, container and context, and whether its BeforeFeature hooks failed.</summary>
public sealed class FeatureExecution
{
    internal FeatureExecution(FeatureModel model, FeatureSection section, ObjectContainer container, FeatureContext context, OutputChannel output)
    {
        Model = model;
        Section = section;
        Container = container;
        Context = context;
        Output = output;
        Target = new ScopeTarget(model.Info.Tags.Select(t => "@" + t).ToHashSet(), model.Info.Title, null);
    }

    public FeatureModel Model { get; }

    public FeatureContext Context { get; }

    /// <summary>Why the feature's scenarios cannot run (a failed BeforeFeature hook); null when they can.</summary>
    public string? StartFailure { get; internal set; }

    internal FeatureSection Section { get; }

    internal ObjectContainer Container { get; }

    internal OutputChannel Output { get; }

    internal ScopeTarget Target { get; }
}

/// <summary>A scenario matched and ready to run: its test case (steps with their definitions, applicable hooks).</summary>
public sealed class TestCasePlan
{
    internal TestCasePlan(FeatureExecution feature, int pickleIndex, string testCaseId, ScenarioInfo info,
        IReadOnlyList<PlannedStep> steps, IReadOnlyList<HookBinding> beforeStepHooks, IReadOnlyList<HookBinding> afterStepHooks)
    {
        Feature = feature;
        PickleIndex = pickleIndex;
        TestCaseId = testCaseId;
        Info = info;
        Steps = steps;
        BeforeStepHooks = beforeStepHooks;
        AfterStepHooks = afterStepHooks;
    }

    public FeatureExecution Feature { get; }

    public int PickleIndex { get; }

    public Pickle Pickle => Feature.Model.Pickles[PickleIndex];

    public string TestCaseId { get; }

    public ScenarioInfo Info { get; }

    internal IReadOnlyList<PlannedStep> Steps { get; }

    internal IReadOnlyList<HookBinding> BeforeStepHooks { get; }

    internal IReadOnlyList<HookBinding> AfterStepHooks { get; }
}

/// <summary>One test step of a test case: a scenario hook or a pickle step.</summary>
internal abstract record PlannedStep(string Id)
{
    public abstract StepOutcome OutcomeOf(StepResult result);
}

internal sealed record PlannedHook(string Id, HookBinding Hook, bool IsBefore) : PlannedStep(Id)
{
    public override StepOutcome OutcomeOf(StepResult result) => new("", Hook.Heading, isHook: true, result.Status, result.Problem);
}

internal sealed record PlannedPickleStep(string Id, PickleStep Step, string Keyword, StepDefinitionType? Type, StepMatch Match) : PlannedStep(Id), IStepInfoSource
{
    /// <summary>The step's table as a <see cref="Reqnroll.DataTable"/>, or null.</summary>
    public DataTable? Table { get; } = TableOf(Step.Argument);

    public override StepOutcome OutcomeOf(StepResult result) => new(Keyword, Step.Text, isHook: false, result.Status, result.Problem);

    public StepInfo CreateStepInfo() => new(Type ?? StepDefinitionType.Given, Step.Text, Table, Step.Argument?.DocString?.Content);

    private static DataTable? TableOf(PickleStepArgument? argument)
    {
        if (argument?.DataTable is not { Rows.Count: > 0 } pickleTable)
        {
            return null;
        }
        var table = new DataTable(pickleTable.Rows[0].Cells.Select(c => c.Value).ToArray());
        foreach (var row in pickleTable.Rows.Skip(1))
        {
            table.AddRow(row.Cells.Select(c => c.Value).ToArray());
        }
        return table;
    }
}

/// <summary>The result of one step or hook, before it becomes a message.</summary>
/// <param name="Problem">For the failure listing: "failed: …", "undefined: …"; null when passed.</param>
internal readonly record struct StepResult(TestStepResultStatus Status, TimeSpan Duration, Exception? Error, string? Problem)
{
    public static StepResult Skipped { get; } = new(TestStepResultStatus.SKIPPED, TimeSpan.Zero, null, null);

    /// <summary>
    /// The protocol result. A plain <c>new PendingStepException()</c> and a skip without reason report no message,
    /// as Cucumber's "pending" and "skipped" return values do.
    /// </summary>
    public TestStepResult ToMessage()
    {
        var bare = Error is PendingStepException { Message: PendingStepException.DefaultMessage }
            || (Error is not null && ExceptionText.IsSkip(Error) && ExceptionText.MessageOf(Error).Length == 0);
        var error = bare ? null : Error;
        return new TestStepResult
        {
            Status = Status,
            Duration = MessageTime.Duration(Duration),
            Message = error is null ? null : ExceptionText.MessageOf(error),
            Exception = error is null ? null : new ExceptionInfo
            {
                Type = error.GetType().FullName ?? error.GetType().Name,
                Message = ExceptionText.MessageOf(error),
                StackTrace = ExceptionText.StackTraceOf(error),
            },
        };
    }
}
