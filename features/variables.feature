@variables
Feature: Remember values and use them later
  Store the text of an element, the value of a field or the current URL in
  a scenario variable, then use it in any later argument as ${name}.
  ${baseUrl} is always defined; --var NAME=VALUE and environment variables
  can be used the same way. Variables live for one scenario only.

  Scenario: carry the repository name over to the file finder
    Given I open "/repo.html"
    When I store the text of "#repo-name" as "repo"
    And I click "{a}Go to file"
    Then "#finder-repo" should have text "${repo}"
    And the title should contain "${repo}"

  Scenario: copy a field's value into another field
    Given I open "/repo.html"
    When I click "#code-button"
    And I store the value of "#clone-url" as "cloneUrl"
    And I open "/form.html"
    And I fill "#comments" with "Clone it from ${cloneUrl}"
    Then "#comments" should have value "Clone it from https://git.example.invalid/kumite/demo-app.git"

  Scenario: the URL and the base URL
    Given I open "/table.html"
    When I store the URL as "products"
    And I click "{a}Kumite Demo"
    Then the URL should contain "${baseUrl}"
    And the title should be "Kumite Demo"
    When I go back
    Then the URL should be "${products}"
