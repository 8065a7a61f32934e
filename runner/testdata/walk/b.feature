Feature: B
  Scenario: b1
    Given I open "/b"
