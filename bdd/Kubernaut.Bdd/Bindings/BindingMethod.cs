using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Kubernaut.Bdd.Bindings;

/// <summary>A binding method (step definition, hook or transformation) with its source location and a cached invoker.</summary>
public sealed class BindingMethod
{
    private static readonly MethodInfo ValueTaskAsTask = typeof(BindingMethod).GetMethod(nameof(AsTask), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly MethodInvoker _invoker;
    private readonly Func<object, Task>? _unwrapValueTaskOfT;

    internal BindingMethod(MethodInfo method, string sourceFile, int sourceLine, string sourceUri)
    {
        Method = method;
        SourceFile = sourceFile.Length == 0 ? null : sourceFile;
        SourceLine = sourceLine;
        SourceUri = sourceUri;
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        ParameterNames = method.GetParameters().Select(p => p.Name ?? "arg").ToArray();
        _invoker = MethodInvoker.Create(method);
        var returnType = method.ReturnType;
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = ValueTaskAsTask.MakeGenericMethod(returnType.GetGenericArguments()[0]);
            _unwrapValueTaskOfT = boxed => (Task)asTask.Invoke(null, [boxed])!;
        }
    }

    public MethodInfo Method { get; }

    public Type DeclaringType => Method.DeclaringType!;

    public bool IsStatic => Method.IsStatic;

    public Type[] ParameterTypes { get; }

    public string[] ParameterNames { get; }

    /// <summary>The absolute source file as the compiler saw it; null when unknown.</summary>
    public string? SourceFile { get; }

    /// <summary>1-based line of the binding attribute; 0 when unknown.</summary>
    public int SourceLine { get; }

    /// <summary>The source file relative to the run's source root (for messages), or the absolute path when outside it.</summary>
    public string SourceUri { get; }

    /// <summary>"Type.Method(Int32, DataTable)".</summary>
    public string Signature => $"{DeclaringType.Name}.{Method.Name}({string.Join(", ", ParameterTypes.Select(t => t.Name))})";

    /// <summary>"Steps/AuditSteps.cs:42", or a note when the location is unknown.</summary>
    public string Location => SourceFile is null ? "(source location unknown)" : $"{SourceUri}:{SourceLine}";

    /// <summary>True for <c>async void</c>, which cannot be awaited and therefore cannot report failures.</summary>
    internal bool IsAsyncVoid => Method.ReturnType == typeof(void) && Method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null;

    /// <summary>Invokes the method and awaits it when it returns a task; the method's own exception propagates unwrapped.</summary>
    public async ValueTask InvokeAsync(object? target, object?[] arguments)
    {
        switch (InvokeRaw(target, arguments))
        {
            case Task task:
                await task.ConfigureAwait(false);
                break;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                break;
            case { } boxed when _unwrapValueTaskOfT is not null:
                await _unwrapValueTaskOfT(boxed).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Like <see cref="InvokeAsync"/>, returning the method's (awaited) result.</summary>
    public async ValueTask<object?> InvokeForResultAsync(object? target, object?[] arguments)
    {
        var result = InvokeRaw(target, arguments);
        if (result is { } boxed && _unwrapValueTaskOfT is not null)
        {
            result = _unwrapValueTaskOfT(boxed);
        }
        if (result is Task task)
        {
            await task.ConfigureAwait(false);
            var taskType = task.GetType();
            return taskType.IsGenericType && Method.ReturnType != typeof(Task) ? taskType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }
        return result;
    }

    private object? InvokeRaw(object? target, object?[] arguments)
    {
        try
        {
            return _invoker.Invoke(target, arguments.AsSpan());
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    public override string ToString() => Signature;

    private static Task<T> AsTask<T>(ValueTask<T> valueTask) => valueTask.AsTask();
}
