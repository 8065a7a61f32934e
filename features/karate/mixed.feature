@karate
Feature: Karate and natural steps in one file
  A Karate suite can move to natural steps one line at a time: both
  dialects share the scenario's browser, and a text that Karate's def
  makes is ${name} for the natural steps.

  Scenario: sign in, half in Karate, half in natural steps
    Given I open "/login.html"
    * def user = 'alice'
    * input('#username', user)
    And I fill "#password" with "s3cret"
    When click('{}Sign in')
    Then "#msg" should have text "Welcome, ${user}"
    * match text('#msg') == 'Welcome, ' + user
