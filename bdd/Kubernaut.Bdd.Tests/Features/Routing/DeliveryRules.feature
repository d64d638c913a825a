@sample @area:routing
Feature: Delivery rules
  A notification goes to the receivers of its route. Rules group the scenarios of one
  business rule; the feature's background and each rule's background set them up.

  Background:
    Given the receivers
      | name         | channel | max retries |
      | slack-ops    | Slack   | 3           |
      | pager-oncall | Pager   | 5           |

  Rule: A notification goes to every receiver of its route

    Background:
      Given the route "ops" lists the receiver "slack-ops"

    Example: One receiver on the route
      When a notification is sent on the route "ops"
      Then it is delivered to 1 receiver

    Example: A second receiver joins the route
      Given the route "ops" lists the receiver "pager-oncall"
      When a notification is sent on the route "ops"
      Then it is delivered to 2 receivers
      And the receivers reached are
        | name         | channel |
        | slack-ops    | Slack   |
        | pager-oncall | Pager   |

  @edge
  Rule: A route that does not exist delivers nothing

    Example: An unknown route
      When a notification is sent on the route "missing"
      Then it is delivered to 0 receivers
