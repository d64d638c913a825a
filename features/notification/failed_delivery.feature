@service:notification @audit
Feature: Failed notification delivery
  When a channel refuses a notification, the controller retries it as the request's retry policy allows and
  audits every failed attempt on the channel that failed. A notification that fails everywhere is escalated;
  one that reached some channels is partially sent and not escalated.

  Scenario: Failed delivery emits channel-specific audit events
    Given a "Simple" notification with priority "Critical" for remediation "failed-delivery"
    And it is routed to the "slack-failure" channel set
    And it allows at most 1 delivery attempt
    When the notification is submitted
    Then the notification is "Failed" with reason "MaxRetriesExhausted"
    And the audit trail of the remediation holds exactly:
      | event type                     | channel             | count |
      | notification.message.failed    | slack:slack-failure | 1     |
      | notification.message.escalated |                     | 1     |

  Scenario: A partial failure is audited per channel and not escalated
    Given a "Simple" notification with priority "High" for remediation "partial-failure"
    And it is routed to the "console-slack-failure" channel set
    And it allows at most 1 delivery attempt
    When the notification is submitted
    Then the notification is "PartiallySent" with reason "PartialDeliverySuccess"
    And the audit trail of the remediation holds exactly:
      | event type                  | channel                     | count |
      | notification.message.sent   | console                     | 1     |
      | notification.message.failed | slack:console-slack-failure | 1     |

  Scenario: A failing channel is retried until its attempts are exhausted
    Given an "Escalation" notification with priority "Critical" for remediation "retries"
    And it is routed to the "slack-failure" channel set
    And it allows at most 3 delivery attempts
    When the notification is submitted
    Then the notification is "Failed" with reason "MaxRetriesExhausted"
    And its delivery attempts are:
      | channel             | attempt | status |
      | slack:slack-failure | 1       | failed |
      | slack:slack-failure | 2       | failed |
      | slack:slack-failure | 3       | failed |
    And the audit trail of the remediation holds exactly:
      | event type                     | channel             | count |
      | notification.message.failed    | slack:slack-failure | 3     |
      | notification.message.escalated |                     | 1     |
