using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Execution;

/// <summary>How one step or hook of a scenario ended.</summary>
public sealed class StepOutcome
{
    private readonly string _keyword;
    private readonly string _written;
    private string? _text;

    /// <param name="keyword">The step's keyword ("Given "); empty for a hook.</param>
    /// <param name="written">The step's text, or the hook's heading.</param>
    internal StepOutcome(string keyword, string written, bool isHook, TestStepResultStatus status, string? message)
    {
        _keyword = keyword;
        _written = written;
        IsHook = isHook;
        Status = status;
        Message = message;
    }

    /// <summary>
    /// "Given a notification …" for steps, "[BeforeScenario] Hooks.Start()" for hooks. Joined when first asked for:
    /// nothing asks for a passed scenario's.
    /// </summary>
    public string Text => _text ??= _keyword + _written;

    /// <summary>True for scenario hooks.</summary>
    public bool IsHook { get; }

    /// <summary>The result, with Cucumber's statuses.</summary>
    public TestStepResultStatus Status { get; }

    /// <summary>What went wrong (or why it was skipped), for the failure listing; null when passed.</summary>
    public string? Message { get; }
}

/// <summary>How a scenario ended: what the xUnit test reports, and what the in-process runner returns per pickle.</summary>
public sealed class ScenarioOutcome
{
    internal ScenarioOutcome(string featureUri, Pickle pickle, TestStepResultStatus status, IReadOnlyList<StepOutcome> steps,
        string? report, Exception? primaryError, string output)
    {
        FeatureUri = featureUri;
        PickleId = pickle.Id;
        Name = pickle.Name;
        Status = status;
        Steps = steps;
        Report = report;
        PrimaryError = primaryError;
        Output = output;
    }

    public string FeatureUri { get; }

    public string PickleId { get; }

    /// <summary>The scenario's name (placeholders replaced).</summary>
    public string Name { get; }

    /// <summary>The worst step status: FAILED &gt; AMBIGUOUS &gt; UNDEFINED &gt; PENDING &gt; SKIPPED &gt; PASSED.</summary>
    public TestStepResultStatus Status { get; }

    /// <summary>Every hook and step in execution order.</summary>
    public IReadOnlyList<StepOutcome> Steps { get; }

    /// <summary>
    /// For anything but PASSED: the message the xUnit test fails (or is skipped) with. It starts with the step that
    /// went wrong and why, lists the scenario's steps with their statuses, and holds the snippets for undefined steps.
    /// </summary>
    public string? Report { get; }

    /// <summary>The first exception a step or hook threw, if any.</summary>
    public Exception? PrimaryError { get; }

    /// <summary>What the scenario wrote: step trace lines and IReqnrollOutputHelper lines, each ending with a line end.</summary>
    public string Output { get; }
}
