namespace Kubernaut.Bdd.Messages
{
    /// <summary>One line of a Cucumber Messages NDJSON stream: exactly one property is set.</summary>
    public sealed class Envelope
    {
        public Attachment? Attachment { get; set; }
        public ExternalAttachment? ExternalAttachment { get; set; }
        public GherkinDocument? GherkinDocument { get; set; }
        public Hook? Hook { get; set; }
        public Meta? Meta { get; set; }
        public ParameterType? ParameterType { get; set; }
        public ParseError? ParseError { get; set; }
        public Pickle? Pickle { get; set; }
        public Suggestion? Suggestion { get; set; }
        public Source? Source { get; set; }
        public StepDefinition? StepDefinition { get; set; }
        public TestCase? TestCase { get; set; }
        public TestCaseFinished? TestCaseFinished { get; set; }
        public TestCaseStarted? TestCaseStarted { get; set; }
        public TestRunFinished? TestRunFinished { get; set; }
        public TestRunStarted? TestRunStarted { get; set; }
        public TestStepFinished? TestStepFinished { get; set; }
        public TestStepStarted? TestStepStarted { get; set; }
        public TestRunHookStarted? TestRunHookStarted { get; set; }
        public TestRunHookFinished? TestRunHookFinished { get; set; }
        public UndefinedParameterType? UndefinedParameterType { get; set; }

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
