@waiting
Feature: Wait for elements that come late
  Real pages load things after a moment. Every action waits for its element
  to be attached, visible and enabled, and every assertion retries until it
  holds, up to the step timeout. The explicit wait steps are for the cases
  where you want to say what you are waiting for.

  Background:
    Given I open "/late.html"

  @smoke
  Scenario: load more content on demand
    Then "#content" should not exist
    And "#spinner" should be hidden
    And there should be 3 elements matching "#items li"
    When I click "{button}Load more"
    Then I wait for "#spinner" to be visible
    And I wait for "#load-more" to be disabled
    When I wait for "#content"
    Then I wait for "#content" to be visible
    And I wait for "#spinner" to be hidden
    And "#content" should have text "3 more items loaded"
    And there should be 6 elements matching "#items li"
    And "#load-more" should have text "All loaded"
    And "#load-more" should be disabled

  Scenario: wait for a text to appear
    When I wait for the text "All systems go"
    Then "#status" should have text "All systems go"
    And "#status" should have attribute "class" with value "done"

  Scenario: assertions retry until they hold
    Then "#status" should contain "systems go"
    And "#notice" should be hidden
    And "#banner" should not exist

  Scenario: a button that becomes enabled
    Then "#start" should be disabled
    When I wait for "#start" to be enabled
    And I click "#start"
    Then "#started" should have text "Started!"

  Scenario: actions wait for the element to be enabled
    When I click "#start"
    Then I should see "Started!"

  Scenario: elements that go away
    Then I should see "Saving your draft"
    When I wait for "#notice" to be hidden
    And I wait for "#banner" to be gone
    Then I should not see "Saving your draft"
    And "#notice" should exist
    And there should be 0 elements matching "#banner"

  Scenario: a fixed pause, when nothing better is possible
    When I wait 200 ms
    And I wait 2 seconds
    Then "#status" should have text "All systems go"
    And "#banner" should not exist

  Scenario: a faster page through a URL parameter
    Given I open "/late.html?delay=100"
    Then "#delay" should have text "100"
    And I wait for "#start" to be enabled
