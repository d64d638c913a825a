@service:notification @audit
Feature: Notification routing
  The controller resolves a notification's channels from its routing table, Alertmanager style: routes match
  on the notification's attributes and extensions, the first match wins, and "continue: true" fans out to the
  next matching route. The E2E routing table selects receivers by the "test-channel-set" extension, exactly as
  Kubernaut's own E2E suite does; every channel of the chosen set gets one delivery and one audit event.

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
