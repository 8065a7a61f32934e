@console
Feature: Browser console and failed requests
  Console errors, uncaught exceptions and failed requests are recorded in
  the log of the step during which they happened, and shown in the report.
  They do not fail the scenario by themselves.

  Scenario: a page that misbehaves still passes its assertions
    Given I open "/console.html"
    Then I should see "This page misbehaves on purpose"
    And "#missing-image" should exist
    When I click "#log-error"
    And I click "#throw-error"
    Then "#clicks" should have text "2"
