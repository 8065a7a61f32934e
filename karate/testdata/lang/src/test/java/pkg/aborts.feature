Feature: abort in a called feature (called)

Scenario: abort
  * def before = 1
  * karate.abort()
  * def after = 2
