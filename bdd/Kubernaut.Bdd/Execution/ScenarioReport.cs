using System.Text;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Execution;

/// <summary>
/// The text a failed (or skipped) scenario reports: the step that went wrong and why first, then further
/// problems, the scenario's steps with their statuses, and the snippets for undefined steps.
/// </summary>
internal static class ScenarioReport
{
    public static string Build(TestCasePlan plan, IReadOnlyList<StepOutcome> steps, IReadOnlyList<string> problems, IReadOnlyList<string> methodSnippets)
    {
        var text = new StringBuilder();
        var nl = Environment.NewLine;
        text.Append(problems.Count > 0 ? problems[0] : "The scenario did not pass.");
        foreach (var problem in problems.Skip(1))
        {
            text.Append(nl).Append("Also: ").Append(problem);
        }
        var pickle = plan.Pickle;
        text.Append(nl).Append(nl).Append($"Scenario: {pickle.Name} ({plan.Feature.Model.Uri}:{pickle.Location?.Line})");
        foreach (var step in steps.Where(s => !s.IsHook || s.Status is not (TestStepResultStatus.PASSED or TestStepResultStatus.SKIPPED)))
        {
            text.Append(nl).Append("  ").Append(StatusWord(step.Status).PadRight(10)).Append(step.Text);
        }
        if (methodSnippets.Count > 0)
        {
            text.Append(nl).Append(nl)
                .Append("Add the missing step definitions to a [Binding] class (the snippets mark them pending until implemented):")
                .Append(nl).Append(nl)
                .Append(SnippetGenerator.ClassSnippet(methodSnippets));
        }
        return text.ToString();
    }

    private static string StatusWord(TestStepResultStatus status) => status.ToString().ToLowerInvariant();
}
