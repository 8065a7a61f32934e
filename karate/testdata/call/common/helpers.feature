Feature: helpers (called)

Scenario: helpers
  * def answer = 42
  * def title = driver.title
  * def twice = x => x * 2
