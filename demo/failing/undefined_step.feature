@failing
Feature: A step kumite does not know (fails on purpose)
  The second step is not in the vocabulary: the scenario is reported as
  undefined and kumite suggests the closest known step.

  Scenario: a typo in a step
    Given I open "/repo.html"
    When I clik on "{a}Go to file"
