using System.Collections.Specialized;
using System.Globalization;
using Reqnroll.BoDi;

namespace Reqnroll;

/// <summary>Outcome of a scenario so far, with Reqnroll's values.</summary>
public enum ScenarioExecutionStatus
{
    OK,
    StepDefinitionPending,
    UndefinedStep,
    BindingError,
    TestError,
    Skipped,
}

/// <summary>The block of a scenario a step belongs to.</summary>
public enum ScenarioBlock
{
    None,
    Given,
    When,
    Then,
}

/// <summary>A dictionary for sharing state, plus the error that failed the current run element.</summary>
public abstract class ReqnrollContext : Dictionary<string, object?>
{
    public Exception? TestError { get; internal set; }

    public void Set<T>(T data) => Set(data, KeyOf<T>());

    public void Set<T>(T data, string key) => this[key] = data;

    public T Get<T>() => Get<T>(KeyOf<T>());

    public T Get<T>(string key)
    {
        if (!base.TryGetValue(key, out var value))
        {
            throw new KeyNotFoundException($"The context holds no value under '{key}'. Keys present: {DescribeKeys()}.");
        }
        return (T)value!;
    }

    public bool TryGetValue<T>(out T value) => TryGetValue(KeyOf<T>(), out value);

    public bool TryGetValue<T>(string key, out T value)
    {
        if (base.TryGetValue(key, out var stored) && stored is T typed)
        {
            value = typed;
            return true;
        }
        value = default!;
        return false;
    }

    private static string KeyOf<T>() => typeof(T).FullName ?? typeof(T).Name;

    private string DescribeKeys() => Count == 0 ? "none" : string.Join(", ", Keys.Select(k => "'" + k + "'"));
}

/// <summary>What a feature file says about its feature.</summary>
public class FeatureInfo
{
    public FeatureInfo(CultureInfo language, string folderPath, string title, string? description, params string[] tags)
    {
        Language = language;
        FolderPath = folderPath;
        Title = title;
        Description = description ?? "";
        Tags = tags;
    }

    public CultureInfo Language { get; }

    /// <summary>The folder of the feature file, relative to the features root's parent, with '/' separators.</summary>
    public string FolderPath { get; }

    public string Title { get; }

    public string Description { get; }

    /// <summary>The feature's tags without '@'.</summary>
    public string[] Tags { get; }
}

/// <summary>What a feature file says about a scenario (one Examples row of an outline is one scenario).</summary>
public class ScenarioInfo
{
    public ScenarioInfo(string title, string? description, string[] tags, IOrderedDictionary arguments, string[]? inheritedTags = null)
    {
        Title = title;
        Description = description ?? "";
        Tags = tags;
        Arguments = arguments;
        CombinedTags = Union(inheritedTags ?? [], tags);
    }

    /// <summary>The distinct tags of both lists, in order: a scenario has a handful, so this beats a hash set.</summary>
    internal static string[] Union(string[] first, string[] second)
    {
        var union = new string[first.Length + second.Length];
        var count = 0;
        AddDistinct(first);
        AddDistinct(second);
        return count == union.Length ? union : union[..count];

        void AddDistinct(string[] tags)
        {
            foreach (var tag in tags)
            {
                if (Array.IndexOf(union, tag, 0, count) < 0)
                {
                    union[count++] = tag;
                }
            }
        }
    }

    /// <summary>The scenario's name, with the outline's placeholders replaced by the row's values.</summary>
    public string Title { get; }

    public string Description { get; }

    /// <summary>Tags of the scenario and its Examples block, without '@'.</summary>
    public string[] Tags { get; }

    /// <summary>Tags of the feature, rule, scenario and Examples block, without '@'.</summary>
    public string[] CombinedTags { get; }

    /// <summary>The Examples row: header → value, in column order; empty for a plain scenario.</summary>
    public IOrderedDictionary Arguments { get; }
}

/// <summary>The step being run.</summary>
public class StepInfo(StepDefinitionType stepDefinitionType, string text, Table? table, string? multilineText)
{
    public StepDefinitionType StepDefinitionType { get; } = stepDefinitionType;

    public string Text { get; } = text;

    public Table? Table { get; } = table;

    public string? MultilineText { get; } = multilineText;
}

/// <summary>What a running step's <see cref="StepInfo"/> is created from, when a binding asks for it.</summary>
internal interface IStepInfoSource
{
    StepInfo CreateStepInfo();
}

/// <summary>The running step and its status.</summary>
public class ScenarioStepContext : ReqnrollContext
{
    internal ScenarioStepContext(StepInfo stepInfo)
    {
        StepInfo = stepInfo;
    }

    public StepInfo StepInfo { get; }

    public ScenarioExecutionStatus Status { get; internal set; } = ScenarioExecutionStatus.OK;
}

/// <summary>State of one scenario; one instance per scenario, injectable into bindings.</summary>
public class ScenarioContext : ReqnrollContext
{
    internal ScenarioContext(ScenarioInfo scenarioInfo, IObjectContainer scenarioContainer)
    {
        ScenarioInfo = scenarioInfo;
        ScenarioContainer = scenarioContainer;
    }

    public ScenarioInfo ScenarioInfo { get; }

    public IObjectContainer ScenarioContainer { get; }

    public ScenarioExecutionStatus ScenarioExecutionStatus { get; internal set; } = ScenarioExecutionStatus.OK;

    // The running step's context is created when a binding first asks for it: most steps never do, and a context
    // per step (a dictionary and the step's info) is garbage for every step of thousands of scenarios.
    private IStepInfoSource? _runningStep;
    private ScenarioStepContext? _stepContext;
    private ScenarioExecutionStatus _stepStatus;

    /// <summary>The step being run (the last one, once the scenario's steps are done); null before the first step.</summary>
    public ScenarioStepContext? StepContext => _stepContext ??= _runningStep is { } step ? new ScenarioStepContext(step.CreateStepInfo()) { Status = _stepStatus } : null;

    /// <summary>A step starts: <see cref="StepContext"/> is a new context for it.</summary>
    internal void StartStep(IStepInfoSource step)
    {
        _runningStep = step;
        _stepContext = null;
        _stepStatus = ScenarioExecutionStatus.OK;
    }

    /// <summary>The running step ended with this status.</summary>
    internal void FinishStep(ScenarioExecutionStatus status)
    {
        _stepStatus = status;
        if (_stepContext is not null)
        {
            _stepContext.Status = status;
        }
    }

    public ScenarioBlock CurrentScenarioBlock => StepContext?.StepInfo.StepDefinitionType switch
    {
        StepDefinitionType.Given => ScenarioBlock.Given,
        StepDefinitionType.When => ScenarioBlock.When,
        StepDefinitionType.Then => ScenarioBlock.Then,
        _ => ScenarioBlock.None,
    };

    /// <summary>Marks the running step as pending.</summary>
    public void Pending() => throw new PendingStepException();
}

/// <summary>State of one feature; one instance per feature, injectable into bindings and feature hooks.</summary>
public class FeatureContext : ReqnrollContext
{
    internal FeatureContext(FeatureInfo featureInfo, IObjectContainer featureContainer)
    {
        FeatureInfo = featureInfo;
        FeatureContainer = featureContainer;
    }

    public FeatureInfo FeatureInfo { get; }

    public IObjectContainer FeatureContainer { get; }
}
