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

        /// <summary>
        /// Reads <c>language.feature</c>: the Gherkin language it names, or null when it is not set. A value no dialect
        /// fits is recorded as a problem of <paramref name="settings"/> (and gives null).
        /// </summary>
        public static string? Read(ReqnrollJsonSettings settings)
        {
            const string key = "language.feature";
            var configured = settings.GetString(key);
            if (configured == null)
            {
                return null;
            }
            var gherkin = ToGherkinLanguage(configured);
            if (gherkin == null)
            {
                settings.Wrong(key, settings.Find(key)!, "a culture or Gherkin language the parser knows (e.g. \"en-US\", \"de\")");
            }
            return gherkin;
        }
    }
}
