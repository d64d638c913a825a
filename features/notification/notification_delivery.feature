@service:notification @audit
Feature: Notification delivery and its audit trail
  Kubernaut's Notification controller delivers every NotificationRequest to the channels its routing table
  selects, retries failed channels as the request's retry policy allows, and records every delivery in the
  DataStorage audit trail under the correlation id of the remediation the notification belongs to.

  The channels come from the deployed routing table, chosen by the "test-channel-set" extension exactly as
  Kubernaut's own E2E suite chooses them. Audit counts are exact: a duplicate event fails the scenario.

  Rule: A notification delivered on every channel is acknowledged once

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

    Scenario Outline: A channel set fans out to each of its channels
      Given a "StatusUpdate" notification with priority "High" for remediation "fanout"
      And it is routed to the "<channel set>" channel set
      When the notification is submitted
      Then the notification is "Sent" with reason "AllDeliveriesSucceeded"
      And it was delivered successfully to <channels>
      And the audit trail of the remediation holds exactly:
        | event type                        | count         |
        | notification.message.sent         | <sent events> |
        | notification.message.acknowledged | 1             |

      Examples: Kubernaut's multi-channel routes
        | channel set      | channels             | sent events |
        | console-file-log | console, file, log   | 3           |
        | e2e-fanout       | console, file, log   | 3           |

      @smoke
      Examples: Single-channel routes
        | channel set | channels | sent events |
        | log-only    | log      | 1           |
        | file-only   | file     | 1           |

  Rule: Failed deliveries emit channel-specific audit events

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

  Rule: Deleting a notification is attributed to whoever deleted it

    Scenario: Cancelling a notification records who cancelled it
      Given a "Simple" notification with priority "Low" for remediation "cancellation"
      And the notification has been delivered
      When the notification is deleted
      Then the audit trail of the notification holds exactly 1 "webhook.notification.cancelled" event by a user
