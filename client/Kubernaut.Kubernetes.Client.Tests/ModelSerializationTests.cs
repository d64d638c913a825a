using System.Text.Json.Nodes;

namespace Kubernaut.Kubernetes.Client.Tests;

public sealed class ModelSerializationTests
{
    [Fact]
    public void A_notification_request_is_written_with_the_CRDs_field_names_and_without_nulls()
    {
        var notification = new NotificationRequest
        {
            Metadata = { Name = "e2e-lifecycle-test", Namespace = "notification-e2e" },
            Spec = new NotificationRequestSpec
            {
                RemediationRequestRef = new ObjectReference { Name = "e2e-remediation-1" },
                ClusterId = "test-cluster",
                Type = NotificationTypes.Escalation,
                Priority = NotificationPriorities.Critical,
                Subject = "Disk full",
                Body = "node-1 is at 99%",
                ReviewSource = "AIAnalysis",
                Context = new NotificationContext
                {
                    Lineage = new LineageContext { RemediationRequest = "e2e-remediation-1" },
                    Workflow = new WorkflowContext { Confidence = "0.92" },
                    Review = new ReviewContext { CircuitBreakerActivated = true },
                },
                Extensions = new() { ["test-channel-set"] = "slack-failure" },
                ActionLinks = [new ActionLink { Service = "grafana", Url = "https://grafana/d/1", Label = "Dashboard" }],
                RetryPolicy = new RetryPolicy { MaxAttempts = 1, InitialBackoffSeconds = 1, BackoffMultiplier = 2, MaxBackoffSeconds = 60 },
                RetentionDays = 7,
            },
        };

        JsonNode.Parse(KubernetesJson.Serialize(notification))!.ToJsonString().Should().Be(
            "{\"apiVersion\":\"kubernaut.ai/v1alpha1\",\"kind\":\"NotificationRequest\",\"metadata\":{\"name\":\"e2e-lifecycle-test\",\"namespace\":\"notification-e2e\"}," +
            "\"spec\":{\"remediationRequestRef\":{\"name\":\"e2e-remediation-1\"},\"clusterID\":\"test-cluster\",\"type\":\"Escalation\",\"priority\":\"Critical\"," +
            "\"subject\":\"Disk full\",\"body\":\"node-1 is at 99%\",\"reviewSource\":\"AIAnalysis\"," +
            "\"context\":{\"lineage\":{\"remediationRequest\":\"e2e-remediation-1\"},\"workflow\":{\"confidence\":\"0.92\"},\"review\":{\"circuitBreakerActivated\":true}}," +
            "\"extensions\":{\"test-channel-set\":\"slack-failure\"},\"actionLinks\":[{\"service\":\"grafana\",\"url\":\"https://grafana/d/1\",\"label\":\"Dashboard\"}]," +
            "\"retryPolicy\":{\"maxAttempts\":1,\"initialBackoffSeconds\":1,\"backoffMultiplier\":2,\"maxBackoffSeconds\":60},\"retentionDays\":7}}");
    }

    [Fact]
    public void A_notification_status_is_read_with_attempts_conditions_and_timestamps()
    {
        var notification = KubernetesJson.Deserialize<NotificationRequest>("""
            {"metadata":{"name":"n"},"spec":{"type":"Simple","priority":"Low","subject":"s","body":"b"},
             "status":{"phase":"Failed","reason":"MaxRetriesExhausted","message":"All delivery attempts failed or exhausted retries",
               "totalAttempts":1,"successfulDeliveries":0,"failedDeliveries":1,"observedGeneration":1,
               "queuedAt":"2026-08-22T10:00:00Z","processingStartedAt":"2026-08-22T10:00:01Z","completionTime":"2026-08-22T10:00:02.5Z",
               "deliveryAttempts":[{"channel":"slack:slack-failure","attempt":1,"timestamp":"2026-08-22T10:00:02Z","status":"failed","error":"503","durationSeconds":0.25}],
               "conditions":[{"type":"Ready","status":"False","reason":"NotReady","lastTransitionTime":"2026-08-22T10:00:02Z","observedGeneration":1}]}}
            """)!;

        var status = notification.Status!;
        NotificationPhases.IsTerminal(status.Phase).Should().BeTrue();
        status.Reason.Should().Be("MaxRetriesExhausted");
        status.FailedDeliveries.Should().Be(1);
        status.CompletionTime.Should().Be(new DateTimeOffset(2026, 8, 22, 10, 0, 2, 500, TimeSpan.Zero));
        status.DeliveryAttempts!.Single().Should().Match<DeliveryAttempt>(attempt =>
            attempt.Channel == "slack:slack-failure" && attempt.Status == "failed" && attempt.DurationSeconds == 0.25);
        status.Conditions!.Single().Should().Match<Condition>(condition => condition.Type == "Ready" && condition.Status == "False" && condition.Reason == "NotReady");
    }

    [Fact]
    public void Timestamps_are_written_in_UTC_with_a_Z_and_only_the_fraction_they_need()
    {
        var seconds = new DateTimeOffset(2026, 8, 22, 12, 0, 0, TimeSpan.FromHours(2));

        KubernetesJson.Serialize(seconds).Should().Be("\"2026-08-22T10:00:00Z\"");
        KubernetesJson.Serialize(seconds.AddTicks(1234560)).Should().Be("\"2026-08-22T10:00:00.123456Z\"");
        KubernetesJson.Deserialize<DateTimeOffset>("\"2026-08-22T12:00:00+02:00\"").Should().Be(seconds);
    }

    [Fact]
    public void Fields_the_model_does_not_declare_survive_a_round_trip_at_every_level()
    {
        const string json = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\",\"managedFields\":[{\"manager\":\"kubectl\"}]}," +
            "\"spec\":{\"replicas\":1,\"strategy\":{\"type\":\"Recreate\"},\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"resources\":{\"limits\":{\"cpu\":\"1\"}}}]}}}," +
            "\"status\":{\"readyReplicas\":1,\"collisionCount\":2}}";

        var deployment = KubernetesJson.Deserialize<Deployment>(json)!;

        JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(deployment)), JsonNode.Parse(json)).Should().BeTrue();
        deployment.Spec!.Template!.Spec!.Containers.Single().AdditionalProperties!.Should().ContainKey("resources");
    }

    [Fact]
    public void A_generic_object_exposes_its_fields_and_converts_to_a_typed_model()
    {
        const string json = "{\"apiVersion\":\"kubernaut.ai/v1alpha1\",\"kind\":\"NotificationRequest\",\"metadata\":{\"name\":\"n\",\"namespace\":\"ns\"}," +
            "\"spec\":{\"type\":\"Simple\",\"priority\":\"Low\",\"subject\":\"s\",\"body\":\"b\"},\"status\":{\"phase\":\"Sent\"}}";

        var generic = KubernetesJson.Deserialize<KubernetesObject>(json)!;

        generic.Kind.Should().Be("NotificationRequest");
        generic.Metadata.Namespace.Should().Be("ns");
        generic["status"]!["phase"]!.GetValue<string>().Should().Be("Sent");
        generic.Fields.Select(field => field.Key).Should().Equal("spec", "status");
        generic.ConvertTo<NotificationRequest>().Spec.Subject.Should().Be("s");
        JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(generic)), JsonNode.Parse(json)).Should().BeTrue();
    }

    [Fact]
    public void A_remediation_request_keeps_spec_and_status_as_json()
    {
        var request = KubernetesJson.Deserialize<RemediationRequest>(
            "{\"metadata\":{\"name\":\"rr\"},\"spec\":{\"signalName\":\"HighMemory\"},\"status\":{\"overallPhase\":\"Analyzing\"}}")!;

        request.OverallPhase.Should().Be("Analyzing");
        request.Spec!["signalName"]!.GetValue<string>().Should().Be("HighMemory");
        JsonNode.Parse(KubernetesJson.Serialize(request))!.AsObject().Select(field => field.Key).Should().Equal("apiVersion", "kind", "metadata", "spec", "status");
    }

    [Fact]
    public void Service_ports_read_numeric_and_named_target_ports_and_node_ports()
    {
        var service = KubernetesJson.Deserialize<Service>(
            "{\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.96.0.10\",\"ports\":[{\"name\":\"api\",\"port\":8080,\"targetPort\":8080,\"nodePort\":30090},{\"port\":9090,\"targetPort\":\"metrics\"}]}}")!;

        var ports = service.Spec!.Ports!;
        ports[0].TargetPort!.Value.Number.Should().Be(8080);
        ports[0].NodePort.Should().Be(30090);
        ports[1].TargetPort!.Value.Name.Should().Be("metrics");
        service.Spec.ClusterIP.Should().Be("10.96.0.10");
        KubernetesJson.Serialize(service).Should().Contain("\"targetPort\":8080").And.Contain("\"targetPort\":\"metrics\"");
    }

    [Fact]
    public void Secret_data_is_base64_on_the_wire_and_bytes_in_the_model()
    {
        var secret = KubernetesJson.Deserialize<Secret>("{\"type\":\"Opaque\",\"data\":{\"url\":\"aHR0cHM6Ly9ob29rcy5zbGFjay5jb20=\"}}")!;

        System.Text.Encoding.UTF8.GetString(secret.Data!["url"]).Should().Be("https://hooks.slack.com");
        KubernetesJson.Serialize(secret).Should().Contain("\"url\":\"aHR0cHM6Ly9ob29rcy5zbGFjay5jb20=\"");
    }

    [Fact]
    public void New_typed_objects_carry_their_api_version_and_kind()
    {
        new ClusterRoleBinding().Should().Match<ClusterRoleBinding>(binding =>
            binding.ApiVersion == "rbac.authorization.k8s.io/v1" && binding.Kind == "ClusterRoleBinding");
        new Pod().ApiVersion.Should().Be("v1");
    }
}
