Feature: Example
  site/index.html stands in for your app: kumite.yaml serves that folder
  (serve: site). Point base-url: at your app instead and write features
  like this one; `kumite steps` lists every step.

  Scenario: the page greets its visitor
    Given I open "/"
    Then the title should be "kumite example"
    And I should see "Hello from kumite"
    When I fill "#name" with "Ada"
    And I click "#greet"
    Then "#greeting" should have text "Hello, Ada!"
    And I take a screenshot
