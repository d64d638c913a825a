using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>Each rule of the validator, against a small document written for these tests.</summary>
public sealed class SchemaValidatorTests
{
    private const string Document = """
        components:
          schemas:
            Strict:
              type: object
              additionalProperties: false
              required: [name]
              properties:
                name: { type: string, minLength: 2, maxLength: 5, pattern: '^[a-zé]+$' }
                when: { type: string, format: date-time }
                day: { type: string, format: date }
                id: { type: string, format: uuid }
                count: { type: integer, format: int32, minimum: 1, maximum: 10 }
                ratio: { type: number, minimum: 0, exclusiveMinimum: true }
                color: { type: string, enum: [red, green] }
                note: { type: string, nullable: true }
                tags: { type: array, items: { type: string }, maxItems: 2 }
                labels: { type: object, additionalProperties: { type: string } }
            Pet:
              oneOf:
                - $ref: '#/components/schemas/Cat'
                - $ref: '#/components/schemas/Dog'
              discriminator:
                propertyName: kind
                mapping:
                  cat: '#/components/schemas/Cat'
                  dog: '#/components/schemas/Dog'
            Cat: { type: object, required: [kind, lives], properties: { kind: { type: string }, lives: { type: integer } } }
            Dog: { type: object, required: [kind, bark], properties: { kind: { type: string }, bark: { type: string } } }
            Either:
              oneOf:
                - { type: string }
                - { type: integer }
                - { type: number, minimum: 100 }
            Loose:
              anyOf:
                - { type: string, minLength: 3 }
                - { type: integer }
            Named:
              allOf:
                - $ref: '#/components/schemas/Cat'
                - type: object
                  required: [name]
                  properties:
                    name: { type: string }
        """;

    private static readonly SchemaValidator Validator = new(YamlJson.Parse(Document)!);

    public static TheoryData<string, string, string, string> Violations => new()
    {
        { "Strict", """{}""", "$.name", "required" },
        { "Strict", """{"name":"a"}""", "$.name", "minLength" },
        { "Strict", """{"name":"abcdef"}""", "$.name", "maxLength" },
        { "Strict", """{"name":"ab1"}""", "$.name", "pattern" },
        { "Strict", """{"name":null}""", "$.name", "nullable" },
        { "Strict", """{"name":"ab","extra":1}""", "$.extra", "additionalProperties" },
        { "Strict", """{"name":"ab","when":"2026-08-22 10:00:00Z"}""", "$.when", "format date-time" },
        { "Strict", """{"name":"ab","when":"2026-08-22T10:00:00"}""", "$.when", "format date-time" },
        { "Strict", """{"name":"ab","when":"2026-02-30T10:00:00Z"}""", "$.when", "format date-time" },
        { "Strict", """{"name":"ab","day":"2026-13-01"}""", "$.day", "format date" },
        { "Strict", """{"name":"ab","id":"1234"}""", "$.id", "format uuid" },
        { "Strict", """{"name":"ab","count":0}""", "$.count", "minimum" },
        { "Strict", """{"name":"ab","count":11}""", "$.count", "maximum" },
        { "Strict", """{"name":"ab","count":2.5}""", "$.count", "type" },
        { "Strict", """{"name":"ab","count":"3"}""", "$.count", "type" },
        { "Strict", """{"name":"ab","ratio":0}""", "$.ratio", "minimum" },
        { "Strict", """{"name":"ab","color":"blue"}""", "$.color", "enum" },
        { "Strict", """{"name":"ab","tags":["a","b","c"]}""", "$.tags", "maxItems" },
        { "Strict", """{"name":"ab","tags":[1]}""", "$.tags[0]", "type" },
        { "Strict", """{"name":"ab","labels":{"team":7}}""", "$.labels.team", "type" },
        { "Strict", """{"name":"ab","labels":{"a-b":7}}""", "$.labels['a-b']", "type" },
        { "Pet", """{"kind":"cat","bark":"woof"}""", "$.lives", "required" },
        { "Pet", """{"kind":"cow"}""", "$.kind", "discriminator" },
        { "Pet", """{"lives":9}""", "$", "discriminator" },
        { "Either", "1.5", "$", "oneOf: matches none" },
        { "Either", "150", "$", "oneOf: matches 2 schemas" },
        { "Loose", "\"ab\"", "$", "anyOf" },
        { "Named", """{"kind":"cat","lives":1}""", "$.name", "required" },
        { "Named", """{"kind":"cat","name":"Tom"}""", "$.lives", "required" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void A_broken_rule_is_reported_at_its_path(string schema, string json, string path, string rule)
    {
        var violations = Validate(schema, json);

        violations.Should().ContainSingle(string.Join("; ", violations)).Which.Should().Match<SchemaViolation>(v => v.Path == path && v.Rule.StartsWith(rule));
    }

    [Theory]
    [InlineData("Strict", """{"name":"abé","when":"2026-08-22T10:00:00.123456789+02:00","day":"2026-08-22","id":"3F2B8C1E-5D4A-4E7B-9C1D-2A6F8E0B7C41","count":10,"ratio":0.1,"color":"red","note":null,"tags":["a"],"labels":{"x":"y"}}""")]
    [InlineData("Pet", """{"kind":"dog","bark":"woof"}""")]
    [InlineData("Either", "\"text\"")]
    [InlineData("Either", "7")]
    [InlineData("Loose", "\"abc\"")]
    [InlineData("Named", """{"kind":"cat","lives":9,"name":"Tom"}""")]
    public void A_conforming_value_has_no_violations(string schema, string json)
    {
        Validate(schema, json).Should().BeEmpty();
    }

    [Fact]
    public void A_reference_that_does_not_resolve_is_an_error_in_the_spec_not_a_silent_pass()
    {
        var broken = () => Validator.Validate(new JsonObject { ["$ref"] = "#/components/schemas/Missing" }, JsonValue.Create(1));

        broken.Should().Throw<InvalidOperationException>().WithMessage("*#/components/schemas/Missing*");
    }

    private static IReadOnlyList<SchemaViolation> Validate(string schema, string json) =>
        Validator.Validate(new JsonObject { ["$ref"] = $"#/components/schemas/{schema}" }, JsonNode.Parse(json));
}
