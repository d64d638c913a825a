using Kubernaut.Bdd.Configuration;

namespace Kubernaut.Bdd.Tests.Unit.Configuration;

public class ConfigurationTests
{
    private const string Path = "/repo/reqnroll.json";

    [Fact]
    public void Reqnroll_keys_are_read_and_unknown_keys_are_ignored()
    {
        var configuration = ConfigurationLoader.FromJson("""
            {
              "$schema": "https://schemas.reqnroll.net/reqnroll-config-latest.json",
              // Reqnroll allows comments.
              "language": { "feature": "de-DE", "binding": "en-US" },
              "bindingAssemblies": [ { "assembly": "Kubernaut.Acceptance.Steps" } ],
              "runtime": { "missingOrPendingStepsOutcome": "inconclusive", "stopAtFirstError": false },
              "generator": { "addNonParallelizableMarkerForTags": [ "@serial", "kind-only" ], "allowDebugGeneratedFiles": true },
              "trace": { "traceSuccessfulSteps": false, "traceTimings": true, "minTracedDuration": "0:0:0.5", "stepDefinitionSkeletonStyle": "RegexAttribute" },
              "formatters": { "html": { "outputFilePath": "reports/{env:SERVICE}.html" }, "message": { } },
              "somethingNew": { "ignored": true }
            }
            """, Path);

        configuration.Should().BeEquivalentTo(new BddConfiguration
        {
            FeatureLanguage = "de",
            BindingAssemblies = ["Kubernaut.Acceptance.Steps"],
            MissingOrPendingStepsOutcome = MissingOrPendingStepsOutcome.Inconclusive,
            NonParallelizableTags = ["serial", "kind-only"],
            HtmlOutputPath = "reports/{env:SERVICE}.html",
            MessageOutputPath = BddConfiguration.DefaultMessageOutputPath,
            Trace = new TraceSettings
            {
                TraceSuccessfulSteps = false,
                TraceTimings = true,
                MinTracedDuration = TimeSpan.FromSeconds(0.5),
                StepDefinitionSkeletonStyle = StepDefinitionSkeletonStyle.RegexAttribute,
            },
            SourceFile = Path,
        });
    }

    [Fact]
    public void Without_a_file_Reqnrolls_defaults_apply_and_undefined_steps_are_pending()
    {
        var configuration = ConfigurationLoader.Load("/no/such/reqnroll.json", _ => null);

        configuration.Should().Be(BddConfiguration.Default);
        configuration.MissingOrPendingStepsOutcome.Should().Be(MissingOrPendingStepsOutcome.Pending);
        configuration.MessageOutputPath.Should().BeNull("formatters are off unless configured");
    }

    [Fact]
    public void Invalid_json_names_the_file_the_position_and_the_problem()
    {
        var load = () => ConfigurationLoader.FromJson("{\n  \"runtime\": { \"missingOrPendingStepsOutcome\": Error }\n}", Path);

        load.Should().Throw<BddConfigurationException>().Which.Message.Should().Be(string.Join(Environment.NewLine,
            "/repo/reqnroll.json is invalid:",
            "  /repo/reqnroll.json(2,48): invalid JSON: 'Error' is not a JSON value (strings need double quotes).",
            "Fix the value (see bdd/README.md, \"Configuration\") or remove the key to use its default."));
    }

    [Theory]
    [InlineData("{ \"runtime\": { \"missingOrPendingStepsOutcome\": \"Fail\" } }", "(1,48): 'runtime.missingOrPendingStepsOutcome' must be one of Pending, Inconclusive, Ignore, Error, but it is the string \"Fail\".")]
    [InlineData("{ \"generator\": { \"addNonParallelizableMarkerForTags\": \"serial\" } }", "(1,55): 'generator.addNonParallelizableMarkerForTags' must be an array of strings, but it is the string \"serial\".")]
    [InlineData("{ \"generator\": { \"addNonParallelizableMarkerForTags\": [ \"serial\", 3 ] } }", "(1,67): 'generator.addNonParallelizableMarkerForTags' must be an array of strings, but it is an array holding the number 3.")]
    [InlineData("{ \"trace\": { \"traceTimings\": \"yes\" } }", "(1,30): 'trace.traceTimings' must be true or false, but it is the string \"yes\".")]
    [InlineData("{ \"trace\": { \"minTracedDuration\": \"soon\" } }", "(1,35): 'trace.minTracedDuration' must be a duration such as \"0:0:0.1\", but it is the string \"soon\".")]
    [InlineData("{ \"trace\": { \"stepDefinitionSkeletonStyle\": \"MethodNameUnderscores\" } }", "must be one of CucumberExpressionAttribute, RegexAttribute, but it is the string \"MethodNameUnderscores\".")]
    [InlineData("{ \"language\": { \"feature\": \"xx-Klingon\" } }", "(1,28): 'language.feature' must be a culture or Gherkin language the parser knows (e.g. \"en-US\", \"de\"), but it is the string \"xx-Klingon\".")]
    [InlineData("{ \"bindingAssemblies\": [ \"Steps\" ] }", "(1,26): 'bindingAssemblies' must be an array of objects such as { \"assembly\": \"My.Steps\" }, but it is an array holding the string \"Steps\".")]
    [InlineData("{ \"formatters\": { \"message\": \"out.ndjson\" } }", "(1,30): 'formatters.message' must be an object, but it is the string \"out.ndjson\".")]
    [InlineData("[ 1 ]", "(1,1): reqnroll.json must hold a JSON object, but it holds an array.")]
    public void A_wrong_value_names_the_key_the_expected_type_and_what_was_found(string json, string problem)
    {
        var load = () => ConfigurationLoader.FromJson(json, Path);

        load.Should().Throw<BddConfigurationException>().Which.Message.Should().Contain(problem);
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        var file = BddConfiguration.Default with { HtmlOutputPath = "a.html", MessageOutputPath = "a.ndjson" };
        var environment = new Dictionary<string, string?>
        {
            ["REQNROLL_FORMATTERS_MESSAGE"] = "{\"outputFilePath\": \"reports/{env:SERVICE}.ndjson\"}",
            ["REQNROLL_FORMATTERS_HTML"] = "outputFilePath=reports/report.html",
            ["REQNROLL_DRY_RUN"] = "true",
        };

        var configuration = ConfigurationLoader.ApplyEnvironment(file, name => environment.GetValueOrDefault(name));

        configuration.MessageOutputPath.Should().Be("reports/{env:SERVICE}.ndjson");
        configuration.HtmlOutputPath.Should().Be("reports/report.html");
        configuration.DryRun.Should().BeTrue();
    }

    [Theory]
    [InlineData("REQNROLL_FORMATTERS_MESSAGE", "plain/path.ndjson", "plain/path.ndjson")]
    [InlineData("REQNROLL_FORMATTERS_MESSAGE", "false", null)]
    [InlineData("REQNROLL_FORMATTERS_MESSAGE", "true", "a.ndjson")]
    [InlineData("REQNROLL_FORMATTERS_DISABLED", "true", null)]
    public void The_message_formatter_follows_the_environment(string variable, string value, string? expected)
    {
        var file = BddConfiguration.Default with { MessageOutputPath = "a.ndjson" };

        ConfigurationLoader.ApplyEnvironment(file, name => name == variable ? value : null).MessageOutputPath.Should().Be(expected);
    }

    [Theory]
    [InlineData("REQNROLL_DRY_RUN", "yes", "The environment variable REQNROLL_DRY_RUN is \"yes\"; set it to true or false.")]
    [InlineData("REQNROLL_FORMATTERS_HTML", "{ broken", "The environment variable REQNROLL_FORMATTERS_HTML holds invalid JSON")]
    public void An_invalid_environment_variable_is_one_clear_error(string variable, string value, string message)
    {
        var apply = () => ConfigurationLoader.ApplyEnvironment(BddConfiguration.Default, name => name == variable ? value : null);

        apply.Should().Throw<BddConfigurationException>().Which.Message.Should().StartWith(message);
    }
}
