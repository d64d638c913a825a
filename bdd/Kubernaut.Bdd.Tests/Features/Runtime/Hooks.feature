@sample @hooks
Feature: Hooks
  Hooks run around the test run, each feature, each scenario and each step, in ascending
  Order, filtered by tag expressions. The scenarios of a feature run in declaration order,
  so a later scenario can check what ran after an earlier one.

  @tagged
  Scenario: Before hooks run in order and a tagged hook runs for a tagged scenario
    Then the hooks that ran so far are
      | hook                           |
      | BeforeTestRun                  |
      | BeforeFeature                  |
      | BeforeScenario (Order 1)       |
      | BeforeScenario @tagged (Order 2)|
      | BeforeScenario (Order 3)       |
      | BeforeStep                     |

  Scenario: After hooks of the previous scenario ran, and the tagged hook skips an untagged scenario
    Then the hooks that ran so far are
      | hook                           |
      | BeforeTestRun                  |
      | BeforeFeature                  |
      | BeforeScenario (Order 1)       |
      | BeforeScenario @tagged (Order 2)|
      | BeforeScenario (Order 3)       |
      | BeforeStep                     |
      | AfterStep                      |
      | AfterScenario (Order 1)        |
      | AfterScenario (Order 2)        |
      | BeforeScenario (Order 1)       |
      | BeforeScenario (Order 3)       |
      | BeforeStep                     |
