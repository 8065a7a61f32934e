Feature: Undefined steps anywhere
  Scenario: far from every known step, in the middle
    Given I open "/index.html"
    When the moon is made of green cheese
    Then the title should be "Kumite test"

  Scenario: after a failed step
    Given I open "/index.html"
    Then the title should be "Another title"
    And the sun is made of blue cheese
