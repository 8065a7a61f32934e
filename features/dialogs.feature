@dialogs
Feature: Answer browser dialogs
  alert(), confirm() and prompt() block the page until they are answered.
  Say how to answer the next dialog before the step that opens it.

  Background:
    Given I open "/dialog.html"

  Scenario: close an alert
    Given I accept the next dialog
    When I click "#alert-button"
    Then "#alert-result" should have text "Alert closed"

  Scenario: accept a confirmation
    Given I accept the next dialog
    When I click "{button}Delete file"
    Then "#confirm-result" should have text "Confirmed"

  Scenario: dismiss a confirmation
    Given I dismiss the next dialog
    When I click "{button}Delete file"
    Then "#confirm-result" should have text "Cancelled"

  Scenario: answer a prompt
    Given I answer "Ada" to the next dialog
    When I click "#prompt-button"
    Then "#prompt-result" should have text "Hello, Ada"

  Scenario: dismiss a prompt
    Given I dismiss the next dialog
    When I click "#prompt-button"
    Then "#prompt-result" should have text "No answer"
