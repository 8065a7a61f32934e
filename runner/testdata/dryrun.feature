Feature: Dry run
  Scenario: known steps
    Given I open "/index.html"
    When I wait 2 seconds
    Then "#a" should be visible

  Scenario: a typo
    Given I open "/index.html"
    When I clik "#a"
    Then I should see "A"

  Scenario: ambiguous
    Given I open "/index.html"
    Then I should see "twice"
