using System.Text;
using Kubernaut.Bdd.Gherkin;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>Parse never throws, whatever it is given: random mixes of Gherkin fragments and raw characters (fixed seeds, so failures reproduce).</summary>
public sealed class ParserRobustnessTests
{
    private static readonly string[] Fragments =
    [
        "Feature:", "Feature: F", "Rule: R", "Background:", "Scenario: S", "Scenario Outline: <a>", "Example:", "Examples:",
        "Given ", "When ", "Then ", "And ", "But ", "* ", "<a>", "<b>", "@tag", "@", "@a b", "#", "# language: fr", "# language: nope",
        "#language:em", "Fonctionnalité:", "Soit ", "📚:", "😐", "|", "| a |", "| a | b |", "\\|", "\\", "\\n", "\\\\", "\"\"\"", "```",
        "\"\"\"json", "\\\"\\\"\\\"", " ", "\t", "\u00A0", "\r", "\r\n", "\n", "\n\n", "😀", "\uD800", "\uDC00", "text", ":", "\uFEFF",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Parse_never_throws_and_reports_success_only_without_errors(int seed)
    {
        var random = new Random(seed);
        AssertParseNeverThrows(seed, "random.feature", () => RandomSource(random), result =>
        {
            Assert.Equal(result.Errors.Count == 0, result.Success);
            Assert.NotNull(result.Document);
        });
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Parse_never_throws_on_mutations_of_a_valid_document(int seed)
    {
        var random = new Random(seed);
        var unmutated = new GherkinParser(new IncrementingIdGenerator()).Parse("valid.feature", ValidDocument);
        Assert.True(unmutated.Success, string.Join("; ", unmutated.Errors));
        var template = ValidDocument.Split('\n');
        AssertParseNeverThrows(seed, "mutated.feature", () => string.Join("\n", Mutate(template, random)));
    }

    /// <summary>
    /// Parses 1,000 sources, checks each result with <paramref name="check"/> and compiles those that parse; any exception,
    /// a failed check included, is a failure naming the seed, the case and the source.
    /// </summary>
    private static void AssertParseNeverThrows(int seed, string uri, Func<string> nextSource, Action<GherkinParseResult>? check = null)
    {
        var failures = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            var source = nextSource();
            try
            {
                var ids = new IncrementingIdGenerator();
                var result = new GherkinParser(ids).Parse(uri, source);
                check?.Invoke(result);
                if (result.Success)
                {
                    PickleCompiler.Compile(result.Document!, ids);
                }
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed}, case {i}: {e.GetType().Name}: {e.Message}\nsource: {Escape(source)}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
    }

    private const string ValidDocument = """"
        # language: en
        @feature
        Feature: Everything
          A description

          Background:
            Given a background step

          @outline
          Scenario Outline: outline <a>
            Given a <a> step
              | <a> | b\|c |
            When a doc string
              ```json
              {"<a>": 1}
              ```
            And both
              """
              x
              """
              | 1 |

            @examples
            Examples: first
              | a |
              | 1 |

          Rule: a rule
            Background:
              Given a rule background step

            Example: plain
              * a star step
              But a but step
        """";

    private static List<string> Mutate(string[] template, Random random)
    {
        var lines = template.ToList();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && lines.Count > 0; m++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(5))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[random.Next(lines.Count)]);
                    break;
                case 2:
                    lines.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 3:
                    lines[at] = lines[at][..random.Next(lines[at].Length + 1)];
                    break;
                default:
                    lines.RemoveRange(at, lines.Count - at);
                    break;
            }
        }
        return lines;
    }

    private static string RandomSource(Random random)
    {
        var builder = new StringBuilder();
        var lines = random.Next(0, 30);
        for (var line = 0; line < lines; line++)
        {
            builder.Append(new string(' ', random.Next(0, 4)));
            var parts = random.Next(1, 5);
            for (var part = 0; part < parts; part++)
            {
                builder.Append(random.Next(8) == 0 ? (char)random.Next(0, 0x3000) : Fragments[random.Next(Fragments.Length)]);
            }
            builder.Append(random.Next(4) == 0 ? "\r\n" : "\n");
        }
        return builder.ToString();
    }

    private static string Escape(string source) =>
        string.Concat(source.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
