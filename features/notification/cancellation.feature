@service:notification @audit
Feature: Notification cancellation
  Deleting a NotificationRequest is attributed to whoever deleted it: Kubernaut's auth webhook records a
  cancellation event correlated by the notification's name (SOC2 CC8.1 operator attribution).

  Scenario: Cancelling a notification records who cancelled it
    Given a "Simple" notification with priority "Low" for remediation "cancellation"
    And the notification has been delivered
    When the notification is deleted
    Then the audit trail of the notification holds exactly 1 "webhook.notification.cancelled" event by a user
