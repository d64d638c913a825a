using System.Collections.Concurrent;
using System.Reflection;
using Kubernaut.Bdd.Bindings;
using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Execution;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Reporting;
using Reqnroll;
using Xunit;

namespace Kubernaut.Bdd.XunitIntegration;

/// <summary>A feature file embedded in the generated test class.</summary>
/// <param name="Uri">The path relative to the features root's parent, with '/' (e.g. "features/notification/delivery.feature").</param>
/// <param name="Source">The file's text at build time.</param>
/// <param name="PickleCount">The number of scenarios the generator compiled, to detect a stale build.</param>
public sealed record GeneratedFeature(string Uri, string Source, int PickleCount)
{
    /// <summary>Parses the feature for the run, in its configured language and with its ids.</summary>
    internal FeatureModel Parse(TestRunEngine engine) => FeatureModel.Parse(Uri, Source, engine.Configuration.FeatureLanguage, engine.Ids);
}

/// <summary>
/// The test run as an xUnit v3 assembly fixture (the generator derives <c>BddTestRun</c> from it and registers it).
/// It starts with the first feature: reads reqnroll.json, discovers bindings, runs BeforeTestRun hooks. After the
/// last test it runs AfterTestRun hooks, writes the NDJSON message stream atomically (serialized in the background
/// while the scenarios ran) and renders the HTML report.
/// </summary>
public abstract class TestRunFixture : IAsyncLifetime
{
    private readonly Assembly _testAssembly;
    private readonly IReadOnlyList<GeneratedFeature> _features;
    private readonly string _sourceRoot;
    private readonly Lazy<Task<RunState>> _start;
    private readonly ConcurrentDictionary<string, FeatureExecution> _opened = new();
    private readonly Func<string, string?> _environment = Environment.GetEnvironmentVariable;

    protected TestRunFixture(Assembly testAssembly, IReadOnlyList<GeneratedFeature> features, string sourceRoot)
    {
        _testAssembly = testAssembly;
        _features = features;
        _sourceRoot = sourceRoot;
        _start = new Lazy<Task<RunState>>(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Where reqnroll.json is read from: the test assembly's output directory.</summary>
    protected virtual string ConfigurationPath => Path.Combine(AppContext.BaseDirectory, "reqnroll.json");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Starts the run once; every feature fixture waits for the same start.</summary>
    internal Task<RunState> EnsureStartedAsync() => _start.Value;

    internal void Opened(FeatureExecution feature) => _opened[feature.Model.Uri] = feature;

    public async ValueTask DisposeAsync()
    {
        if (!_start.IsValueCreated)
        {
            return;
        }
        var state = await _start.Value.ConfigureAwait(false);
        if (state.Engine is not { } engine)
        {
            return;
        }
        var cancellation = CancellationToken.None;
        if (engine.Configuration.DryRun)
        {
            await CatalogueRemainingScenariosAsync(engine, cancellation).ConfigureAwait(false);
        }
        var failure = await engine.FinishAsync(cancellation).ConfigureAwait(false);
        await PublishReportsAsync(engine, state, cancellation).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new ReqnrollException($"After the last scenario: {failure}");
        }
    }

    private async Task<RunState> StartAsync()
    {
        try
        {
            var configuration = ConfigurationLoader.Load(ConfigurationPath, _environment);
            var runStarted = DateTimeOffset.UtcNow;
            // Relative report paths land beside the features' source folder (the repository when features live at
            // its root), not in bin/ where the test host runs; a test assembly copied elsewhere falls back to the current directory.
            var baseDirectory = Directory.Exists(_sourceRoot) ? _sourceRoot : Environment.CurrentDirectory;
            var messagePath = configuration.MessageOutputPath is { } m ? FormatterPaths.Resolve(m, runStarted, _environment, baseDirectory) : null;
            var htmlPath = configuration.HtmlOutputPath is { } h ? FormatterPaths.Resolve(h, runStarted, _environment, baseDirectory) : null;
            var ids = new IncrementingIdGenerator();
            var registry = BindingRegistry.Build(BindingTypes(configuration), ids, _sourceRoot);
            var engine = new TestRunEngine(configuration, registry, ids, TimeProvider.System, DiagnosticSink.Instance, _environment);
            if (messagePath is not null)
            {
                engine.Log.StartSpooling();
            }
            await engine.StartAsync(CancellationToken.None).ConfigureAwait(false);
            return new RunState(engine, null, messagePath, htmlPath);
        }
        catch (BddConfigurationException ex)
        {
            return new RunState(null, ex.Message, null, null);
        }
    }

    /// <summary>[Binding] classes of the test assembly and of reqnroll.json's bindingAssemblies, ordered by name.</summary>
    private List<Type> BindingTypes(BddConfiguration configuration)
    {
        var assemblies = new List<Assembly> { _testAssembly };
        foreach (var name in configuration.BindingAssemblies)
        {
            try
            {
                assemblies.Add(Assembly.Load(name));
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                throw new BddConfigurationException(
                    $"{configuration.SourceFile}: 'bindingAssemblies' lists \"{name}\", which cannot be loaded ({ex.Message}). Reference that project or package from the test project, or remove the entry.");
            }
        }
        return assemblies.Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && t.GetCustomAttribute<BindingAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A dry run's stream lists every scenario of the assembly, including those the test filter left out.</summary>
    private async Task CatalogueRemainingScenariosAsync(TestRunEngine engine, CancellationToken cancellation)
    {
        foreach (var generated in _features)
        {
            if (!_opened.TryGetValue(generated.Uri, out var feature))
            {
                feature = engine.OpenFeature(generated.Parse(engine), NullOutputSink.Instance);
            }
            for (var i = 0; i < feature.Model.Pickles.Count; i++)
            {
                if (!feature.Section.IsExecuted(i))
                {
                    await engine.RunAsync(engine.Plan(feature, i), NullOutputSink.Instance, cancellation).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Writes the NDJSON stream, then renders the HTML report with the <see cref="IHtmlReportRenderer"/> registered in
    /// the test-run container, or else with <see cref="NodeHtmlReportRenderer"/> (bdd/report's @cucumber/html-formatter).
    /// </summary>
    private async Task PublishReportsAsync(TestRunEngine engine, RunState state, CancellationToken cancellation)
    {
        if (state.MessagePath is null)
        {
            if (state.HtmlPath is not null)
            {
                Announce("The HTML report needs the message stream: set formatters.message in reqnroll.json (or REQNROLL_FORMATTERS_MESSAGE) as well.");
            }
            return;
        }
        await engine.Log.WriteNdjsonAsync(state.MessagePath, cancellation).ConfigureAwait(false);
        if (state.HtmlPath is null)
        {
            Announce($"Cucumber messages written to {state.MessagePath}.");
            return;
        }
        var renderer = engine.Container.IsRegistered<IHtmlReportRenderer>()
            ? engine.Container.Resolve<IHtmlReportRenderer>()
            : NodeHtmlReportRenderer.ForTestAssembly(_testAssembly, _environment);
        var outcome = await renderer.RenderAsync(state.MessagePath, state.HtmlPath, cancellation).ConfigureAwait(false);
        Announce($"Cucumber messages written to {state.MessagePath}. {outcome.Summary}");
    }

    /// <summary>Run-level lines: to the console (the test process's output) and xUnit's diagnostic messages.</summary>
    private static void Announce(string line)
    {
        Console.WriteLine("[Kubernaut.Bdd] " + line);
        TestContext.Current.SendDiagnosticMessage(line);
    }

    /// <summary>The started run, or why it cannot start (invalid configuration).</summary>
    internal sealed record RunState(TestRunEngine? Engine, string? Failure, string? MessagePath, string? HtmlPath);
}

/// <summary>Text of test-run and feature hooks, which run outside any test: xUnit diagnostic messages.</summary>
internal sealed class DiagnosticSink : IOutputSink
{
    public static DiagnosticSink Instance { get; } = new();

    public void WriteLine(string line) => TestContext.Current.SendDiagnosticMessage(line);

    public void Attach(string name, byte[] content, string mediaType)
    {
    }
}
