@sample @ordering
Feature: Second parallel feature
  Features run in parallel with each other; the scenarios of one feature run in declaration order.

  Scenario: First scenario of the second feature
    Then this is scenario 1 of this feature to run

  Scenario: Second scenario of the second feature
    Then this is scenario 2 of this feature to run

  Scenario: Third scenario of the second feature
    Then this is scenario 3 of this feature to run
