using Kubernaut.Bdd.Execution;

// xUnit prints "<exception type> : <message>" for failures, except for exceptions in the Xunit.Sdk namespace (its
// own assertion exceptions), which it prints as the bare message. This exception lives there so that a failed
// scenario's message starts with the failing step itself.
namespace Xunit.Sdk;

/// <summary>
/// A scenario that did not pass. The message is the scenario's report; the stack trace holds only the user's frames
/// of the step or hook that threw (the exception itself is kept in <see cref="Cause"/>, not as inner exception,
/// so xUnit does not print its untrimmed stack again).
/// </summary>
public sealed class BddScenarioException : Exception, Kubernaut.Bdd.XunitIntegration.IAssertionException
{
    private readonly string _userStackTrace;

    internal BddScenarioException(string report, Exception? cause) : base(report)
    {
        Cause = cause;
        _userStackTrace = cause is null ? "" : ExceptionText.UserStackTrace(cause);
    }

    /// <summary>The exception a step or hook threw, if any.</summary>
    public Exception? Cause { get; }

    public override string StackTrace => _userStackTrace;
}

