# Fixture of check_test.go: scenarios written in ways godog would run
# without a word. Tests find lines by their text.
Feature: Written wrong

  Scenario: a table the step does not take
    Given I open "/index.html"
      | a | b |

  Scenario: a doc string the step does not take
    Given I open "/index.html"
    Then the title should be "Kumite test"
      """
      Kumite test
      """

  Scenario: a table the step needs is missing
    Given I open "/index.html"
    When I fill in:

  Scenario Outline: an outline without examples
    Given I open "<page>"

  Scenario: no steps yet

  Scenario Outline: an outline whose examples have no row
    Given I open "<page>"

    Examples:
      | page |

  Scenario: written right
    Given I open "/index.html"
    When I fill in:
      | #q | kumite |
    And I execute "x"
    And I take a screenshot
