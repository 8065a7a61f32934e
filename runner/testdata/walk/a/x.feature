Feature: A/X
  Scenario: x1
    Given I open "/x"
