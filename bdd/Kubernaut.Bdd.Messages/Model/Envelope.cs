namespace Kubernaut.Bdd.Messages
{
    /// <summary>One line of a Cucumber Messages NDJSON stream: exactly one property is set (setting another replaces it).</summary>
    public sealed class Envelope
    {
        // The one message an envelope holds; the properties below are views of it, so an envelope costs one field, not one per kind.
        private object? _message;

        public Attachment? Attachment { get => _message as Attachment; set => Set(value); }
        public ExternalAttachment? ExternalAttachment { get => _message as ExternalAttachment; set => Set(value); }
        public GherkinDocument? GherkinDocument { get => _message as GherkinDocument; set => Set(value); }
        public Hook? Hook { get => _message as Hook; set => Set(value); }
        public Meta? Meta { get => _message as Meta; set => Set(value); }
        public ParameterType? ParameterType { get => _message as ParameterType; set => Set(value); }
        public ParseError? ParseError { get => _message as ParseError; set => Set(value); }
        public Pickle? Pickle { get => _message as Pickle; set => Set(value); }
        public Suggestion? Suggestion { get => _message as Suggestion; set => Set(value); }
        public Source? Source { get => _message as Source; set => Set(value); }
        public StepDefinition? StepDefinition { get => _message as StepDefinition; set => Set(value); }
        public TestCase? TestCase { get => _message as TestCase; set => Set(value); }
        public TestCaseFinished? TestCaseFinished { get => _message as TestCaseFinished; set => Set(value); }
        public TestCaseStarted? TestCaseStarted { get => _message as TestCaseStarted; set => Set(value); }
        public TestRunFinished? TestRunFinished { get => _message as TestRunFinished; set => Set(value); }
        public TestRunStarted? TestRunStarted { get => _message as TestRunStarted; set => Set(value); }
        public TestStepFinished? TestStepFinished { get => _message as TestStepFinished; set => Set(value); }
        public TestStepStarted? TestStepStarted { get => _message as TestStepStarted; set => Set(value); }
        public TestRunHookStarted? TestRunHookStarted { get => _message as TestRunHookStarted; set => Set(value); }
        public TestRunHookFinished? TestRunHookFinished { get => _message as TestRunHookFinished; set => Set(value); }
        public UndefinedParameterType? UndefinedParameterType { get => _message as UndefinedParameterType; set => Set(value); }

        /// <summary>Holds the value; null clears the envelope only if it held a message of that kind.</summary>
        private void Set<T>(T? value) where T : class => _message = value ?? (_message is T ? null : _message);

        public static Envelope Of(Attachment value) => new Envelope { Attachment = value };
        public static Envelope Of(ExternalAttachment value) => new Envelope { ExternalAttachment = value };
        public static Envelope Of(GherkinDocument value) => new Envelope { GherkinDocument = value };
        public static Envelope Of(Hook value) => new Envelope { Hook = value };
        public static Envelope Of(Meta value) => new Envelope { Meta = value };
        public static Envelope Of(ParameterType value) => new Envelope { ParameterType = value };
        public static Envelope Of(ParseError value) => new Envelope { ParseError = value };
        public static Envelope Of(Pickle value) => new Envelope { Pickle = value };
        public static Envelope Of(Suggestion value) => new Envelope { Suggestion = value };
        public static Envelope Of(Source value) => new Envelope { Source = value };
        public static Envelope Of(StepDefinition value) => new Envelope { StepDefinition = value };
        public static Envelope Of(TestCase value) => new Envelope { TestCase = value };
        public static Envelope Of(TestCaseFinished value) => new Envelope { TestCaseFinished = value };
        public static Envelope Of(TestCaseStarted value) => new Envelope { TestCaseStarted = value };
        public static Envelope Of(TestRunFinished value) => new Envelope { TestRunFinished = value };
        public static Envelope Of(TestRunStarted value) => new Envelope { TestRunStarted = value };
        public static Envelope Of(TestStepFinished value) => new Envelope { TestStepFinished = value };
        public static Envelope Of(TestStepStarted value) => new Envelope { TestStepStarted = value };
        public static Envelope Of(TestRunHookStarted value) => new Envelope { TestRunHookStarted = value };
        public static Envelope Of(TestRunHookFinished value) => new Envelope { TestRunHookFinished = value };
        public static Envelope Of(UndefinedParameterType value) => new Envelope { UndefinedParameterType = value };
    }
}
