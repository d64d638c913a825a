// Compiled into both the runtime and the source generator (netstandard2.0): keep it free of newer APIs.
using Kubernaut.Bdd.Gherkin;

namespace Kubernaut.Bdd.Configuration
{
    /// <summary>Maps reqnroll.json's <c>language.feature</c> (a culture such as "en-US", or a Gherkin language such as "fr") to a Gherkin dialect.</summary>
    public static class FeatureLanguage
    {
        /// <summary>The Gherkin language code for the setting, or null when no dialect fits.</summary>
        public static string? ToGherkinLanguage(string setting)
        {
            var candidates = new[] { setting, setting.ToLowerInvariant(), setting.Split('-')[0].ToLowerInvariant() };
            foreach (var candidate in candidates)
            {
                if (GherkinDialect.Get(candidate) != null)
                {
                    return candidate;
                }
            }
            return null;
        }
    }
}
