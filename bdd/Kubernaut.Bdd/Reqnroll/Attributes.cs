using System.Runtime.CompilerServices;

namespace Reqnroll;

// The attributes keep Reqnroll's names, constructors and properties, so step code compiles against either runtime.
// The trailing [CallerLineNumber]/[CallerFilePath] parameters are filled by the compiler: they give every binding
// its source location for messages and error listings without any PDB reading. The line parameter comes first
// so that a string argument can never bind to it by accident.

/// <summary>Marks a class whose methods are step definitions, hooks or step argument transformations.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public class BindingAttribute : Attribute;

/// <summary>The kind of step a step definition matches.</summary>
public enum StepDefinitionType
{
    Given,
    When,
    Then,
}

/// <summary>How the text of a step definition is read.</summary>
public enum ExpressionType
{
    /// <summary>Detected: a regular expression when it starts with <c>^</c> or ends with <c>$</c> (or looks like one), otherwise a Cucumber expression.</summary>
    Unspecified,
    CucumberExpression,
    RegularExpression,
}

/// <summary>Base of <see cref="GivenAttribute"/>, <see cref="WhenAttribute"/>, <see cref="ThenAttribute"/> and <see cref="StepDefinitionAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class StepDefinitionBaseAttribute : Attribute
{
    private protected StepDefinitionBaseAttribute(string? expression, StepDefinitionType[] types, int sourceLine, string sourceFile)
    {
        Expression = expression;
        Types = types;
        SourceLine = sourceLine;
        SourceFile = sourceFile;
    }

    public StepDefinitionType[] Types { get; }

    /// <summary>A Cucumber expression or a regular expression that matches the whole step text.</summary>
    public string? Expression { get; set; }

    public ExpressionType ExpressionType { get; set; } = ExpressionType.Unspecified;

    /// <summary>The line of the attribute in its source file (filled by the compiler).</summary>
    public int SourceLine { get; }

    /// <summary>The source file of the attribute (filled by the compiler).</summary>
    public string SourceFile { get; }
}

/// <summary>A step definition for Given steps (and the And/But steps that follow them).</summary>
public class GivenAttribute(string? expression = null, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "")
    : StepDefinitionBaseAttribute(expression, [StepDefinitionType.Given], sourceLine, sourceFile);

/// <summary>A step definition for When steps (and the And/But steps that follow them).</summary>
public class WhenAttribute(string? expression = null, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "")
    : StepDefinitionBaseAttribute(expression, [StepDefinitionType.When], sourceLine, sourceFile);

/// <summary>A step definition for Then steps (and the And/But steps that follow them).</summary>
public class ThenAttribute(string? expression = null, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "")
    : StepDefinitionBaseAttribute(expression, [StepDefinitionType.Then], sourceLine, sourceFile);

/// <summary>A step definition for steps of any kind.</summary>
public class StepDefinitionAttribute(string? expression = null, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "")
    : StepDefinitionBaseAttribute(expression, [StepDefinitionType.Given, StepDefinitionType.When, StepDefinitionType.Then], sourceLine, sourceFile);

/// <summary>
/// Converts step arguments to a type: the method's return type. Without a regex it converts any text (or a
/// <see cref="Table"/>, when its parameter is one); with a regex it converts the text the regex matches, its groups
/// becoming the method's arguments. With <see cref="Name"/> it is also the Cucumber expression parameter type <c>{Name}</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public class StepArgumentTransformationAttribute(string? regex = null, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : Attribute
{
    public string? Regex { get; set; } = regex;

    /// <summary>The Cucumber expression parameter type name, e.g. "flight" for <c>{flight}</c>; defaults to the return type's name.</summary>
    public string? Name { get; set; }

    public int SourceLine { get; } = sourceLine;

    public string SourceFile { get; } = sourceFile;
}

/// <summary>Restricts the bindings of a class or method to features, scenarios or tags. Several scopes are alternatives.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public class ScopeAttribute : Attribute
{
    /// <summary>A tag (with or without '@') or a tag expression such as <c>@a and not @b</c>.</summary>
    public string? Tag { get; set; }

    /// <summary>The exact title of a feature.</summary>
    public string? Feature { get; set; }

    /// <summary>The exact title of a scenario.</summary>
    public string? Scenario { get; set; }
}

/// <summary>The moment a hook runs at.</summary>
public enum HookType
{
    BeforeTestRun,
    AfterTestRun,
    BeforeFeature,
    AfterFeature,
    BeforeScenario,
    AfterScenario,
    BeforeStep,
    AfterStep,
}

/// <summary>
/// Base of the hook attributes. Tags filter the hook: each entry is a tag (with or without '@') or a tag expression,
/// and the hook runs when any entry matches. Hooks run in ascending <see cref="Order"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class HookAttribute : Attribute
{
    public const int DefaultOrder = 10000;

    private protected HookAttribute(HookType hookType, string[]? tags, int sourceLine, string sourceFile)
    {
        HookType = hookType;
        Tags = tags ?? [];
        SourceLine = sourceLine;
        SourceFile = sourceFile;
    }

    public HookType HookType { get; }

    public string[] Tags { get; }

    /// <summary>Lower numbers run first; the default is <see cref="DefaultOrder"/>.</summary>
    public int Order { get; set; } = DefaultOrder;

    /// <summary>A name for reports (Cucumber's named hooks). Not part of Reqnroll.</summary>
    public string? Name { get; set; }

    public int SourceLine { get; }

    public string SourceFile { get; }
}

/// <summary>Runs once before the first scenario of the run. The method must be static.</summary>
public class BeforeTestRunAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "")
    : HookAttribute(HookType.BeforeTestRun, null, sourceLine, sourceFile);

/// <summary>Runs once after the last scenario of the run. The method must be static.</summary>
public class AfterTestRunAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "")
    : HookAttribute(HookType.AfterTestRun, null, sourceLine, sourceFile);

// Scoped hooks: constructors for zero to three tags keep the source location; more tags use the params
// constructor (the location is then unknown). One tag expression usually says it all: "@a and not @b".

/// <summary>Runs before the first scenario of each feature whose tags match. The method must be static.</summary>
public class BeforeFeatureAttribute : HookAttribute
{
    public BeforeFeatureAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeFeature, null, sourceLine, sourceFile) { }
    public BeforeFeatureAttribute(string tag, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeFeature, [tag], sourceLine, sourceFile) { }
    public BeforeFeatureAttribute(string tag1, string tag2, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeFeature, [tag1, tag2], sourceLine, sourceFile) { }
    public BeforeFeatureAttribute(string tag1, string tag2, string tag3, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeFeature, [tag1, tag2, tag3], sourceLine, sourceFile) { }
    public BeforeFeatureAttribute(params string[] tags) : base(HookType.BeforeFeature, tags, 0, "") { }
}

/// <summary>Runs after the last scenario of each feature whose tags match. The method must be static.</summary>
public class AfterFeatureAttribute : HookAttribute
{
    public AfterFeatureAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterFeature, null, sourceLine, sourceFile) { }
    public AfterFeatureAttribute(string tag, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterFeature, [tag], sourceLine, sourceFile) { }
    public AfterFeatureAttribute(string tag1, string tag2, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterFeature, [tag1, tag2], sourceLine, sourceFile) { }
    public AfterFeatureAttribute(string tag1, string tag2, string tag3, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterFeature, [tag1, tag2, tag3], sourceLine, sourceFile) { }
    public AfterFeatureAttribute(params string[] tags) : base(HookType.AfterFeature, tags, 0, "") { }
}

/// <summary>Runs before each scenario whose tags match.</summary>
public class BeforeScenarioAttribute : HookAttribute
{
    public BeforeScenarioAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeScenario, null, sourceLine, sourceFile) { }
    public BeforeScenarioAttribute(string tag, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeScenario, [tag], sourceLine, sourceFile) { }
    public BeforeScenarioAttribute(string tag1, string tag2, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeScenario, [tag1, tag2], sourceLine, sourceFile) { }
    public BeforeScenarioAttribute(string tag1, string tag2, string tag3, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeScenario, [tag1, tag2, tag3], sourceLine, sourceFile) { }
    public BeforeScenarioAttribute(params string[] tags) : base(HookType.BeforeScenario, tags, 0, "") { }
}

/// <summary>Runs after each scenario whose tags match, also when the scenario failed.</summary>
public class AfterScenarioAttribute : HookAttribute
{
    public AfterScenarioAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterScenario, null, sourceLine, sourceFile) { }
    public AfterScenarioAttribute(string tag, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterScenario, [tag], sourceLine, sourceFile) { }
    public AfterScenarioAttribute(string tag1, string tag2, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterScenario, [tag1, tag2], sourceLine, sourceFile) { }
    public AfterScenarioAttribute(string tag1, string tag2, string tag3, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterScenario, [tag1, tag2, tag3], sourceLine, sourceFile) { }
    public AfterScenarioAttribute(params string[] tags) : base(HookType.AfterScenario, tags, 0, "") { }
}

/// <summary>Alias of <see cref="BeforeScenarioAttribute"/>.</summary>
public class BeforeAttribute : BeforeScenarioAttribute
{
    public BeforeAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(sourceLine, sourceFile) { }
    public BeforeAttribute(string tag, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(tag, sourceLine, sourceFile) { }
    public BeforeAttribute(string tag1, string tag2, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(tag1, tag2, sourceLine, sourceFile) { }
    public BeforeAttribute(string tag1, string tag2, string tag3, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(tag1, tag2, tag3, sourceLine, sourceFile) { }
    public BeforeAttribute(params string[] tags) : base(tags) { }
}

/// <summary>Alias of <see cref="AfterScenarioAttribute"/>.</summary>
public class AfterAttribute : AfterScenarioAttribute
{
    public AfterAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(sourceLine, sourceFile) { }
    public AfterAttribute(string tag, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(tag, sourceLine, sourceFile) { }
    public AfterAttribute(string tag1, string tag2, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(tag1, tag2, sourceLine, sourceFile) { }
    public AfterAttribute(string tag1, string tag2, string tag3, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(tag1, tag2, tag3, sourceLine, sourceFile) { }
    public AfterAttribute(params string[] tags) : base(tags) { }
}

/// <summary>Runs before each step of the scenarios whose tags match.</summary>
public class BeforeStepAttribute : HookAttribute
{
    public BeforeStepAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeStep, null, sourceLine, sourceFile) { }
    public BeforeStepAttribute(string tag, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeStep, [tag], sourceLine, sourceFile) { }
    public BeforeStepAttribute(string tag1, string tag2, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeStep, [tag1, tag2], sourceLine, sourceFile) { }
    public BeforeStepAttribute(string tag1, string tag2, string tag3, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.BeforeStep, [tag1, tag2, tag3], sourceLine, sourceFile) { }
    public BeforeStepAttribute(params string[] tags) : base(HookType.BeforeStep, tags, 0, "") { }
}

/// <summary>Runs after each step of the scenarios whose tags match, also when the step failed.</summary>
public class AfterStepAttribute : HookAttribute
{
    public AfterStepAttribute([CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterStep, null, sourceLine, sourceFile) { }
    public AfterStepAttribute(string tag, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterStep, [tag], sourceLine, sourceFile) { }
    public AfterStepAttribute(string tag1, string tag2, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterStep, [tag1, tag2], sourceLine, sourceFile) { }
    public AfterStepAttribute(string tag1, string tag2, string tag3, [CallerLineNumber] int sourceLine = 0, [CallerFilePath] string sourceFile = "") : base(HookType.AfterStep, [tag1, tag2, tag3], sourceLine, sourceFile) { }
    public AfterStepAttribute(params string[] tags) : base(HookType.AfterStep, tags, 0, "") { }
}
