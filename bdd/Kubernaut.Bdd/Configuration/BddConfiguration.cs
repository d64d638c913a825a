using System.Globalization;
using System.Text.Json;

namespace Kubernaut.Bdd.Configuration;

/// <summary>What an undefined or pending step does to its scenario (reqnroll.json <c>runtime.missingOrPendingStepsOutcome</c>).</summary>
public enum MissingOrPendingStepsOutcome
{
    /// <summary>The scenario is skipped in xUnit, with the reason.</summary>
    Pending,

    /// <summary>As <see cref="Pending"/> (xUnit has no inconclusive result).</summary>
    Inconclusive,

    /// <summary>As <see cref="Pending"/>.</summary>
    Ignore,

    /// <summary>The scenario fails.</summary>
    Error,
}

/// <summary>How snippets for undefined steps write their expression (reqnroll.json <c>trace.stepDefinitionSkeletonStyle</c>).</summary>
public enum StepDefinitionSkeletonStyle
{
    CucumberExpressionAttribute,
    RegexAttribute,
}

/// <summary>What the test output shows about each step (reqnroll.json <c>trace</c>).</summary>
public sealed record TraceSettings
{
    /// <summary>Print "-> done: Method(args)" after passed steps.</summary>
    public bool TraceSuccessfulSteps { get; init; } = true;

    /// <summary>Print step durations of at least <see cref="MinTracedDuration"/>.</summary>
    public bool TraceTimings { get; init; }

    public TimeSpan MinTracedDuration { get; init; } = TimeSpan.FromSeconds(0.1);

    public StepDefinitionSkeletonStyle StepDefinitionSkeletonStyle { get; init; } = StepDefinitionSkeletonStyle.CucumberExpressionAttribute;
}

/// <summary>
/// The runtime configuration: reqnroll.json (Reqnroll's keys; unknown keys are ignored) overridden by environment
/// variables. Immutable; <see cref="Default"/> holds the defaults of a project without reqnroll.json.
/// </summary>
public sealed record BddConfiguration
{
    public const string DefaultHtmlOutputPath = "reqnroll_report.html";
    public const string DefaultMessageOutputPath = "reqnroll_report.ndjson";

    public static BddConfiguration Default { get; } = new();

    /// <summary>The Gherkin language of feature files without a "# language:" line (<c>language.feature</c>).</summary>
    public string FeatureLanguage { get; init; } = "en";

    /// <summary>Further assemblies to take bindings from (<c>bindingAssemblies[].assembly</c>).</summary>
    public IReadOnlyList<string> BindingAssemblies { get; init; } = [];

    /// <summary>Reqnroll's default (Pending: skipped in xUnit); suites that must never pass over a missing step set Error in reqnroll.json.</summary>
    public MissingOrPendingStepsOutcome MissingOrPendingStepsOutcome { get; init; } = MissingOrPendingStepsOutcome.Pending;

    /// <summary>Tags (without '@') of features that must run alone (<c>generator.addNonParallelizableMarkerForTags</c>).</summary>
    public IReadOnlyList<string> NonParallelizableTags { get; init; } = [];

    /// <summary>Where the HTML report goes (<c>formatters.html.outputFilePath</c>); may hold {timestamp} and {env:NAME}; null: no HTML report.</summary>
    public string? HtmlOutputPath { get; init; }

    /// <summary>Where the NDJSON message stream goes (<c>formatters.message.outputFilePath</c>); null: no stream file.</summary>
    public string? MessageOutputPath { get; init; }

    public TraceSettings Trace { get; init; } = new();

    /// <summary>Run no step or hook code; the message stream becomes a catalogue of every scenario (REQNROLL_DRY_RUN).</summary>
    public bool DryRun { get; init; }

    /// <summary>The reqnroll.json the configuration came from, if any.</summary>
    public string? SourceFile { get; init; }
}

/// <summary>The configuration is invalid; the message names the file, the key, the expected type and the fix.</summary>
public sealed class BddConfigurationException(string message) : Exception(message);

/// <summary>Reads reqnroll.json and the environment variables that override it.</summary>
public static class ConfigurationLoader
{
    public const string DryRunVariable = "REQNROLL_DRY_RUN";
    public const string FormattersDisabledVariable = "REQNROLL_FORMATTERS_DISABLED";
    public const string HtmlFormatterVariable = "REQNROLL_FORMATTERS_HTML";
    public const string MessageFormatterVariable = "REQNROLL_FORMATTERS_MESSAGE";

    /// <summary>Loads the file when it exists (defaults otherwise), then applies the environment.</summary>
    /// <exception cref="BddConfigurationException">The file or an environment variable is invalid.</exception>
    public static BddConfiguration Load(string jsonPath, Func<string, string?> environment)
    {
        var configuration = File.Exists(jsonPath) ? FromJson(File.ReadAllText(jsonPath), jsonPath) : BddConfiguration.Default;
        return ApplyEnvironment(configuration, environment);
    }

    /// <exception cref="BddConfigurationException">The JSON is malformed or a known key has a value of the wrong type.</exception>
    public static BddConfiguration FromJson(string json, string path)
    {
        var settings = ReqnrollJsonSettings.Parse(json);
        var configuration = new BddConfiguration { SourceFile = path };
        if (settings.Problems.Count == 0)
        {
            configuration = Read(settings, configuration);
        }
        if (settings.Problems.Count > 0)
        {
            throw new BddConfigurationException(
                $"{path} is invalid:{Environment.NewLine}"
                + string.Join(Environment.NewLine, settings.Problems.Select(p => "  " + p.Format(path)))
                + $"{Environment.NewLine}Fix the value (see bdd/README.md, \"Configuration\") or remove the key to use its default.");
        }
        return configuration;
    }

    public static BddConfiguration ApplyEnvironment(BddConfiguration configuration, Func<string, string?> environment)
    {
        var dryRun = Flag(environment, DryRunVariable);
        if (dryRun is not null)
        {
            configuration = configuration with { DryRun = dryRun.Value };
        }
        configuration = configuration with
        {
            HtmlOutputPath = FormatterPath(environment, HtmlFormatterVariable, configuration.HtmlOutputPath, BddConfiguration.DefaultHtmlOutputPath),
            MessageOutputPath = FormatterPath(environment, MessageFormatterVariable, configuration.MessageOutputPath, BddConfiguration.DefaultMessageOutputPath),
        };
        if (Flag(environment, FormattersDisabledVariable) == true)
        {
            configuration = configuration with { HtmlOutputPath = null, MessageOutputPath = null };
        }
        return configuration;
    }

    private static BddConfiguration Read(ReqnrollJsonSettings settings, BddConfiguration configuration)
    {
        // Unset keys keep the defaults of the configuration given.
        var language = FeatureLanguage.Read(settings);
        var skeleton = settings.GetChoice("trace.stepDefinitionSkeletonStyle", Enum.GetNames<StepDefinitionSkeletonStyle>());
        var defaults = configuration.Trace;
        var trace = new TraceSettings
        {
            TraceSuccessfulSteps = settings.GetBoolean("trace.traceSuccessfulSteps") ?? defaults.TraceSuccessfulSteps,
            TraceTimings = settings.GetBoolean("trace.traceTimings") ?? defaults.TraceTimings,
            MinTracedDuration = settings.GetParsed("trace.minTracedDuration", "a duration such as \"0:0:0.1\"",
                t => TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var d) ? d : (TimeSpan?)null) ?? defaults.MinTracedDuration,
            StepDefinitionSkeletonStyle = skeleton is null ? defaults.StepDefinitionSkeletonStyle : Enum.Parse<StepDefinitionSkeletonStyle>(skeleton),
        };
        var outcome = settings.GetChoice("runtime.missingOrPendingStepsOutcome", Enum.GetNames<MissingOrPendingStepsOutcome>());
        return configuration with
        {
            FeatureLanguage = language ?? configuration.FeatureLanguage,
            BindingAssemblies = BindingAssemblies(settings),
            MissingOrPendingStepsOutcome = outcome is null ? configuration.MissingOrPendingStepsOutcome : Enum.Parse<MissingOrPendingStepsOutcome>(outcome),
            NonParallelizableTags = (settings.GetStringArray("generator.addNonParallelizableMarkerForTags") ?? []).Select(t => t.TrimStart('@')).ToList(),
            HtmlOutputPath = FormatterFile(settings, "html", BddConfiguration.DefaultHtmlOutputPath),
            MessageOutputPath = FormatterFile(settings, "message", BddConfiguration.DefaultMessageOutputPath),
            Trace = trace,
        };
    }

    private static List<string> BindingAssemblies(ReqnrollJsonSettings settings)
    {
        var names = new List<string>();
        var value = settings.Find("bindingAssemblies");
        if (value is null)
        {
            return names;
        }
        if (value is not JsonArray array)
        {
            settings.Wrong("bindingAssemblies", value, "an array of objects such as { \"assembly\": \"My.Steps\" }");
            return names;
        }
        foreach (var item in array.Items)
        {
            if (item is JsonObject entry && entry.Get("assembly") is JsonString name)
            {
                names.Add(name.Value);
            }
            else
            {
                settings.Wrong("bindingAssemblies", item, "an array of objects such as { \"assembly\": \"My.Steps\" }", "an array holding " + item.Kind);
            }
        }
        return names;
    }

    /// <summary>A formatter is on when its object is present; an empty object means the default file name.</summary>
    private static string? FormatterFile(ReqnrollJsonSettings settings, string formatter, string defaultPath)
    {
        var key = "formatters." + formatter;
        if (settings.GetObject(key) is null)
        {
            return null;
        }
        return settings.GetString(key + ".outputFilePath") ?? defaultPath;
    }

    /// <summary>Reqnroll's forms: "true", "false", "outputFilePath=…", a JSON object {"outputFilePath": "…"}; and, here, a plain path.</summary>
    private static string? FormatterPath(Func<string, string?> environment, string variable, string? configured, string defaultPath)
    {
        var value = environment(variable)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return configured;
        }
        if (bool.TryParse(value, out var enabled))
        {
            return enabled ? configured ?? defaultPath : null;
        }
        const string keyValuePrefix = "outputFilePath=";
        if (value.StartsWith(keyValuePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return value[keyValuePrefix.Length..].Trim();
        }
        if (!value.StartsWith('{'))
        {
            return value;
        }
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.TryGetProperty("outputFilePath", out var path) && path.ValueKind == JsonValueKind.String)
            {
                return path.GetString();
            }
            return defaultPath;
        }
        catch (JsonException ex)
        {
            throw new BddConfigurationException(
                $"The environment variable {variable} holds invalid JSON ({ex.Message}). Set it to a path, to true/false, or to {{\"outputFilePath\": \"report.ndjson\"}}.");
        }
    }

    private static bool? Flag(Func<string, string?> environment, string variable)
    {
        var value = environment(variable)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return bool.TryParse(value, out var flag)
            ? flag
            : throw new BddConfigurationException($"The environment variable {variable} is \"{value}\"; set it to true or false.");
    }
}
