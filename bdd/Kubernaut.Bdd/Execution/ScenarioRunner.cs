using System.Globalization;
using System.Text;
using Kubernaut.Bdd.Bindings;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.MessageStream;
using Reqnroll;
using Reqnroll.BoDi;
using DataTable = Reqnroll.DataTable;

namespace Kubernaut.Bdd.Execution;

/// <summary>
/// Runs one test case with Cucumber's rules: once a step or hook is not passed, the following steps are skipped
/// (undefined and ambiguous steps are still reported as such), after-hooks always run, and the scenario's objects
/// are disposed at the end.
/// </summary>
internal sealed class ScenarioRunner(TestRunEngine engine, SnippetGenerator snippets)
{
    public async ValueTask<ScenarioOutcome> RunAsync(TestCasePlan plan, IOutputSink sink, CancellationToken cancellationToken)
    {
        var log = engine.Log;
        var clock = engine.Clock;
        var startedId = engine.Ids.NewId();
        log.Add(Envelope.Of(new TestCaseStarted { Id = startedId, TestCaseId = plan.TestCaseId, Attempt = 0, Timestamp = MessageTime.Timestamp(clock.GetUtcNow()) }));

        var container = new ObjectContainer("scenario", plan.Feature.Container);
        Func<Type, object> resolve = type => container.Resolve(type);
        var output = new OutputChannel(log, clock, engine.TestRunStartedId, sink, startedId);
        var context = new ScenarioContext(plan.Info, container);
        container.RegisterInstanceAs(context);
        container.RegisterInstanceAs(plan.Info);
        container.RegisterInstanceAs<IReqnrollOutputHelper>(output);

        var worst = TestStepResultStatus.PASSED;
        var outcomes = new List<StepOutcome>(plan.Steps.Count);
        List<string>? problems = null;
        List<string>? methodSnippets = null;
        Exception? primaryError = null;
        foreach (var step in plan.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.TestStepId = step.Id;
            log.Add(Envelope.Of(new TestStepStarted { TestCaseStartedId = startedId, TestStepId = step.Id, Timestamp = MessageTime.Timestamp(clock.GetUtcNow()) }));
            var skipping = worst != TestStepResultStatus.PASSED;
            StepResult result;
            if (step is PlannedHook hook)
            {
                result = engine.Configuration.DryRun || (skipping && hook.IsBefore) ? StepResult.Skipped : await engine.InvokeHookAsync(hook.Hook, container).ConfigureAwait(false);
            }
            else
            {
                var pickleStep = (PlannedPickleStep)step;
                output.Trace(pickleStep, static (line, written) => line.Append(written.Keyword).Append(written.Step.Text));
                result = await RunStepAsync(pickleStep, plan, context, container, resolve, output, skipping, skippedOnPurpose: worst == TestStepResultStatus.SKIPPED).ConfigureAwait(false);
                string? snippet = null;
                if (result.Status == TestStepResultStatus.UNDEFINED)
                {
                    var variants = snippets.MethodSnippets(pickleStep.Type ?? StepDefinitionType.Given, pickleStep.Step.Text, pickleStep.Step.Argument);
                    snippet = variants[0];
                    (methodSnippets ??= []).Add(snippet);
                    log.Add(Envelope.Of(new Suggestion
                    {
                        Id = engine.Ids.NewId(),
                        PickleStepId = pickleStep.Step.Id,
                        Snippets = variants.Select(variant => new Snippet { Language = SnippetGenerator.Language, Code = Unindent(variant) }).ToList(),
                    }));
                }
                TraceResult(output, result, snippet);
            }
            log.Add(Envelope.Of(new TestStepFinished
            {
                TestCaseStartedId = startedId,
                TestStepId = step.Id,
                TestStepResult = result.ToMessage(),
                Timestamp = MessageTime.Timestamp(clock.GetUtcNow()),
            }));
            var outcome = step.OutcomeOf(result);
            if (result.Problem is not null)
            {
                (problems ??= []).Add((step is PlannedHook failedHook ? failedHook.Hook.Describe() : outcome.Text) + " → " + result.Problem);
            }
            primaryError ??= result.Error;
            outcomes.Add(outcome);
            worst = (TestStepResultStatus)Math.Max((int)worst, (int)result.Status);
            context.ScenarioExecutionStatus = StatusOf(worst);
            context.TestError ??= result.Error;
        }
        output.TestStepId = null;

        try
        {
            await container.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            (problems ??= []).Add($"Cleaning up the scenario's objects failed: {ExceptionText.Describe(ex)}");
            primaryError ??= ex;
            worst = TestStepResultStatus.FAILED;
        }
        log.Add(Envelope.Of(new TestCaseFinished { TestCaseStartedId = startedId, WillBeRetried = false, Timestamp = MessageTime.Timestamp(clock.GetUtcNow()) }));

        var captured = output.Flush();
        var report = worst == TestStepResultStatus.PASSED ? null : ScenarioReport.Build(plan, outcomes, problems ?? [], methodSnippets ?? []);
        return new ScenarioOutcome(plan.Feature.Model.Uri, plan.Pickle, worst, outcomes, report, primaryError, captured);
    }

    /// <param name="skippedOnPurpose">A step or hook skipped the scenario: every later step is skipped, even an undefined or ambiguous one (Cucumber's rule).</param>
    private async ValueTask<StepResult> RunStepAsync(PlannedPickleStep step, TestCasePlan plan, ScenarioContext context, ObjectContainer container,
        Func<Type, object> resolve, OutputChannel output, bool skipping, bool skippedOnPurpose)
    {
        if (skippedOnPurpose)
        {
            return StepResult.Skipped;
        }
        switch (step.Match.Kind)
        {
            case StepMatchKind.Undefined:
                return new StepResult(TestStepResultStatus.UNDEFINED, TimeSpan.Zero, null,
                    "undefined: no step definition matches this step." + (step.Match.Hint is null ? "" : Environment.NewLine + Indent(step.Match.Hint)));
            case StepMatchKind.Ambiguous:
                return new StepResult(TestStepResultStatus.AMBIGUOUS, TimeSpan.Zero, null,
                    $"ambiguous: {step.Match.Candidates.Count} step definitions match this step:{Environment.NewLine}"
                    + Indent(string.Join(Environment.NewLine, step.Match.Candidates.Select(c => "- " + c.Definition.Describe())))
                    + $"{Environment.NewLine}    Make the expressions distinct, or restrict them with [Scope].");
        }
        if (skipping || engine.Configuration.DryRun)
        {
            return StepResult.Skipped;
        }

        var clock = engine.Clock;
        var started = clock.GetTimestamp();
        context.StartStep(step);
        StepResult? result = null;
        foreach (var hook in plan.BeforeStepHooks)
        {
            var hookResult = await engine.InvokeHookAsync(hook, container, where: hook.Describe()).ConfigureAwait(false);
            if (hookResult.Status != TestStepResultStatus.PASSED)
            {
                result = hookResult;
                break;
            }
        }
        if (result is null)
        {
            var candidate = step.Match.Bound;
            var method = candidate.Definition.Method;
            try
            {
                var arguments = await BuildArgumentsAsync(candidate, step, resolve).ConfigureAwait(false);
                var target = method.IsStatic ? null : container.Resolve(method.DeclaringType);
                await method.InvokeAsync(target, arguments).ConfigureAwait(false);
                result = new StepResult(TestStepResultStatus.PASSED, clock.GetElapsedTime(started), null, null);
                if (engine.Configuration.Trace.TraceSuccessfulSteps)
                {
                    output.Trace((Runner: this, Method: method, Arguments: arguments, Duration: clock.GetElapsedTime(started)),
                        static (line, done) => done.Runner.AppendDoneLine(line, done.Method, done.Arguments, done.Duration));
                }
            }
            catch (Exception ex)
            {
                result = TestRunEngine.Classify(ex, clock.GetElapsedTime(started), where: null);
            }
        }
        // The AfterStep hooks see how the step ended, as in Reqnroll.
        context.FinishStep(StatusOf(result.Value.Status));
        foreach (var hook in plan.AfterStepHooks)
        {
            var hookResult = await engine.InvokeHookAsync(hook, container, where: hook.Describe()).ConfigureAwait(false);
            if (hookResult.Status != TestStepResultStatus.PASSED && result.Value.Status == TestStepResultStatus.PASSED)
            {
                result = hookResult;
            }
        }
        context.FinishStep(StatusOf(result.Value.Status));
        return result.Value with { Duration = clock.GetElapsedTime(started) };
    }

    /// <summary>Expression arguments converted to the method's parameter types, then the table or doc string.</summary>
    private async ValueTask<object?[]> BuildArgumentsAsync(StepCandidate candidate, PlannedPickleStep step, Func<Type, object> resolve)
    {
        var method = candidate.Definition.Method;
        var converter = engine.Registry.Converter;
        object? extra = step.Table ?? (object?)step.Step.Argument?.DocString?.Content;
        var expected = candidate.Arguments.Count + (extra is null ? 0 : 1);
        if (method.ParameterTypes.Length != expected)
        {
            var supplied = $"{candidate.Arguments.Count} from the expression" + (extra switch { Table => " and a table", string => " and a doc string", _ => "" });
            throw new BindingException($"Parameter count mismatch: {method.Signature} at {method.Location} takes {method.ParameterTypes.Length} parameter(s), but the step supplies {expected} ({supplied}).");
        }
        var arguments = new object?[expected];
        for (var i = 0; i < candidate.Arguments.Count; i++)
        {
            var argument = candidate.Arguments[i];
            try
            {
                var raw = argument.ParameterType?.Kind switch
                {
                    ParameterValueKind.QuotedString => Unquote(argument.Group),
                    ParameterValueKind.Transformation => await converter.TransformAsync(argument.ParameterType.Transformation!, TransformationInputs(argument.Group), resolve).ConfigureAwait(false),
                    _ => argument.Text,
                };
                arguments[i] = await converter.ConvertAsync(raw, method.ParameterTypes[i], resolve).ConfigureAwait(false);
            }
            catch (ArgumentConversionException ex)
            {
                throw new ArgumentConversionException($"The argument '{argument.Text}' cannot be passed as parameter '{method.ParameterNames[i]}' of {method.Signature} at {method.Location}: {ex.Message}", ex);
            }
        }
        if (extra is not null)
        {
            arguments[^1] = await converter.ConvertAsync(extra, method.ParameterTypes[^1], resolve).ConfigureAwait(false);
        }
        return arguments;
    }

    private static string Unquote(Group group)
    {
        var children = group.Children ?? [];
        var inner = children.Select(c => c.Value).FirstOrDefault(v => v is not null) ?? "";
        return inner.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal);
    }

    private static List<object?> TransformationInputs(Group group) =>
        group.Children is { Count: > 0 } children ? children.Select(c => (object?)(c.Value ?? "")).ToList() : [group.Value ?? ""];

    /// <param name="snippet">For an undefined step: the snippet that defines it.</param>
    private void TraceResult(OutputChannel output, StepResult result, string? snippet)
    {
        switch (result.Status)
        {
            case TestStepResultStatus.FAILED:
                output.Trace($"-> error: {(result.Error is null ? result.Problem : ExceptionText.Describe(result.Error))}{Timing(result.Duration)}");
                break;
            case TestStepResultStatus.PENDING:
                output.Trace($"-> {result.Problem}");
                break;
            case TestStepResultStatus.SKIPPED:
                output.Trace(result.Problem is null ? "-> skipped because of previous errors" : $"-> {result.Problem}");
                break;
            case TestStepResultStatus.UNDEFINED:
                output.Trace("-> No matching step definition found for the step. Use the following code to create one:");
                output.Trace(Unindent(snippet!));
                break;
            case TestStepResultStatus.AMBIGUOUS:
                output.Trace($"-> {result.Problem}");
                break;
        }
    }

    private string Timing(TimeSpan duration)
    {
        var trace = engine.Configuration.Trace;
        return trace.TraceTimings && duration >= trace.MinTracedDuration ? $" ({duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s)" : "";
    }

    /// <summary>"-> done: Steps.Method("a", 3) (0.2s)", Reqnroll's trace line for a passed step, on one line.</summary>
    private void AppendDoneLine(StringBuilder line, BindingMethod method, object?[] arguments, TimeSpan duration)
    {
        line.Append("-> done: ").Append(method.DeclaringType.Name).Append('.').Append(method.Method.Name).Append('(');
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                line.Append(", ");
            }
            switch (arguments[i])
            {
                case null:
                    line.Append("null");
                    break;
                case string text:
                    line.Append('"').Append((text.Length > 40 ? text[..40] + "…" : text).ReplaceLineEndings(" ")).Append('"');
                    break;
                case Table table:
                    line.Append("<table ").Append(table.Header.Count).Append('x').Append(table.RowCount).Append('>');
                    break;
                case ISpanFormattable number when number.GetType().IsPrimitive && number is not char:
                    // Numbers have no line ends; formatting them in place spares a string per argument.
                    line.Append(CultureInfo.InvariantCulture, $"{number}");
                    break;
                case IFormattable formattable:
                    line.Append(formattable.ToString(null, CultureInfo.InvariantCulture).ReplaceLineEndings(" "));
                    break;
                default:
                    line.Append(arguments[i]!.ToString()?.ReplaceLineEndings(" "));
                    break;
            }
        }
        line.Append(')').Append(Timing(duration));
    }

    private static ScenarioExecutionStatus StatusOf(TestStepResultStatus status) => status switch
    {
        TestStepResultStatus.PASSED => ScenarioExecutionStatus.OK,
        TestStepResultStatus.PENDING => ScenarioExecutionStatus.StepDefinitionPending,
        TestStepResultStatus.UNDEFINED => ScenarioExecutionStatus.UndefinedStep,
        TestStepResultStatus.AMBIGUOUS => ScenarioExecutionStatus.BindingError,
        TestStepResultStatus.SKIPPED => ScenarioExecutionStatus.Skipped,
        _ => ScenarioExecutionStatus.TestError,
    };

    private static string Indent(string text) => string.Join(Environment.NewLine, text.Split(Environment.NewLine).Select(l => "    " + l));

    private static string Unindent(string snippet) => string.Join(Environment.NewLine, snippet.Split(Environment.NewLine).Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? l[4..] : l));
}
