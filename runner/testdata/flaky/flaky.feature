Feature: flaky server
  Scenario: the first answer is broken
    Given I open "/"
    Then the title should be "fine"
