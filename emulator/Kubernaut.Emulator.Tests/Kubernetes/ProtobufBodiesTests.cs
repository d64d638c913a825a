using System.Text;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes.Api;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>kubectl's typed commands send protobuf; these bodies are built byte by byte as client-go encodes them.</summary>
public sealed class ProtobufBodiesTests
{
    [Fact]
    public void A_namespace_from_kubectl_create_namespace_decodes_to_json()
    {
        var labels = Message(Field(1, "team"), Field(2, "qa"));
        var metadata = Message(Field(1, "demo"), Field(2, ""), Field(11, labels));
        var body = Envelope("v1", "Namespace", Message(Field(1, metadata), Field(2, Message()), Field(3, Message())));

        var decoded = ProtobufBodies.Decode(body);

        decoded.ToJsonString().Should().Be("""{"metadata":{"name":"demo","labels":{"team":"qa"}},"spec":{},"apiVersion":"v1","kind":"Namespace"}""", "empty strings are omitted as JSON omits them, and status is not read");
    }

    [Fact]
    public void A_token_request_keeps_its_expiration_and_audiences()
    {
        var spec = Message(Field(1, "datastorage"), Varint(4, 7200));
        var body = Envelope("authentication.k8s.io/v1", "TokenRequest", Message(Field(1, Message()), Field(2, spec)));

        var decoded = ProtobufBodies.Decode(body);

        decoded["spec"]!.ToJsonString().Should().Be("""{"audiences":["datastorage"],"expirationSeconds":7200}""");
    }

    [Fact]
    public void A_kind_without_a_schema_is_415_saying_how_to_send_it_instead()
    {
        var body = Envelope("batch/v1", "CronJob", Message());

        var decode = () => ProtobufBodies.Decode(body);

        decode.Should().Throw<Emulator.Kubernetes.ApiException>().Which.Message.Should().Contain("CronJob").And.Contain("kubectl apply -f");
    }

    private static byte[] Envelope(string apiVersion, string kind, byte[] raw) =>
        [.. "k8s\0"u8.ToArray(), .. Message(Field(1, Message(Field(1, apiVersion), Field(2, kind))), Field(2, raw))];

    private static byte[] Message(params byte[][] fields) => fields.SelectMany(f => f).ToArray();

    private static byte[] Field(int number, string text) => Field(number, Encoding.UTF8.GetBytes(text));

    private static byte[] Field(int number, byte[] bytes) => [.. Encode((ulong)(number << 3 | 2)), .. Encode((ulong)bytes.Length), .. bytes];

    private static byte[] Varint(int number, ulong value) => [.. Encode((ulong)(number << 3)), .. Encode(value)];

    private static byte[] Encode(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
