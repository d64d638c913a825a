using System.Diagnostics;
using System.Reflection;

namespace Kubernaut.Bdd.Execution;

/// <summary>Presents exceptions from user code: the user's stack frames only, and the type only when it tells something.</summary>
public static class ExceptionText
{
    /// <summary>The token xUnit v3 recognises at the start of an exception message as "skip this test" (Assert.Skip).</summary>
    public const string DynamicSkipToken = "$XunitDynamicSkip$";

    private static readonly Assembly RuntimeAssembly = typeof(ExceptionText).Assembly;

    /// <summary>The stack frames that belong to the user's code (not this runtime, .NET, xUnit or assertion libraries), innermost first.</summary>
    public static string UserStackTrace(Exception exception)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        var user = frames.Where(f => f.GetMethod() is { } method && IsUserCode(method)).ToArray();
        if (user.Length == 0)
        {
            return exception.StackTrace ?? "";
        }
        return new StackTrace(user).ToString().TrimEnd();
    }

    /// <summary>
    /// The protocol's stack trace: "Type: message", then the user's frames, as .NET prints an exception and as
    /// Cucumber's stack traces start. Reports (the HTML formatter) show it in place of the message, so it must hold the message.
    /// </summary>
    public static string StackTraceOf(Exception exception)
    {
        var header = $"{exception.GetType().FullName}: {MessageOf(exception)}";
        var frames = UserStackTrace(exception);
        return frames.Length == 0 ? header : header + Environment.NewLine + frames;
    }

    /// <summary>"message" for assertion failures, "Type: message" otherwise (an InvalidOperationException says more than its message).</summary>
    public static string Describe(Exception exception)
    {
        var message = MessageOf(exception);
        return IsAssertion(exception) ? message : $"{exception.GetType().Name}: {message}";
    }

    /// <summary>The message without xUnit's skip token.</summary>
    public static string MessageOf(Exception exception) =>
        IsSkip(exception) ? exception.Message[DynamicSkipToken.Length..] : exception.Message;

    /// <summary>True for xUnit's Assert.Skip and any exception carrying its token.</summary>
    public static bool IsSkip(Exception exception) => exception.Message.StartsWith(DynamicSkipToken, StringComparison.Ordinal);

    private static bool IsAssertion(Exception exception)
    {
        var type = exception.GetType();
        var ns = type.Namespace ?? "";
        return ns.StartsWith("Xunit", StringComparison.Ordinal) || ns.StartsWith("FluentAssertions", StringComparison.Ordinal)
            || ns.StartsWith("NUnit", StringComparison.Ordinal) || type.Name.Contains("Assert", StringComparison.Ordinal);
    }

    private static bool IsUserCode(MethodBase method)
    {
        var assembly = method.DeclaringType?.Assembly;
        if (assembly is null || assembly == RuntimeAssembly)
        {
            return false;
        }
        var name = assembly.GetName().Name ?? "";
        return !(name.StartsWith("System.", StringComparison.Ordinal) || name == "System" || name == "mscorlib" || name == "netstandard"
            || name.StartsWith("Microsoft.", StringComparison.Ordinal) || name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("FluentAssertions", StringComparison.Ordinal));
    }
}
