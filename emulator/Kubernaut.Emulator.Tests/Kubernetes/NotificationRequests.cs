using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Tests.Kubernetes;

/// <summary>
/// The NotificationRequests the admission tests send, each with what the API server must answer. The CRD contract test
/// checks every one of them against the CRD's own schema, so the emulator accepts exactly what a real cluster accepts.
/// </summary>
internal static class NotificationRequests
{
    /// <summary>One request: its spec (null for none at all), and either acceptance or the cause of the 422.</summary>
    public sealed record Case(string Name, string? Spec, string? Field = null, string? Reason = null, string? Message = null)
    {
        public bool Accepted => Field is null;

        public JsonObject Object(string name) => WithSpec(name, Spec is null ? null : JsonNode.Parse(Spec));
    }

    public const string MinimalSpec = """{"type":"Simple","subject":"Disk almost full","body":"node-1 is at 91%"}""";

    public static JsonObject Valid(string name) => WithSpec(name, JsonNode.Parse(MinimalSpec));

    public static JsonObject WithSpec(string name, JsonNode? spec)
    {
        var notification = new JsonObject
        {
            ["apiVersion"] = "kubernaut.ai/v1alpha1",
            ["kind"] = "NotificationRequest",
            ["metadata"] = new JsonObject { ["name"] = name },
        };
        if (spec is not null)
        {
            notification["spec"] = spec.DeepClone();
        }
        return notification;
    }

    private static readonly string LongSubject = new('s', 501);

    public static readonly IReadOnlyList<Case> Cases =
    [
        new("minimal", MinimalSpec),
        new("every field at its bounds", """
            {"type":"Escalation","priority":"Critical","subject":"S","body":"B","severity":"critical","phase":"Executing","clusterID":"kind-1",
             "reviewSource":"AIAnalysis","retentionDays":90,
             "remediationRequestRef":{"apiVersion":"kubernaut.ai/v1alpha1","kind":"RemediationRequest","name":"rr-1","namespace":"kubernaut-system"},
             "retryPolicy":{"maxAttempts":10,"initialBackoffSeconds":300,"backoffMultiplier":10,"maxBackoffSeconds":3600},
             "extensions":{"test-channel-set":"console-file"},
             "actionLinks":[{"service":"grafana","url":"https://grafana.example/d/1","label":"Dashboard"},{"service":"github","url":"https://github.com/x","label":"Repo"}],
             "context":{"lineage":{"remediationRequest":"rr-1","aiAnalysis":"ai-1"},"review":{"reason":"WorkflowResolutionFailed","circuitBreakerActivated":true},
                        "verification":{"assessed":false,"degraded":true},"workflow":{"confidence":"0.95"},"dedup":{"duplicateCount":"3"}}}
            """),
        new("lower bounds", """{"type":"Completion","subject":"S","body":"B","retentionDays":1,"retryPolicy":{"maxAttempts":1,"initialBackoffSeconds":1,"backoffMultiplier":1,"maxBackoffSeconds":60}}"""),
        new("empty retry policy", """{"type":"Simple","subject":"S","body":"B","retryPolicy":{}}"""),
        new("no spec at all", null),
        new("missing type", """{"subject":"S","body":"B"}""", "spec.type", "FieldValueRequired", "Required value"),
        new("missing subject", """{"type":"Simple","body":"B"}""", "spec.subject", "FieldValueRequired", "Required value"),
        new("missing body", """{"type":"Simple","subject":"S"}""", "spec.body", "FieldValueRequired", "Required value"),
        new("unknown type", """{"type":"Urgent","subject":"S","body":"B"}""", "spec.type", "FieldValueNotSupported",
            "Unsupported value: \"Urgent\": supported values: \"Escalation\", \"Simple\", \"StatusUpdate\", \"Approval\", \"ManualReview\", \"Completion\""),
        new("lower-case priority", """{"type":"Simple","priority":"high","subject":"S","body":"B"}""", "spec.priority", "FieldValueNotSupported",
            "Unsupported value: \"high\": supported values: \"Critical\", \"High\", \"Medium\", \"Low\""),
        new("unknown review source", """{"type":"ManualReview","reviewSource":"Human","subject":"S","body":"B"}""", "spec.reviewSource", "FieldValueNotSupported",
            "Unsupported value: \"Human\": supported values: \"AIAnalysis\", \"WorkflowExecution\", \"RoutingEngine\""),
        new("empty subject", """{"type":"Simple","subject":"","body":"B"}""", "spec.subject", "FieldValueInvalid",
            "Invalid value: \"\": spec.subject in body should be at least 1 chars long"),
        new("subject of 501 characters", $$"""{"type":"Simple","subject":"{{LongSubject}}","body":"B"}""", "spec.subject", "FieldValueTooLong",
            "Too long: may not be more than 500 bytes"),
        new("empty body", """{"type":"Simple","subject":"S","body":""}""", "spec.body", "FieldValueInvalid",
            "Invalid value: \"\": spec.body in body should be at least 1 chars long"),
        new("zero attempts", """{"type":"Simple","subject":"S","body":"B","retryPolicy":{"maxAttempts":0}}""", "spec.retryPolicy.maxAttempts", "FieldValueInvalid",
            "Invalid value: 0: spec.retryPolicy.maxAttempts in body should be greater than or equal to 1"),
        new("eleven attempts", """{"type":"Simple","subject":"S","body":"B","retryPolicy":{"maxAttempts":11}}""", "spec.retryPolicy.maxAttempts", "FieldValueInvalid",
            "Invalid value: 11: spec.retryPolicy.maxAttempts in body should be less than or equal to 10"),
        new("initial backoff too long", """{"type":"Simple","subject":"S","body":"B","retryPolicy":{"initialBackoffSeconds":301}}""", "spec.retryPolicy.initialBackoffSeconds", "FieldValueInvalid",
            "Invalid value: 301: spec.retryPolicy.initialBackoffSeconds in body should be less than or equal to 300"),
        new("multiplier zero", """{"type":"Simple","subject":"S","body":"B","retryPolicy":{"backoffMultiplier":0}}""", "spec.retryPolicy.backoffMultiplier", "FieldValueInvalid",
            "Invalid value: 0: spec.retryPolicy.backoffMultiplier in body should be greater than or equal to 1"),
        new("max backoff under a minute", """{"type":"Simple","subject":"S","body":"B","retryPolicy":{"maxBackoffSeconds":59}}""", "spec.retryPolicy.maxBackoffSeconds", "FieldValueInvalid",
            "Invalid value: 59: spec.retryPolicy.maxBackoffSeconds in body should be greater than or equal to 60"),
        new("max backoff over an hour", """{"type":"Simple","subject":"S","body":"B","retryPolicy":{"maxBackoffSeconds":3601}}""", "spec.retryPolicy.maxBackoffSeconds", "FieldValueInvalid",
            "Invalid value: 3601: spec.retryPolicy.maxBackoffSeconds in body should be less than or equal to 3600"),
        new("retention of 91 days", """{"type":"Simple","subject":"S","body":"B","retentionDays":91}""", "spec.retentionDays", "FieldValueInvalid",
            "Invalid value: 91: spec.retentionDays in body should be less than or equal to 90"),
        new("retention of 0 days", """{"type":"Simple","subject":"S","body":"B","retentionDays":0}""", "spec.retentionDays", "FieldValueInvalid",
            "Invalid value: 0: spec.retentionDays in body should be greater than or equal to 1"),
        new("retention as text", """{"type":"Simple","subject":"S","body":"B","retentionDays":"7"}""", "spec.retentionDays", "FieldValueInvalid",
            "Invalid value: \"string\": spec.retentionDays in body must be of type integer: \"string\""),
        new("numeric extension value", """{"type":"Simple","subject":"S","body":"B","extensions":{"attempt":1}}""", "spec.extensions.attempt", "FieldValueInvalid",
            "Invalid value: \"integer\": spec.extensions.attempt in body must be of type string: \"integer\""),
        new("action link without url", """{"type":"Simple","subject":"S","body":"B","actionLinks":[{"service":"grafana","label":"Dashboard"}]}""", "spec.actionLinks[0].url", "FieldValueRequired",
            "Required value"),
        new("verification without assessed", """{"type":"Completion","subject":"S","body":"B","context":{"verification":{"outcome":"passed"}}}""", "spec.context.verification.assessed", "FieldValueRequired",
            "Required value"),
    ];

    public static TheoryData<string> CaseNames() => new(Cases.Select(c => c.Name));

    public static Case Named(string name) => Cases.Single(c => c.Name == name);
}
