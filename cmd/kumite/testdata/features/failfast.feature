Feature: Fail fast
  Scenario: first, fails
    Given I open "/index.html"
    Then the title should be "Another title"

  Scenario: second, would pass
    Given I open "/index.html"
    Then the title should be "Kumite test"

  Scenario: third, would pass
    Given I open "/index.html"
    Then "#greeting" should have text "Hello, kumite"
