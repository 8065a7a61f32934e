@screenshots
Feature: Take screenshots
  Screenshots are attached to the step that took them and shown in the
  report. A screenshot is also taken automatically when a step fails
  (--screenshots on-failure, the default).

  Scenario: every kind of screenshot
    Given I open "/table.html"
    When I take a screenshot
    And I take a screenshot named "products"
    And I take a full-page screenshot
    And I take a screenshot of "#products"
    And I take a screenshot of "{th}Price"

  Scenario: a screenshot of a long page, and of a small viewport
    Given I open "/keys.html"
    When I take a full-page screenshot
    And I set the viewport to 390x844
    And I open "/repo.html"
    Then "#menu-toggle" should be visible
    And I take a screenshot named "repository on a phone"
