Feature: Undefined steps
  Scenario: two undefined steps
    Given I open "/index.html"
    When the moon is made of green cheese
    Then I clik "#a"
    And the title should be "x"
