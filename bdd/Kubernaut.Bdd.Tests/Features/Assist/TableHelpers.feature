@sample
Feature: Table helpers
  Tables become objects and sets with Reqnroll's Assist helpers, or any type through a
  [StepArgumentTransformation]; doc strings arrive as text.

  Scenario: A vertical table creates one object
    Given the receiver
      | Field       | Value     |
      | Name        | slack-ops |
      | Channel     | Slack     |
      | Max Retries | 3         |
    Then the receiver is
      | Field       | Value     |
      | name        | slack-ops |
      | channel     | Slack     |
      | max retries | 3         |

  Scenario: A horizontal table creates a set, and a set compares to a table
    Given the receivers
      | name         | channel | max retries |
      | slack-ops    | Slack   | 3           |
      | pager-oncall | Pager   | 5           |
      | mail-audit   | Email   | 0           |
    Then the receivers with retries are
      | Name         | Channel |
      | pager-oncall | Pager   |
      | slack-ops    | Slack   |

  Scenario: A transformation turns a table into a domain object
    Given the escalation policy
      | level | receiver     |
      | 1     | slack-ops    |
      | 2     | pager-oncall |
    Then level 2 escalates to "pager-oncall"

  Scenario: A doc string arrives as text
    Given the routing configuration
      """yaml
      route:
        receiver: slack-ops
        group_wait: 30s
      """
    Then the configuration has 3 lines and names the receiver "slack-ops"
