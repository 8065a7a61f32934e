# Fixture of features_test.go: tests find lines by their text, so lines
# may move, but keep the tags and the order of the scenarios.
@feat
Feature: Selection

  Background:
    Given I open "/index.html"

  @smoke
  Scenario: first
    When I click "#a"
    Then I should see "A"

  @wip
  Scenario: second
    When I execute "doc"
    """
    console.log("in a doc string")
    """

  @smoke @slow
  Scenario Outline: outline <n>
    When I type "<n>" into "#q"
    Then I should see "<word>"

    Examples:
      | n | word  |
      | 1 | one   |
      | 2 | two   |

    @wip
    Examples: more
      | n | word  |
      | 3 | three |

  Rule: ruled
    Scenario: in a rule
      Then the title should be "ruled"
      And I fill in:
        | #user | alice  |
        | #pass | secret |
