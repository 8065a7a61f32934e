Feature: every worker behaves as a focused window, and survives a crash
  Run by workers_test.go with two workers.

  Scenario: a renderer crash fails its scenario at once
    Given I open "/focus.html"
    When I open "chrome://crash"

  Scenario Outline: focus, blur and autofocus work on every worker (<n>)
    Given I open "/focus.html"
    Then I execute "checkFocus('auto')"
    When I click "#other"
    Then I execute "checkFocus('other')"

    Examples:
      | n |
      | 1 |
      | 2 |
      | 3 |
      | 4 |
      | 5 |
      | 6 |
      | 7 |
      | 8 |
