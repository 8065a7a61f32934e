@smoke @finder
Feature: Find a file in a repository
  As a developer browsing a repository
  I want to jump to a file by typing part of its name
  So that I do not have to click through folders.

  The repository page has a "Go to file" button that opens the file finder;
  the finder filters the file list as you type.

  Background:
    Given I open "/repo.html"
    And I take a screenshot

  Scenario: search for the logo
    When I click "{a}Go to file"
    Then I wait for the URL to contain "find"
    When I type "logo.png" into "input[name=query]"
    And I take a screenshot
    Then there should be at least 1 element matching "ul#tree-browser li[role=presentation]"

  Scenario Outline: the finder keeps only the files whose path contains "<query>"
    When I click "{^a}Go to"
    And I type "<query>" into "input[name=query]"
    Then there should be <count> elements matching "ul#tree-browser li[role=presentation]"
    And "#match-count" should have text "<label>"

    Examples: a few searches
      | query    | count | label   |
      | logo.png | 2     | 2 files |
      | main.go  | 1     | 1 file  |
      | src/     | 4     | 4 files |
      | README   | 1     | 1 file  |

  Scenario: a search with no match says so, and clearing it brings every file back
    When I click "{a}Go to file"
    Then I should not see "No matching files"
    When I type "no-such-file.xyz" into "input[name=query]"
    Then there should be 0 elements matching "ul#tree-browser li[role=presentation]"
    And I should see "No matching files"
    When I clear "input[name=query]"
    Then there should be at least 10 elements matching "ul#tree-browser li[role=presentation]"
    And I should not see "No matching files"

  Scenario: pick a file from the results
    When I click "{a}Go to file"
    And I fill "input[name=query]" with "main"
    Then "//ul[@id='tree-browser']/li[@data-path='src/main.go']" should exist
    When I click "{li}src/main.go"
    Then "#selected-file" should have text "src/main.go"
    And "ul#tree-browser li.active" should have attribute "data-path" with value "src/main.go"

  Scenario: Escape empties the search box
    When I click "{a}Go to file"
    And I type "server" into "input[name=query]"
    Then there should be 2 elements matching "ul#tree-browser li"
    When I press "Escape" in "input[name=query]"
    Then "input[name=query]" should have value ""
    And there should be 18 elements matching "ul#tree-browser li"
