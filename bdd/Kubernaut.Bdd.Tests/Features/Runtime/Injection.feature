@sample @injection
Feature: Context injection
  Bindings get their dependencies through their constructors: one object per scenario for
  scenario-scoped types, the feature's context per feature, and what a BeforeTestRun hook
  registered for the whole run.

  Scenario: Step classes of one scenario share its objects
    Given the first step class notes the objects it was given
    When the second step class notes the objects it was given
    Then both step classes were given the same scenario objects

  Scenario: The next scenario gets new scenario objects but the same feature and run objects
    Given the first step class notes the objects it was given
    Then its scenario objects differ from the previous scenario's
    And its feature context and run registry are the previous scenario's
    And the previous scenario's objects were disposed
