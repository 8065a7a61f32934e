Feature: Slow
  Scenario: quick
    Given I open "/index.html"
    Then the title should be "Kumite test"

  Scenario: slow
    Given I open "/index.html"
    When I wait 20 seconds

  Scenario: never reached
    Given I open "/index.html"
