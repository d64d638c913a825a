using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Kubernaut.Bdd.Generator
{
    /// <summary>C# names and file names derived from feature files and scenario titles.</summary>
    internal static class Names
    {
        /// <summary>PascalCase of the letters and digits of the text ("routed to <receiver>" → "RoutedToReceiver"); never empty, never starting with a digit.</summary>
        public static string Identifier(string text)
        {
            var name = new StringBuilder();
            var startOfWord = true;
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c))
                {
                    name.Append(startOfWord ? char.ToUpperInvariant(c) : c);
                    startOfWord = false;
                }
                else
                {
                    startOfWord = true;
                }
            }
            if (name.Length == 0)
            {
                return "Scenario";
            }
            return char.IsDigit(name[0]) ? "_" + name : name.ToString();
        }

        /// <summary>The name, or the name with a numeric suffix when it is taken; records it as taken.</summary>
        public static string Unique(string name, HashSet<string> taken)
        {
            var candidate = name;
            for (var n = 2; !taken.Add(candidate); n++)
            {
                candidate = name + "_" + n;
            }
            return candidate;
        }

        /// <summary>The path relative to the root with '/' separators; the file name when it lies outside the root.</summary>
        public static string RelativeUri(string path, string root)
        {
            var normalizedPath = path.Replace('\\', '/');
            var normalizedRoot = root.Replace('\\', '/').TrimEnd('/') + "/";
            return root.Length > 0 && normalizedPath.StartsWith(normalizedRoot, System.StringComparison.OrdinalIgnoreCase)
                ? normalizedPath.Substring(normalizedRoot.Length)
                : System.IO.Path.GetFileName(normalizedPath);
        }

        /// <summary>The folders of a uri ("Features/Sample/Rules.feature" → Features, Sample).</summary>
        public static IEnumerable<string> FolderSegments(string uri)
        {
            var parts = uri.Split('/');
            return parts.Take(parts.Length - 1);
        }

        /// <summary>A unique, valid generated-file name for the feature.</summary>
        public static string HintName(string uri) => string.Concat(uri.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_')) + ".g.cs";
    }
}
