Feature: Failing
  Scenario: the title is not what the test expects
    Given I open "/index.html"
    Then the title should be "Another title"
