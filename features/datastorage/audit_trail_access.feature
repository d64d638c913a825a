@service:datastorage @audit
Feature: Access to the audit trail
  DataStorage serves the audit trail only to callers Kubernetes vouches for: a ServiceAccount token that passes
  TokenReview, whose ServiceAccount is bound in DataStorage's namespace to the ClusterRole "data-storage-client".
  Authentication comes before validation, so an anonymous malformed request learns nothing about the API.

  Scenario: A request without a token is refused
    Given a caller without a token
    When the caller queries the audit trail
    Then DataStorage refuses the query with status 401

  Scenario: A ServiceAccount without the data-storage-client binding is forbidden
    Given a ServiceAccount without DataStorage access
    When the caller queries the audit trail
    Then DataStorage refuses the query with status 403

  Scenario: A ServiceAccount bound to data-storage-client reads the audit trail
    Given a ServiceAccount with DataStorage access
    When the caller queries the audit trail
    Then DataStorage answers the query

  Scenario: A long audit trail is read completely, page by page
    Given 450 "notification.message.sent" events were recorded for remediation "paging"
    Then the audit trail of the remediation holds exactly 450 "notification.message.sent" events
