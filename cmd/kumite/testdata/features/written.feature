Feature: Written wrong
  Scenario: a table the step does not take
    Given I open "/index.html"
      | a | b |
    Then the title should be "Kumite test"

  Scenario: no steps yet

  Scenario Outline: an outline without examples
    Given I open "<page>"

  Scenario: written right
    Given I open "/index.html"
    Then the title should be "Kumite test"
