using System.Text.Json.Serialization;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.MessageStream;

/// <summary>
/// Compile-time JSON metadata for envelopes, with the settings of <see cref="MessageSerializer.Options"/> (the writer
/// supplies its encoder): the same JSON, written about twice as fast, which matters for runs of thousands of scenarios.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Envelope))]
internal sealed partial class MessageJsonContext : JsonSerializerContext;
