@escaping
Feature: Markup in page text and in feature files is shown as text
  The report escapes everything that comes from a feature file or from the
  site under test. This feature puts markup in both places; open the report
  and check that nothing is bold and no script ran.

  Scenario: a scenario name with <b>markup</b> & an ampersand
    Given I open "/xss.html"
    Then the title should contain "<script>"
    And "#payload" should contain "</script>"
    And "#payload script" should not exist
    And "#html-payload" should have text "<img src=x onerror=alert(1)> & <b>not bold</b>"
    When I store the text of "#payload" as "payload"
    Then the title should contain "${payload}"
    And "#payload" should have attribute "data-payload" with value "${payload}"
    And I take a screenshot named "<script>alert(1)</script>"

  Scenario: markup in a step table and in JavaScript
    Given I open "/form.html"
    When I fill in:
      | #first-name | <b>Ada</b>       |
      | #comments   | </td></tr><hr>   |
    And I execute "document.title = '<i>changed</i> by a step'"
    Then "#first-name" should have value "<b>Ada</b>"
    And "#comments" should have value "</td></tr><hr>"
    And the title should be "<i>changed</i> by a step"
