@state
Feature: Focus, classes, visible counts and local storage
  Check where the focus is, which classes an element has, how many matches
  a user can see, and what the page keeps in local storage. Every check is
  retried until it holds or the step timeout passes.

  Scenario: the file finder takes the focus, and gives it up
    Given I open "/find.html"
    When I click "#file-finder"
    Then "#file-finder" should be focused
    And "#finder-repo" should not be focused
    When I blur "#file-finder"
    Then "#file-finder" should not be focused

  Scenario: the picked file is marked active, and only it
    Given I open "/find.html"
    When I fill "#file-finder" with "src/"
    And I click "{li}src/main.go"
    Then "//li[@data-path='src/main.go']" should have class "active"
    And "//li[@data-path='src/server.go']" should not have class "active"
    And "#match-count" should have exact text "4 files"

  Scenario: the "no matching files" card shows only when nothing matches
    Given I open "/find.html"
    Then there should be 0 visible elements matching "#no-results"
    And there should be at least 10 visible elements matching "ul#tree-browser li"
    When I type "no-such-file.xyz" into "#file-finder"
    Then there should be 1 visible element matching "#no-results"
    And there should be at most 0 visible elements matching "ul#tree-browser li"

  Scenario: set a local storage item and see the page read it
    Given I open "/storage.html"
    When I set the local storage item "lang" to "fr"
    Then the local storage item "lang" should be "fr"
    And "#local" should have text "lang=fr"
    When I fill "#storage-key" with "flavour"
    And I fill "#storage-value" with "dark chocolate"
    And I click "{button}Set localStorage"
    Then the local storage item "flavour" should contain "chocolate"

  Scenario: signing in remembers the user in local storage
    Given I open "/login.html"
    When I fill "#username" with "alice"
    And I fill "#password" with "s3cret"
    And I click "#sign-in"
    Then I wait for the local storage item "kumite-demo-user" to contain "alice"
