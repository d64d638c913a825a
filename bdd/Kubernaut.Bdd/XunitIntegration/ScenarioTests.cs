using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Kubernaut.Bdd.XunitIntegration;

/// <summary>
/// The attribute of a generated scenario test: an xUnit fact (display name, skip, explicit, timeout and traits as for
/// <see cref="FactAttribute"/>) whose test output is kept whole for the test's result, as <see cref="ScenarioOutputHelper"/> describes.
/// </summary>
[XunitTestCaseDiscoverer(typeof(ScenarioDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ScenarioAttribute : FactAttribute;

/// <summary>Discovers a <see cref="ScenarioAttribute"/> method as one <see cref="ScenarioTestCase"/>, as xUnit's fact discoverer would discover a fact.</summary>
public sealed class ScenarioDiscoverer : FactDiscoverer
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        var details = TestIntrospectionHelper.GetTestCaseDetails(discoveryOptions, testMethod, factAttribute, label: null);
        var traits = testMethod.Traits.ToDictionary(t => t.Key, t => new HashSet<string>(t.Value, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        return new ScenarioTestCase(details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, details.Explicit, details.SkipExceptions,
            details.SkipReason, details.SkipType, details.SkipUnless, details.SkipWhen, traits, details.SourceFilePath, details.SourceLineNumber, details.Timeout);
    }
}

/// <summary>An xUnit test case that runs like a fact, except that its test gets a <see cref="ScenarioOutputHelper"/>.</summary>
public sealed class ScenarioTestCase : XunitTestCase, ISelfExecutingXunitTestCase
{
    /// <summary>For xUnit's deserializer (Test Explorer hands test cases back this way).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ScenarioTestCase()
    {
    }

    public ScenarioTestCase(IXunitTestMethod testMethod, string testCaseDisplayName, string uniqueID, bool @explicit, Type[]? skipExceptions, string? skipReason,
        Type? skipType, string? skipUnless, string? skipWhen, Dictionary<string, HashSet<string>> traits, string? sourceFilePath, int? sourceLineNumber, int? timeout)
        : base(testMethod, testCaseDisplayName, uniqueID, @explicit, skipExceptions, skipReason, skipType, skipUnless, skipWhen, traits, null, sourceFilePath, sourceLineNumber, timeout)
    {
    }

    /// <summary>What xUnit does for a fact (<c>XunitRunnerHelper.RunXunitTestCase</c>), with <see cref="ScenarioTestCaseRunner"/>.</summary>
    public async ValueTask<RunSummary> Run(ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments, ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        var tests = await aggregator.RunAsync(CreateTests, []).ConfigureAwait(false);
        if (aggregator.ToException() is { } exception)
        {
            return XunitRunnerHelper.FailTestCases(messageBus, cancellationTokenSource, [this], exception, sendTestCaseMessages: false);
        }
        return await ScenarioTestCaseRunner.Instance.Run(this, tests, messageBus, aggregator, cancellationTokenSource, TestCaseDisplayName, SkipReason, explicitOption,
            constructorArguments).ConfigureAwait(false);
    }
}

/// <summary>xUnit's test case runner, running each test with <see cref="ScenarioTestRunner"/>.</summary>
internal sealed class ScenarioTestCaseRunner : XunitTestCaseRunner
{
    public static new ScenarioTestCaseRunner Instance { get; } = new();

    protected override ValueTask<RunSummary> RunTest(XunitTestCaseRunnerContext ctxt, IXunitTest test) =>
        ScenarioTestRunner.Instance.Run(test, ctxt.MessageBus, ctxt.ConstructorArguments, ctxt.ExplicitOption, ctxt.Aggregator.Clone(), ctxt.CancellationTokenSource,
            ctxt.BeforeAfterTestAttributes);
}

/// <summary>
/// Implemented by every generated feature class: runs one of its scenario test methods, named as xUnit knows it,
/// without reflection.
/// </summary>
public interface IGeneratedScenarios
{
    /// <returns>The scenario's run, or null when the class has no scenario test method of that name.</returns>
    Task? RunTestMethod(string testMethodName);
}

/// <summary>
/// xUnit's test runner, giving the test a <see cref="ScenarioOutputHelper"/> instead of xUnit's <see cref="TestOutputHelper"/>,
/// and calling a generated scenario method directly (<see cref="IGeneratedScenarios"/>): xUnit invokes a test method
/// through reflection, which for a method returning a task cost about as much as the rest of a passing scenario.
/// </summary>
internal sealed class ScenarioTestRunner : XunitTestRunner
{
    public static new ScenarioTestRunner Instance { get; } = new();

    protected override object? InvokeTestMethod(XunitTestRunnerContext ctxt, object? testClassInstance) =>
        testClassInstance is IGeneratedScenarios scenarios && ctxt.TestMethodArguments is not { Length: > 0 } && scenarios.RunTestMethod(ctxt.TestMethod.Name) is { } run
            ? run
            : base.InvokeTestMethod(ctxt, testClassInstance);

    protected override void SetTestContext(XunitTestRunnerContext ctxt, TestEngineStatus testStatus, TestResultState? testState = null, object? testClassInstance = null)
    {
        var output = testStatus == TestEngineStatus.Initializing ? new ScenarioOutputHelper() : TestContext.Current.TestOutputHelper;
        TestContext.SetForTest(ctxt.Test, testStatus, ctxt.CancellationTokenSource.Token, testState, output, testClassInstance);
    }
}

/// <summary>
/// The test output of a scenario test. Like xUnit's <see cref="TestOutputHelper"/> it keeps what is written, with
/// the characters xUnit escapes escaped the same way, and xUnit reports it with the test's result (the output shown by
/// <c>dotnet test</c>, Test Explorer and the XML/TRX reports). Unlike it, it does not also send every line as a live
/// message: a scenario writes its trace once, when it ends (ten lines for five steps), and a message per line cost
/// more than the rest of the scenario (see bdd/README.md, "Benchmark"). xUnit's <c>showLiveOutput</c> therefore shows
/// nothing for scenarios.
/// </summary>
public sealed class ScenarioOutputHelper : ITestOutputHelper
{
    private readonly object _gate = new();

    // A scenario writes once: its text is kept as written (no copy until Output is read); later writes go to a builder.
    private string? _firstWrite;
    private bool _firstWriteEndsLine;
    private StringBuilder? _laterWrites;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                var first = _firstWriteEndsLine ? _firstWrite + Environment.NewLine : _firstWrite ?? "";
                return _laterWrites is null ? first : first + _laterWrites;
            }
        }
    }

    public void Write(string message) => Append(message ?? throw new ArgumentNullException(nameof(message)), endsLine: false);

    public void Write(string format, params object[] args) => Append(string.Format(CultureInfo.CurrentCulture, format, args), endsLine: false);

    public void WriteLine(string message) => Append(message ?? throw new ArgumentNullException(nameof(message)), endsLine: true);

    public void WriteLine(string format, params object[] args) => Append(string.Format(CultureInfo.CurrentCulture, format, args), endsLine: true);

    private void Append(string text, bool endsLine)
    {
        lock (_gate)
        {
            if (_firstWrite is null)
            {
                _firstWrite = Escape(text);
                _firstWriteEndsLine = endsLine;
                return;
            }
            _laterWrites ??= new StringBuilder();
            _laterWrites.Append(Escape(text));
            if (endsLine)
            {
                _laterWrites.AppendLine();
            }
        }
    }

    /// <summary>
    /// The text with the escapes of xUnit's output helper, which keep the output valid in XML and JSON: NUL as
    /// <c>\0</c>, other control characters that are not white space as <c>\xNN</c>, unpaired surrogates and the
    /// non-characters U+FFFE and U+FFFF as <c>\xNNNN</c>, and an escape character as <c>\x1b</c> unless it starts an
    /// ANSI colour code (<c>ESC[1;31m</c>). The same instance when nothing needs escaping.
    /// </summary>
    internal static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(MayNeedEscaping);
        if (first < 0)
        {
            return text;
        }
        var output = new StringBuilder(text.Length + 16);
        var clean = 0;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            string? escaped;
            var width = 1;
            if (c == '\0')
            {
                escaped = "\\0";
            }
            else if (c == '\u001b')
            {
                escaped = IsAnsiColourCode(text.AsSpan(i)) ? null : "\\x1b";
            }
            else if (c < ' ' && !char.IsWhiteSpace(c))
            {
                escaped = $"\\x{(int)c:x2}";
            }
            else if (char.IsSurrogatePair(text, i))
            {
                escaped = null;
                width = 2;
            }
            else if (char.IsSurrogate(c) || c is '\ufffe' or '\uffff')
            {
                escaped = $"\\x{(int)c:x4}";
            }
            else
            {
                escaped = null;
            }
            if (escaped is not null)
            {
                output.Append(text, clean, i - clean).Append(escaped);
                clean = i + 1;
            }
            i += width - 1;
        }
        return output.Append(text, clean, text.Length - clean).ToString();
    }

    /// <summary>Control characters other than tab, line feed, vertical tab, form feed and carriage return; surrogates; U+FFFE and U+FFFF.</summary>
    private static readonly SearchValues<char> MayNeedEscaping = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Where(c => c is < 0x09 or > 0x0d).Concat(Enumerable.Range(0xd800, 0x800)).Append(0xfffe).Append(0xffff).Select(c => (char)c)));

    /// <summary>ESC '[' then digits and semicolons, then 'm'.</summary>
    private static bool IsAnsiColourCode(ReadOnlySpan<char> text)
    {
        if (text.Length < 3 || text[1] != '[')
        {
            return false;
        }
        for (var i = 2; i < text.Length; i++)
        {
            if (text[i] == 'm')
            {
                return true;
            }
            if (!char.IsAsciiDigit(text[i]) && text[i] != ';')
            {
                return false;
            }
        }
        return false;
    }
}
