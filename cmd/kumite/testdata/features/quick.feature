Feature: Quick
  Scenario: one
    Given I open "/index.html"
    Then the title should be "Kumite test"

  Scenario: two
    Given I open "/index.html"
    Then the title should be "Kumite test"

  Scenario: three
    Given I open "/index.html"
    Then the title should be "Kumite test"
