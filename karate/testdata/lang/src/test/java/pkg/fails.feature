Feature: a called feature that fails (called)

Scenario: fails
  * match 1 == 2
