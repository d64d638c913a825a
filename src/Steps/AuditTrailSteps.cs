using Kubernaut.Acceptance.Drivers;
using Kubernaut.Acceptance.Support;
using Reqnroll;
using Reqnroll.Assist;

namespace Kubernaut.Acceptance.Steps;

[Binding]
public sealed class AuditTrailSteps(AuditTrailDriver auditTrail, RemediationUnderTest remediation, NotificationDriver notifications)
{
    [Then("the audit trail of the remediation holds exactly:")]
    public Task ThenTheAuditTrailHoldsExactly(Table rows) =>
        auditTrail.WaitForExactlyAsync(remediation.CorrelationId, rows.CreateSet<AuditRow>().Select(row => row.ToExpectation()).ToList());

    [Then("the audit trail of the remediation holds exactly {int} {string} event(s)")]
    public Task ThenTheAuditTrailHoldsExactlyCount(int count, string eventType) =>
        auditTrail.WaitForExactlyAsync(remediation.CorrelationId, [new AuditExpectation(eventType, count)]);

    // The auth webhook correlates deletions by the NotificationRequest's name, not the remediation (FACTS section 3.1).
    [Then("the audit trail of the notification holds exactly {int} {string} event(s) by a user")]
    public Task ThenTheNotificationTrailHoldsUserEvents(int count, string eventType) =>
        auditTrail.WaitForExactlyAsync(notifications.LatestName, [new AuditExpectation(eventType, count, ActorType: "user")]);

    /// <summary>One row of an audit table: "event type", optional "channel" (blank matches any), "count".</summary>
    public sealed class AuditRow
    {
        public string EventType { get; set; } = "";

        public string? Channel { get; set; }

        public int Count { get; set; }

        public AuditExpectation ToExpectation() => new(EventType, Count, string.IsNullOrWhiteSpace(Channel) ? null : Channel);
    }
}
