namespace Reqnroll;

/// <summary>Base of the runtime's exceptions.</summary>
public class ReqnrollException : Exception
{
    public ReqnrollException() { }
    public ReqnrollException(string message) : base(message) { }
    public ReqnrollException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Thrown by a step definition that is not implemented yet: the step is reported as pending.</summary>
public class PendingStepException : ReqnrollException
{
    internal const string DefaultMessage = "One or more step definitions are not implemented yet.";

    public PendingStepException() : base(DefaultMessage) { }
    public PendingStepException(string message) : base(message) { }
}

/// <summary>A binding is unusable (e.g. a step definition whose parameters do not fit its expression).</summary>
public class BindingException : ReqnrollException
{
    public BindingException(string message) : base(message) { }
    public BindingException(string message, Exception inner) : base(message, inner) { }
}
