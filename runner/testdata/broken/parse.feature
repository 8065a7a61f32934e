Feature: Broken
  Scenario: fine
    Given I open "/"
  this line is not Gherkin
