@tabs
Feature: Follow a link into a new tab
  Links with target=_blank and window.open() open a new tab. Switch to the
  newest tab, or to a tab whose title or URL contains a text.

  Background:
    Given I open "/tabs.html"

  Scenario: a link opens a second tab
    When I click "{a}Open second tab"
    And I switch to the new tab
    Then the title should be "Second tab"
    And "#opened-via" should have text "Opened via link"
    And the URL should contain "second.html?via=link"
    When I switch to the tab with "tabs.html"
    Then the title should be "Tabs - Kumite Demo"

  Scenario: a button opens a window with window.open
    When I click "#open-window"
    And I switch to the tab with "Second tab"
    Then "#opened-via" should have text "Opened via window.open"
    When I switch to the tab with "Tabs - Kumite"
    Then "#opened" should have text "Opened a window"
