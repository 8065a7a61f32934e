Feature: Broken
  Scenario: fine
    Given I open "/index.html"
  this line is not Gherkin
