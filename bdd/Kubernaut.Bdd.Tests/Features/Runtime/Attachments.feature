@sample
Feature: Logs and attachments
  Steps log lines and attach evidence through IReqnrollOutputHelper: the lines and files go to
  the test output, the xUnit attachments and the message stream of the report.

  Scenario: A step logs and attaches evidence
    When the step logs "delivering to slack-ops"
    And the step attaches the text "status: delivered" as "text/plain" named "status.txt"
    And the step attaches 16 bytes as "application/octet-stream"
    And the step attaches a link to "https://example.org/runs/42"
    Then the scenario output shows "delivering to slack-ops", "status.txt" and "https://example.org/runs/42"

  Scenario: Asynchronous steps are awaited
    When an asynchronous step stores "delivered" after yielding
    Then the next step sees "delivered"
