@service:notification @audit
Feature: Notification delivery
  Kubernaut's Notification controller delivers every NotificationRequest to the channels its routing table
  selects and records every delivery in the DataStorage audit trail under the correlation id of the
  remediation the notification belongs to. A notification delivered on every channel is acknowledged once.

  Without a "test-channel-set" extension the root receiver delivers to the console. Audit counts are exact:
  a duplicate event fails the scenario.

  Scenario: A console notification is delivered and acknowledged
    Given a "Simple" notification with priority "Critical" for remediation "lifecycle"
    When the notification is submitted
    Then the notification is "Sent" with reason "AllDeliveriesSucceeded"
    And its delivery attempts are:
      | channel | attempt | status  |
      | console | 1       | success |
    And the notification's routing was resolved by "RoutingRuleMatched"
    And the audit trail of the remediation holds exactly:
      | event type                        | channel | count |
      | notification.message.sent         | console | 1     |
      | notification.message.acknowledged |         | 1     |
