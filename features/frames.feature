@frames
Feature: Work inside an iframe
  Steps act on the current frame. Switch into an iframe to reach its
  content, and back to the main frame to reach the page around it.

  Background:
    Given I open "/frame.html"

  Scenario: click a button inside the frame
    When I switch to frame "#inner-frame"
    Then "#frame-title" should have text "Inside the frame"
    And "#frame-message" should have text "Waiting for a click"
    When I click "#frame-button"
    Then "#frame-message" should have text "Clicked inside the frame"
    And "#outer-button" should not exist
    When I switch to the main frame
    Then "#outer-message" should have text "Nothing clicked outside the frame"
    And "#frame-button" should not exist

  Scenario: type inside the frame, then act outside it
    When I switch to frame "iframe[name=inner]"
    And I type "Ada" into "#frame-input"
    And I click "{button}Frame button"
    Then I should see "Hello from the frame, Ada"
    When I switch to the main frame
    And I click "#outer-button"
    Then "#outer-message" should have text "Clicked outside the frame"
