using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubernaut.Bdd.Messages
{
    /// <summary>Reads and writes envelopes as NDJSON in the protocol's JSON shape (camelCase, nulls omitted, enums by name).</summary>
    public static class MessageSerializer
    {
        public static readonly JsonSerializerOptions Options = CreateOptions();

        private static JsonSerializerOptions CreateOptions()
        {
            var options = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                WriteIndented = false,
            };
            options.Converters.Add(new JsonStringEnumConverter());
            return options;
        }

        public static string Serialize(Envelope envelope) => JsonSerializer.Serialize(envelope, Options);

        public static Envelope Deserialize(string line) =>
            JsonSerializer.Deserialize<Envelope>(line, Options) ?? throw new JsonException("An NDJSON line held null instead of an envelope.");

        /// <summary>Writes one envelope per line, each terminated by '\n'.</summary>
        public static void WriteNdjson(IEnumerable<Envelope> envelopes, TextWriter writer)
        {
            foreach (var envelope in envelopes)
            {
                writer.Write(Serialize(envelope));
                writer.Write('\n');
            }
        }

        public static string ToNdjson(IEnumerable<Envelope> envelopes)
        {
            var builder = new StringBuilder();
            using (var writer = new StringWriter(builder))
            {
                WriteNdjson(envelopes, writer);
            }
            return builder.ToString();
        }

        public static List<Envelope> ReadNdjson(TextReader reader)
        {
            var envelopes = new List<Envelope>();
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Trim().Length > 0)
                {
                    envelopes.Add(Deserialize(line));
                }
            }
            return envelopes;
        }
    }
}
