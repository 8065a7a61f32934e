Feature: A
  Scenario: a1
    Given I open "/a"
