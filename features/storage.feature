@storage @isolation
Feature: Every scenario starts with a clean browser
  Each scenario gets its own browser context: cookies, localStorage and
  sessionStorage set in one scenario are never visible in another, whether
  the scenarios run one after the other or in parallel (--workers).

  Every scenario below first checks that it starts clean, then leaves
  something behind, so whichever runs second proves the isolation.

  Background:
    Given I open "/storage.html"
    Then "#cookies" should have text "(none)"
    And "#local" should have text "(none)"
    And "#session" should have text "(none)"

  Scenario: set a cookie and local storage with the page's buttons
    When I fill "#storage-key" with "flavour"
    And I fill "#storage-value" with "chocolate"
    And I click "{button}Set cookie"
    And I click "{button}Set localStorage"
    And I click "{button}Set sessionStorage"
    Then "#cookies" should have text "flavour=chocolate"
    And "#local" should have text "flavour=chocolate"
    And "#session" should have text "flavour=chocolate"
    And "#cookie-count" should have text "1"
    When I reload the page
    Then "#cookies" should have text "flavour=chocolate"
    And "#local" should have text "flavour=chocolate"

  Scenario: set storage from the URL
    When I open "/storage.html?cookie=theme:dark&local=lang:fr&session=step:2"
    Then "#cookies" should have text "theme=dark"
    And "#local" should have text "lang=fr"
    And "#session" should have text "step=2"

  Scenario: set storage with JavaScript
    When I execute "localStorage.setItem('token', 'abc123'); document.cookie = 'visited=yes; path=/'"
    Then "#local" should have text "token=abc123"
    And "#cookies" should have text "visited=yes"
    When I click "#clear-all"
    Then "#local" should have text "(none)"
    And "#cookies" should have text "(none)"

  Scenario: a login leaves a session cookie behind
    When I open "/login.html"
    And I fill "#username" with "alice"
    And I fill "#password" with "s3cret"
    And I click "#sign-in"
    Then "#msg" should have text "Welcome, alice"
    When I open "/storage.html"
    Then "#cookies" should have text "session=alice"
    And "#local" should have text "kumite-demo-user=alice"
