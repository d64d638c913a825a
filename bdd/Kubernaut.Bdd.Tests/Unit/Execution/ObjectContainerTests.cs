using Reqnroll.BoDi;

namespace Kubernaut.Bdd.Tests.Unit.Execution;

public class ObjectContainerTests
{
    [Fact]
    public void An_unregistered_class_is_created_once_per_container_with_its_dependencies()
    {
        var run = new ObjectContainer("test run");
        var scenario = new ObjectContainer("scenario", new ObjectContainer("feature", run));

        var first = scenario.Resolve<Consumer>();

        scenario.Resolve<Consumer>().Should().BeSameAs(first);
        first.Dependency.Should().BeSameAs(scenario.Resolve<Dependency>());
        new ObjectContainer("scenario", run).Resolve<Consumer>().Should().NotBeSameAs(first);
    }

    [Fact]
    public void A_registration_in_a_parent_is_shared_by_its_children()
    {
        var feature = new ObjectContainer("feature");
        var shared = new Dependency();
        feature.RegisterInstanceAs(shared);

        new ObjectContainer("scenario", feature).Resolve<Dependency>().Should().BeSameAs(shared);
        new ObjectContainer("scenario", feature).Resolve<Consumer>().Dependency.Should().BeSameAs(shared);
    }

    [Fact]
    public void Types_and_factories_can_be_registered_for_interfaces()
    {
        var container = new ObjectContainer("test run");
        container.RegisterTypeAs<Clock, IClock>();
        container.RegisterFactoryAs<IGreeting>(_ => new Greeting("hello")).InstancePerDependency();

        container.Resolve<IClock>().Should().BeOfType<Clock>().And.BeSameAs(container.Resolve<IClock>());
        container.Resolve<IGreeting>().Should().NotBeSameAs(container.Resolve<IGreeting>());
        container.IsRegistered<IClock>().Should().BeTrue();
        container.Resolve<IObjectContainer>().Should().BeSameAs(container);
    }

    [Fact]
    public void A_container_resolves_itself_in_every_scope()
    {
        var run = new ObjectContainer("test run");
        var scenario = new ObjectContainer("scenario", new ObjectContainer("feature", run));

        scenario.Resolve<IObjectContainer>().Should().BeSameAs(scenario);
        scenario.Resolve<ObjectContainer>().Should().BeSameAs(scenario);
        run.Resolve<IObjectContainer>().Should().BeSameAs(run);
        scenario.IsRegistered<IObjectContainer>().Should().BeTrue();
        scenario.IsRegistered<IObjectContainer>("named").Should().BeFalse();
    }

    [Fact]
    public void Named_registrations_are_distinct()
    {
        var container = new ObjectContainer("test run");
        container.RegisterInstanceAs<IGreeting>(new Greeting("hello"), "en");
        container.RegisterInstanceAs<IGreeting>(new Greeting("hallo"), "de");

        container.Resolve<IGreeting>("de").Should().BeEquivalentTo(new Greeting("hallo"));
        container.ResolveAll<IGreeting>().Should().HaveCount(2);
    }

    [Fact]
    public void An_unregistered_interface_names_the_chain_that_needed_it_and_how_to_register_it()
    {
        var resolve = () => new ObjectContainer("scenario").Resolve<NeedsClock>();

        resolve.Should().Throw<ObjectContainerException>().WithMessage(
            "Kubernaut.Bdd.Tests.Unit.Execution.ObjectContainerTests+IClock is not registered in the scenario container or its parents and cannot be created (needed by NeedsClock). "
            + "Register it, e.g. container.RegisterTypeAs<Implementation, IClock>() in a [BeforeTestRun] or [BeforeScenario] hook.");
    }

    [Fact]
    public void A_dependency_cycle_is_reported()
    {
        var resolve = () => new ObjectContainer("scenario").Resolve<Chicken>();

        resolve.Should().Throw<ObjectContainerException>().WithMessage("Circular dependency: Chicken → Egg → Chicken.*");
    }

    [Fact]
    public async Task Disposal_disposes_created_objects_newest_first_and_leaves_registered_instances_alone()
    {
        var disposed = new List<string>();
        var container = new ObjectContainer("scenario");
        container.RegisterInstanceAs(disposed);
        container.RegisterInstanceAs(new Tracked(disposed, "registered"));
        container.RegisterInstanceAs(new Tracked(disposed, "registered to dispose"), "owned", dispose: true);
        container.Resolve<FirstCreated>();
        container.Resolve<SecondCreated>();

        await container.DisposeAsync();

        disposed.Should().Equal("second (async)", "first", "registered to dispose");
    }

    [Fact]
    public async Task A_failing_disposal_names_the_object_and_the_scope_and_the_others_are_still_disposed()
    {
        var disposed = new List<string>();
        var container = new ObjectContainer("scenario");
        container.RegisterInstanceAs(disposed);
        container.Resolve<FirstCreated>();
        container.Resolve<FailingDisposal>();

        var dispose = async () => await container.DisposeAsync();

        await dispose.Should().ThrowAsync<ObjectContainerException>()
            .WithMessage("Disposing Kubernaut.Bdd.Tests.Unit.Execution.ObjectContainerTests+FailingDisposal at the end of the scenario failed: connection already closed");
        disposed.Should().Equal("first");
    }

    [Fact]
    public void A_type_resolved_already_cannot_be_registered_any_more()
    {
        var container = new ObjectContainer("feature");
        container.Resolve<Dependency>();

        var register = () => container.RegisterInstanceAs(new Dependency());

        register.Should().Throw<ObjectContainerException>().WithMessage("*was already resolved in the feature container*");
    }

    public interface IClock;

    public interface IGreeting;

    public sealed class Clock : IClock;

    public sealed record Greeting(string Text) : IGreeting;

    public sealed class Dependency;

    public sealed class Consumer(Dependency dependency)
    {
        public Dependency Dependency { get; } = dependency;
    }

    public sealed class NeedsClock(IClock clock)
    {
        public IClock Clock { get; } = clock;
    }

    public sealed class Chicken(Egg egg)
    {
        public Egg Egg { get; } = egg;
    }

    public sealed class Egg(Chicken chicken)
    {
        public Chicken Chicken { get; } = chicken;
    }

    public sealed class Tracked(List<string> log, string name) : IDisposable
    {
        public void Dispose() => log.Add(name);
    }

    public sealed class FirstCreated(List<string> log) : IDisposable
    {
        public void Dispose() => log.Add("first");
    }

    public sealed class SecondCreated(List<string> log) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            log.Add("second (async)");
            return ValueTask.CompletedTask;
        }
    }

    public sealed class FailingDisposal : IDisposable
    {
        public void Dispose() => throw new InvalidOperationException("connection already closed");
    }
}
