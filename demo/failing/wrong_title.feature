@failing
Feature: A wrong expectation (fails on purpose)
  The title of the repository page is "kumite/demo-app - Repository - Kumite Demo";
  this scenario expects something else, so the report shows expected vs actual.

  Scenario: expect the wrong title
    Given I open "/repo.html"
    Then the title should be "GitHub"

  Scenario: expect the wrong text after a real interaction
    Given I open "/table.html"
    When I click "{th}Price"
    Then "#products tbody tr:first-child td.name" should have text "Tent"
