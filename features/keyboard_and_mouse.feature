@interactions
Feature: Keyboard and mouse
  Press single keys and combinations, hover, double-click, scroll an element
  into view, pick the n-th of several elements with the same text, and run
  a line of JavaScript in the page.

  Background:
    Given I open "/keys.html"

  Scenario: press keys in a field
    When I type "kumite" into "#key-input"
    Then "#key-input" should have value "kumite"
    When I press "Backspace" in "#key-input"
    Then "#key-input" should have value "kumit"
    And "#last-key" should have text "Backspace"
    When I press "Escape" in "#key-input"
    Then "#key-input" should have value ""
    And "#last-key" should have text "Escape"

  Scenario: Tab moves the focus to the next field
    When I click "#key-input"
    And I press "Tab"
    Then "#focused" should have text "second-input"
    And "#last-key" should have text "Tab"
    When I press "Shift+Tab"
    Then "#focused" should have text "key-input"
    And "#last-key" should have text "Shift+Tab"

  Scenario Outline: the key log names every key (<key>)
    When I press "<key>" in "#second-input"
    Then "#last-key" should have text "<logged>"

    Examples: single keys
      | key        | logged     |
      | Enter      | Enter      |
      | ArrowDown  | ArrowDown  |
      | ArrowLeft  | ArrowLeft  |
      | Home       | Home       |
      | PageDown   | PageDown   |
      | Space      | Space      |
      | Delete     | Delete     |
      | F2         | F2         |

    Examples: combinations
      | key             | logged          |
      | Control+A       | Control+A       |
      | Control+Shift+K | Control+Shift+K |
      | Alt+ArrowUp     | Alt+ArrowUp     |

  Scenario: select all and delete
    When I type "some text" into "#key-input"
    And I press "Control+A"
    And I press "Delete"
    Then "#key-input" should have value ""

  Scenario: hover shows a tooltip
    Then "#tooltip" should be hidden
    And I should not see "Tooltips appear on hover"
    When I hover over "#hover-target"
    Then "#tooltip" should be visible
    And I should see "Tooltips appear on hover"

  Scenario: double-click
    When I double-click "{span}Double-click me"
    Then "#double-click-result" should have text "Double-clicked!"

  Scenario: click a counter, then change it with JavaScript
    When I click "{button}Add one"
    And I click "{button}Add one"
    And I click "{button}Add one"
    Then "#count" should have text "3"
    When I execute "document.getElementById('count').textContent = '41'"
    And I click "#counter"
    Then "#count" should have text "42"

  Scenario: pick the second of three items with the same text
    Then there should be 3 elements matching "{li}Item"
    When I click "{li:2}Item"
    Then "#picked" should have text "Picked item 2"
    And "#same-items li.picked" should have attribute "data-n" with value "2"

  Scenario: scroll an element into view
    Then "#far-away" should have attribute "data-seen" with value "false"
    When I scroll to "#far-away"
    Then "#far-away" should have attribute "data-seen" with value "true"
    And I take a screenshot named "bottom of the page"
