@failing
Feature: An element that is not there (fails on purpose)
  The locators below match nothing on the page, so the steps time out with
  the locator and the page URL in their error.

  Scenario: click a button that does not exist
    Given I open "/login.html"
    When I click "{button}Register"
    Then I should see "Welcome"

  Scenario: wait for an element that never appears
    Given I open "/late.html"
    Then I wait for "#never-there" to be visible
