@navigation
Feature: Navigate between pages
  Open pages by relative URL, follow links, use the browser history and
  check where we are with URL and title assertions.

  A relative URL such as "/repo.html" is joined to the base URL, which
  `kumite run --serve demo/site` sets to the served site's root. The home
  page is "/" (a static file server redirects "/index.html" there).

  @smoke
  Scenario: open the home page and follow a link
    Given I open "/"
    Then the title should be "Kumite Demo"
    And "h1" should have text "Kumite Demo"
    And there should be 14 elements matching "#pages li"
    When I click "{a}Repository"
    Then the URL should contain "/repo.html"
    And the title should contain "kumite/demo-app"
    And "#repo-name" should have text "demo-app"

  Scenario: the three ways to open a page
    Given I am on "/"
    Then the title should be "Kumite Demo"
    When I navigate to "/table.html"
    Then the title should be "Products - Kumite Demo"
    When I open "/find.html?q=logo"
    Then "input[name=query]" should have value "logo"

  Scenario: go back and forward through the history
    Given I open "/"
    When I click "#link-repo"
    And I click "{a}Go to file"
    Then the URL should match "/find\.html$"
    When I go back
    Then the URL should match "/repo\.html$"
    And "{a}Go to file" should be visible
    When I go back
    Then the title should be "Kumite Demo"
    When I go forward
    Then the URL should contain "repo.html"

  Scenario: reloading the page resets what was not saved
    Given I open "/keys.html"
    When I click "#counter"
    And I click "#counter"
    Then "#count" should have text "2"
    When I reload the page
    Then "#count" should have text "0"

  Scenario: remember a URL and come back to it
    Given I open "/find.html?q=src/"
    When I store the URL as "searchPage"
    And I open "/"
    Then the URL should contain "${baseUrl}"
    When I open "${searchPage}"
    Then the URL should be "${searchPage}"
    And there should be 4 elements matching "ul#tree-browser li"

  Scenario Outline: <page> has the expected title
    When I open "<page>"
    Then the title should be "<title>"

    Examples:
      | page          | title                             |
      | /login.html   | Log in - Kumite Demo              |
      | /late.html    | Late elements - Kumite Demo       |
      | /form.html    | Form controls - Kumite Demo       |
      | /dialog.html  | Dialogs - Kumite Demo             |
      | /storage.html | Storage - Kumite Demo             |

  @viewport
  Scenario: a small viewport shows the mobile menu
    Given I open "/repo.html"
    Then "#menu-toggle" should be hidden
    And "#repo-tabs" should be visible
    When I set the viewport to 375x667
    Then "#menu-toggle" should be visible
    And "#repo-tabs" should be hidden
    When I click "#menu-toggle"
    Then "#repo-tabs" should be visible
    And "#menu-toggle" should have attribute "aria-expanded" with value "true"
    When I open "/"
    Then "#viewport-size" should contain "375x"
