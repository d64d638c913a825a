@sample @ordering @serial
Feature: Serial feature
  A feature tagged with a tag listed in generator.addNonParallelizableMarkerForTags runs alone.

  Scenario: No other scenario runs during the first serial scenario
    Then no scenario of another feature is running
    And this is scenario 1 of this feature to run

  Scenario: No other scenario runs during the second serial scenario
    Then no scenario of another feature is running
    And this is scenario 2 of this feature to run
