using System.Collections.Concurrent;
using System.Reflection;

namespace Reqnroll.BoDi;

/// <summary>How often a type or factory registration creates its object.</summary>
public interface IStrategyRegistration
{
    /// <summary>A new object for every resolution.</summary>
    IStrategyRegistration InstancePerDependency();

    /// <summary>One object per container (the default).</summary>
    IStrategyRegistration InstancePerContext();
}

/// <summary>
/// Reqnroll's dependency container. There is one per test run, per feature and per scenario; a scenario's
/// container asks its feature's, which asks the test run's. A class that is not registered anywhere is created
/// by the container it is resolved from (once per container) with its constructor's dependencies.
/// </summary>
public interface IObjectContainer : IDisposable
{
    IStrategyRegistration RegisterTypeAs<TType, TInterface>(string? name = null) where TType : class, TInterface;

    IStrategyRegistration RegisterTypeAs(Type implementationType, Type interfaceType, string? name = null);

    void RegisterInstanceAs<TInterface>(TInterface instance, string? name = null, bool dispose = false) where TInterface : class;

    void RegisterInstanceAs(object instance, Type interfaceType, string? name = null, bool dispose = false);

    IStrategyRegistration RegisterFactoryAs<TInterface>(Func<IObjectContainer, TInterface> factoryDelegate, string? name = null);

    T Resolve<T>();

    T Resolve<T>(string name);

    object Resolve(Type typeToResolve, string? name = null);

    IEnumerable<T> ResolveAll<T>() where T : class;

    bool IsRegistered<T>(string? name = null);

    bool IsRegistered(Type type, string? name = null);
}

/// <summary>A dependency cannot be resolved; the message names the chain of types that led to it.</summary>
public class ObjectContainerException(string message, Exception? inner = null) : ReqnrollException(message, inner ?? new InvalidOperationException(message));

/// <inheritdoc cref="IObjectContainer"/>
public sealed class ObjectContainer : IObjectContainer, IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Type, ConstructorPlan> Plans = new();

    private readonly ObjectContainer? _parent;
    private readonly string _scope;
    private readonly Dictionary<(Type Type, string? Name), Registration> _registrations = [];
    private readonly Dictionary<(Type Type, string? Name), object> _singletons = [];
    private readonly List<object> _owned = [];
    private readonly object _gate = new();
    private bool _disposed;

    /// <param name="scope">What the container lives for ("test run", "feature", "scenario"), used in messages.</param>
    public ObjectContainer(string scope, ObjectContainer? parent = null)
    {
        _scope = scope;
        _parent = parent;
    }

    public IStrategyRegistration RegisterTypeAs<TType, TInterface>(string? name = null) where TType : class, TInterface =>
        RegisterTypeAs(typeof(TType), typeof(TInterface), name);

    public IStrategyRegistration RegisterTypeAs(Type implementationType, Type interfaceType, string? name = null)
    {
        if (!interfaceType.IsAssignableFrom(implementationType))
        {
            throw new ObjectContainerException($"Cannot register {implementationType.FullName} as {interfaceType.FullName}: it does not implement it.");
        }
        var registration = new TypeRegistration(implementationType);
        Register(interfaceType, name, registration);
        return registration;
    }

    public void RegisterInstanceAs<TInterface>(TInterface instance, string? name = null, bool dispose = false) where TInterface : class =>
        RegisterInstanceAs(instance, typeof(TInterface), name, dispose);

    public void RegisterInstanceAs(object instance, Type interfaceType, string? name = null, bool dispose = false)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Register(interfaceType, name, new InstanceRegistration(instance));
        if (dispose)
        {
            lock (_gate)
            {
                _owned.Add(instance);
            }
        }
    }

    public IStrategyRegistration RegisterFactoryAs<TInterface>(Func<IObjectContainer, TInterface> factoryDelegate, string? name = null)
    {
        var registration = new FactoryRegistration(c => factoryDelegate(c)!);
        Register(typeof(TInterface), name, registration);
        return registration;
    }

    public T Resolve<T>() => (T)Resolve(typeof(T));

    public T Resolve<T>(string name) => (T)Resolve(typeof(T), name);

    public object Resolve(Type typeToResolve, string? name = null) => Resolve(typeToResolve, name, ResolutionPath.Empty);

    public IEnumerable<T> ResolveAll<T>() where T : class
    {
        var names = new List<string?>();
        for (var container = this; container is not null; container = container._parent)
        {
            lock (container._gate)
            {
                names.AddRange(container._registrations.Keys.Where(k => k.Type == typeof(T)).Select(k => k.Name));
            }
        }
        return names.Distinct().Select(n => (T)Resolve(typeof(T), n)).ToList();
    }

    public bool IsRegistered<T>(string? name = null) => IsRegistered(typeof(T), name);

    public bool IsRegistered(Type type, string? name = null) => FindRegistration((type, name), out _, out _);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Disposes, newest first, the objects this container created and the instances registered with dispose: true.</summary>
    public async ValueTask DisposeAsync()
    {
        object[] owned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            owned = [.. _owned];
            _owned.Clear();
            _singletons.Clear();
        }
        List<Exception>? failures = null;
        for (var i = owned.Length - 1; i >= 0; i--)
        {
            try
            {
                switch (owned[i])
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
            catch (Exception ex)
            {
                (failures ??= []).Add(new ObjectContainerException($"Disposing {owned[i].GetType().FullName} at the end of the {_scope} failed: {ex.Message}", ex));
            }
        }
        if (failures?.Count == 1)
        {
            throw failures[0];
        }
        if (failures?.Count > 1)
        {
            throw new AggregateException($"Disposing {failures.Count} objects at the end of the {_scope} failed.", failures);
        }
    }

    private void Register(Type type, string? name, Registration registration)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_singletons.ContainsKey((type, name)))
            {
                throw new ObjectContainerException(
                    $"{Describe(type, name)} was already resolved in the {_scope} container, so it can no longer be registered. Register it before it is first used (e.g. in an earlier hook).");
            }
            _registrations[(type, name)] = registration;
        }
    }

    private object Resolve(Type type, string? name, ResolutionPath path)
    {
        var key = (type, name);
        if (FindRegistration(key, out var owner, out var registration))
        {
            return owner.ResolveRegistered(key, registration, path);
        }
        if (name is null)
        {
            lock (_gate)
            {
                if (_singletons.TryGetValue(key, out var resolved))
                {
                    return resolved;
                }
            }
            if (IsConstructible(type))
            {
                return ResolveSingleton(key, path, registration: null);
            }
        }
        var pathText = path.IsEmpty ? "" : $" (needed by {path})";
        throw new ObjectContainerException(
            $"{Describe(type, name)} is not registered in the {_scope} container or its parents and cannot be created{pathText}. " +
            $"Register it, e.g. container.RegisterTypeAs<Implementation, {type.Name}>() in a [BeforeTestRun] or [BeforeScenario] hook.");
    }

    private bool FindRegistration((Type, string?) key, out ObjectContainer owner, out Registration registration)
    {
        for (var container = this; container is not null; container = container._parent)
        {
            lock (container._gate)
            {
                if (container._registrations.TryGetValue(key, out registration!))
                {
                    owner = container;
                    return true;
                }
            }
        }
        owner = this;
        // Unless registered otherwise, IObjectContainer and ObjectContainer resolve to the container asked.
        var isContainer = key.Item2 is null && (key.Item1 == typeof(IObjectContainer) || key.Item1 == typeof(ObjectContainer));
        registration = isContainer ? new InstanceRegistration(this) : null!;
        return isContainer;
    }

    private object ResolveRegistered((Type Type, string? Name) key, Registration registration, ResolutionPath path) => registration switch
    {
        InstanceRegistration instance => instance.Instance,
        TypeRegistration { PerDependency: true } type => Track(Construct(type.Implementation, path)),
        TypeRegistration type => ResolveSingleton(key, path, type),
        FactoryRegistration { PerDependency: true } factory => Track(factory.Create(this)),
        FactoryRegistration factory => ResolveSingleton(key, path, factory),
        _ => throw new InvalidOperationException("Unknown registration kind."),
    };

    /// <summary>The container's one instance for the key, created from the registration (or, without one, by constructing the key's type) on first use.</summary>
    private object ResolveSingleton((Type Type, string? Name) key, ResolutionPath path, StrategyRegistration? registration)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_singletons.TryGetValue(key, out var existing))
            {
                return existing;
            }
            var created = registration switch
            {
                FactoryRegistration factory => factory.Create(this),
                TypeRegistration type => Construct(type.Implementation, path),
                _ => Construct(key.Type, path),
            };
            _singletons[key] = created;
            _owned.Add(created);
            return created;
        }
    }

    private object Track(object created)
    {
        lock (_gate)
        {
            _owned.Add(created);
        }
        return created;
    }

    private object Construct(Type type, ResolutionPath path)
    {
        if (path.Contains(type, out var cycle))
        {
            throw new ObjectContainerException($"Circular dependency: {cycle}. Break the cycle, e.g. by injecting one side lazily through ScenarioContext.");
        }
        var plan = Plans.GetOrAdd(type, ConstructorPlan.For);
        var inner = path.With(type);
        var arguments = new object?[plan.ParameterTypes.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Resolve(plan.ParameterTypes[i], null, inner);
        }
        try
        {
            return plan.Invoke(arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new ObjectContainerException($"The constructor of {type.FullName} threw: {ex.InnerException.Message}", ex.InnerException);
        }
    }

    private static bool IsConstructible(Type type) =>
        type.IsClass && !type.IsAbstract && !type.IsGenericTypeDefinition && type != typeof(string) && !typeof(Delegate).IsAssignableFrom(type);

    private static string Describe(Type type, string? name) => name is null ? type.FullName ?? type.Name : $"{type.FullName} named '{name}'";

    private abstract class Registration;

    private sealed class InstanceRegistration(object instance) : Registration
    {
        public object Instance { get; } = instance;
    }

    /// <summary>A registration that creates its object: once per container, or once per resolution.</summary>
    private abstract class StrategyRegistration : Registration, IStrategyRegistration
    {
        public bool PerDependency { get; private set; }

        public IStrategyRegistration InstancePerDependency()
        {
            PerDependency = true;
            return this;
        }

        public IStrategyRegistration InstancePerContext()
        {
            PerDependency = false;
            return this;
        }
    }

    private sealed class TypeRegistration(Type implementation) : StrategyRegistration
    {
        public Type Implementation { get; } = implementation;
    }

    private sealed class FactoryRegistration(Func<IObjectContainer, object> factory) : StrategyRegistration
    {
        public object Create(IObjectContainer container) => factory(container);
    }

    /// <summary>The constructor a type is created with (the public one with most parameters), invoked without per-call reflection.</summary>
    private sealed class ConstructorPlan
    {
        private readonly ConstructorInvoker _invoker;

        private ConstructorPlan(ConstructorInfo constructor)
        {
            _invoker = ConstructorInvoker.Create(constructor);
            ParameterTypes = constructor.GetParameters().Select(p => p.ParameterType).ToArray();
        }

        public Type[] ParameterTypes { get; }

        public object Invoke(object?[] arguments) => _invoker.Invoke(arguments.AsSpan());

        public static ConstructorPlan For(Type type)
        {
            var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
            if (constructors.Length == 0)
            {
                throw new ObjectContainerException($"{type.FullName} has no public constructor, so it cannot be created for injection.");
            }
            var most = constructors.Max(c => c.GetParameters().Length);
            var candidates = constructors.Where(c => c.GetParameters().Length == most).ToArray();
            if (candidates.Length > 1)
            {
                throw new ObjectContainerException($"{type.FullName} has {candidates.Length} public constructors with {most} parameters; keep one, so that it is clear which one injection uses.");
            }
            return new ConstructorPlan(candidates[0]);
        }
    }

    /// <summary>The chain of types being created, to report cycles and missing dependencies.</summary>
    private sealed class ResolutionPath
    {
        public static readonly ResolutionPath Empty = new(null, null);

        private readonly ResolutionPath? _previous;
        private readonly Type? _type;

        private ResolutionPath(ResolutionPath? previous, Type? type)
        {
            _previous = previous;
            _type = type;
        }

        public bool IsEmpty => _type is null;

        public ResolutionPath With(Type type) => new(this, type);

        public bool Contains(Type type, out string cycle)
        {
            for (var p = this; p is not null && p._type is not null; p = p._previous)
            {
                if (p._type == type)
                {
                    cycle = $"{this} → {type.Name}";
                    return true;
                }
            }
            cycle = "";
            return false;
        }

        public override string ToString()
        {
            var names = new List<string>();
            for (var p = this; p is not null && p._type is not null; p = p._previous)
            {
                names.Add(p._type.Name);
            }
            names.Reverse();
            return string.Join(" → ", names);
        }
    }
}
