@sample
Feature: Step expressions
  Step definitions match with Cucumber expressions (parameter types, optional text,
  alternatives) or regular expressions, and arguments convert to the parameter types.

  Scenario: Built-in parameter types
    Given 3 notifications of 2.5 KB each from "alertmanager" via webhook
    Then the batch holds 7.5 KB in total

  Scenario: Optional text and alternatives
    Given 1 receiver is muted
    And 2 receivers are silenced
    Then 3 receivers are muted in total

  Scenario: A custom parameter type
    Given the flight LHR-CDG is delayed
    Then the delayed flight leaves from LHR for CDG

  Scenario: A regular expression
    Given the retry budget is 5 attempts
    Then the retry budget allows 5 attempts

  Scenario: Dates, durations, identifiers and enums
    Given a maintenance window from 2025-01-31T22:00:00Z lasting 01:30:00 for incident 3f2504e0-4f89-11d3-9a0c-0305e82c3301 on channel pager
    Then the window ends at 2025-01-31T23:30:00Z
