using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubernaut.Kubernetes.Client.Models;

/// <summary>intstr.IntOrString: a port number or a port name (Service targetPort, probe ports).</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public readonly record struct IntOrString
{
    private IntOrString(int? number, string? name)
    {
        Number = number;
        Name = name;
    }

    public int? Number { get; }

    public string? Name { get; }

    public static implicit operator IntOrString(int number) => new(number, null);

    public static implicit operator IntOrString(string name) => new(null, name);

    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Name ?? "";

    private sealed class IntOrStringConverter : JsonConverter<IntOrString>
    {
        public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : reader.GetString()!;

        public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
        {
            if (value.Number is { } number)
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                writer.WriteStringValue(value.Name);
            }
        }
    }
}
