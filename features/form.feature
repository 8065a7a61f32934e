@forms
Feature: Fill in a form
  The order form has every common control: text fields, selects whose
  visible text differs from their value, radio buttons, checkboxes, a
  textarea, a disabled field and a file upload. Submitting shows a summary
  of what was sent, which the scenarios check.

  Background:
    Given I open "/form.html"

  @smoke
  Scenario: submit a complete order
    When I fill in:
      | #first-name | Ada                  |
      | #last-name  | Lovelace             |
      | #email      | ada@example.com      |
    And I select "Blue" from "#color"
    And I select "jp" from "#country"
    And I check "#plan-team"
    And I uncheck "#newsletter"
    And I check "#terms"
    And I type "Please gift-wrap it." into "#comments"
    And I upload "fixtures/notes.txt" to "#attachment"
    Then "#file-name" should contain "notes.txt"
    When I click "{button}Submit"
    Then "#summary" should be visible
    And "#out-name" should have text "Ada Lovelace"
    And "#out-email" should have text "ada@example.com"
    And "#out-color" should have text "Blue"
    And "#out-color" should have attribute "data-value" with value "bl"
    And "#out-country" should have text "Japan"
    And "#out-plan" should have text "team"
    And "#out-newsletter" should have text "no"
    And "#out-comments" should have text "Please gift-wrap it."
    And "#out-attachment" should have text "notes.txt"
    And I take a full-page screenshot

  Scenario: the initial state of the controls
    Then "#color" should have value ""
    And "#country" should have value "fr"
    And "#plan-free" should be checked
    And "#plan-team" should be unchecked
    And "#newsletter" should be checked
    And "#terms" should be unchecked
    And "#account-id" should be disabled
    And "#account-id" should have value "ACC-0042"
    And "#first-name" should be enabled
    And "#email" should have attribute "placeholder" with value "you@example.com"
    And "#summary" should be hidden

  Scenario: a select by visible text, then by value
    When I select "Green" from "#color"
    Then "#color" should have value "gr"
    When I select "rd" from "#color"
    Then "#color" should have value "rd"

  Scenario: type appends, fill replaces, clear empties
    Then "#coupon" should have value "WELCOME10"
    When I type "-VIP" into "#coupon"
    Then "#coupon" should have value "WELCOME10-VIP"
    When I fill "#coupon" with "SPRING"
    Then "#coupon" should have value "SPRING"
    When I clear "#coupon"
    Then "#coupon" should have value ""

  Scenario: reuse a stored value in another field
    When I store the value of "#coupon" as "coupon"
    And I fill "#comments" with "Coupon used: ${coupon}"
    And I check "#terms"
    And I click "#submit"
    Then "#out-comments" should have text "Coupon used: WELCOME10"
    And "#out-coupon" should have text "${coupon}"

  Scenario: the terms must be accepted
    When I fill "#first-name" with "Ada"
    And I click "#submit"
    Then "#form-error" should have text "Please accept the terms"
    And "#summary" should be hidden
    When I check "#terms"
    And I click "#submit"
    Then "#form-error" should be hidden
    And "#summary" should be visible

  Scenario: reset puts everything back
    When I fill "#first-name" with "Grace"
    And I check "#terms"
    And I click "#reset"
    Then "#first-name" should have value ""
    And "#terms" should be unchecked
