@sample @area:routing
Feature: Notification delivery
  An outline runs once per Examples row; each Examples block brings its own tags.

  Scenario Outline: Routed to <receiver>
    Given a notification routed to the receiver "<receiver>"
    When it is delivered with outcome <outcome>
    Then the number of delivery attempts is <attempts>

    @smoke
    Examples: Successful deliveries
      | receiver      | outcome | attempts |
      | slack-success | Success | 1        |
      | pager-success | Success | 1        |

    @retry
    Examples: Failing deliveries are retried
      | receiver      | outcome | attempts |
      | slack-failure | Failure | 3        |
