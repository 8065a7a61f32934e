Feature: Passing
  Scenario: the page has its title and greeting
    Given I open "/index.html"
    Then the title should be "Kumite test"
    And "#greeting" should have text "Hello, kumite"
