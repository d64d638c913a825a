using System.Collections.Generic;

namespace Kubernaut.Bdd.Messages
{
    public enum StepDefinitionPatternType
    {
        CUCUMBER_EXPRESSION,
        REGULAR_EXPRESSION,
    }

    public sealed class StepDefinition
    {
        public string Id { get; set; } = "";
        public StepDefinitionPattern Pattern { get; set; } = new StepDefinitionPattern();
        public SourceReference SourceReference { get; set; } = new SourceReference();
    }

    public sealed class StepDefinitionPattern
    {
        public string Source { get; set; } = "";
        public StepDefinitionPatternType Type { get; set; }
    }

    public enum HookType
    {
        BEFORE_TEST_RUN,
        AFTER_TEST_RUN,
        BEFORE_TEST_CASE,
        AFTER_TEST_CASE,
        BEFORE_TEST_STEP,
        AFTER_TEST_STEP,
    }

    public sealed class Hook
    {
        public string Id { get; set; } = "";
        public string? Name { get; set; }
        public SourceReference SourceReference { get; set; } = new SourceReference();
        public string? TagExpression { get; set; }
        public HookType? Type { get; set; }
    }

    public sealed class ParameterType
    {
        public string Name { get; set; } = "";
        public List<string> RegularExpressions { get; set; } = new List<string>();
        public bool PreferForRegularExpressionMatch { get; set; }
        public bool UseForSnippets { get; set; }
        public string Id { get; set; } = "";
        public SourceReference? SourceReference { get; set; }
    }

    public sealed class UndefinedParameterType
    {
        public string Expression { get; set; } = "";
        public string Name { get; set; } = "";
    }

    public sealed class Suggestion
    {
        public string Id { get; set; } = "";
        public string PickleStepId { get; set; } = "";
        public List<Snippet> Snippets { get; set; } = new List<Snippet>();
    }

    public sealed class Snippet
    {
        public string Language { get; set; } = "";
        public string Code { get; set; } = "";
    }

    public sealed class TestRunStarted
    {
        public Timestamp Timestamp { get; set; } = new Timestamp();
        public string? Id { get; set; }
    }

    public sealed class TestRunFinished
    {
        public string? Message { get; set; }
        public bool Success { get; set; }
        public Timestamp Timestamp { get; set; } = new Timestamp();
        public ExceptionInfo? Exception { get; set; }
        public string? TestRunStartedId { get; set; }
    }

    public sealed class TestCase
    {
        public string Id { get; set; } = "";
        public string PickleId { get; set; } = "";
        public List<TestStep> TestSteps { get; set; } = new List<TestStep>();
        public string? TestRunStartedId { get; set; }
    }

    /// <summary>Either a hook step (HookId set) or a pickle step (PickleStepId, StepDefinitionIds and StepMatchArgumentsLists set).</summary>
    public sealed class TestStep
    {
        public string? HookId { get; set; }
        public string Id { get; set; } = "";
        public string? PickleStepId { get; set; }
        public List<string>? StepDefinitionIds { get; set; }
        public List<StepMatchArgumentsList>? StepMatchArgumentsLists { get; set; }
    }

    public sealed class StepMatchArgumentsList
    {
        public List<StepMatchArgument> StepMatchArguments { get; set; } = new List<StepMatchArgument>();
    }

    public sealed class StepMatchArgument
    {
        public Group Group { get; set; } = new Group();
        public string? ParameterTypeName { get; set; }
    }

    public sealed class Group
    {
        public List<Group>? Children { get; set; }
        public int? Start { get; set; }
        public string? Value { get; set; }
    }

    public sealed class TestCaseStarted
    {
        public int Attempt { get; set; }
        public string Id { get; set; } = "";
        public string TestCaseId { get; set; } = "";
        public string? WorkerId { get; set; }
        public Timestamp Timestamp { get; set; } = new Timestamp();
    }

    public sealed class TestCaseFinished
    {
        public string TestCaseStartedId { get; set; } = "";
        public Timestamp Timestamp { get; set; } = new Timestamp();
        public bool WillBeRetried { get; set; }
    }

    public sealed class TestStepStarted
    {
        public string TestCaseStartedId { get; set; } = "";
        public string TestStepId { get; set; } = "";
        public Timestamp Timestamp { get; set; } = new Timestamp();
    }

    public enum TestStepResultStatus
    {
        UNKNOWN,
        PASSED,
        SKIPPED,
        PENDING,
        UNDEFINED,
        AMBIGUOUS,
        FAILED,
    }

    public sealed class TestStepResult
    {
        public Duration Duration { get; set; } = new Duration();
        public string? Message { get; set; }
        public TestStepResultStatus Status { get; set; }
        public ExceptionInfo? Exception { get; set; }
    }

    /// <remarks>The result's default is created when first read: the runtime sets the result of every step, and a default made only to be replaced is garbage for every step of a run.</remarks>
    public sealed class TestStepFinished
    {
        private TestStepResult? _testStepResult;
        public string TestCaseStartedId { get; set; } = "";
        public string TestStepId { get; set; } = "";
        public TestStepResult TestStepResult { get => _testStepResult ?? (_testStepResult = new TestStepResult()); set => _testStepResult = value; }
        public Timestamp Timestamp { get; set; } = new Timestamp();
    }

    public sealed class TestRunHookStarted
    {
        public string Id { get; set; } = "";
        public string TestRunStartedId { get; set; } = "";
        public string HookId { get; set; } = "";
        public string? WorkerId { get; set; }
        public Timestamp Timestamp { get; set; } = new Timestamp();
    }

    public sealed class TestRunHookFinished
    {
        public string TestRunHookStartedId { get; set; } = "";
        public TestStepResult Result { get; set; } = new TestStepResult();
        public Timestamp Timestamp { get; set; } = new Timestamp();
    }

    public enum AttachmentContentEncoding
    {
        IDENTITY,
        BASE64,
    }

    public sealed class Attachment
    {
        public string Body { get; set; } = "";
        public AttachmentContentEncoding ContentEncoding { get; set; }
        public string? FileName { get; set; }
        public string MediaType { get; set; } = "";
        public Source? Source { get; set; }
        public string? TestCaseStartedId { get; set; }
        public string? TestStepId { get; set; }
        public string? Url { get; set; }
        public string? TestRunStartedId { get; set; }
        public string? TestRunHookStartedId { get; set; }
        public Timestamp? Timestamp { get; set; }
    }

    public sealed class ExternalAttachment
    {
        public string Url { get; set; } = "";
        public string MediaType { get; set; } = "";
        public string? TestCaseStartedId { get; set; }
        public string? TestStepId { get; set; }
        public string? TestRunHookStartedId { get; set; }
        public Timestamp? Timestamp { get; set; }
    }
}
