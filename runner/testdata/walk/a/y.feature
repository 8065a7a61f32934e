Feature: A/Y
  Scenario: y1
    Given I open "/y"
  Scenario: y2
    Given I open "/y2"
