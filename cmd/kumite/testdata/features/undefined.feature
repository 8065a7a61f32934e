Feature: Undefined
  Scenario: a misspelled step
    Given I opne "/index.html"
    Then the title should be "Kumite test"
