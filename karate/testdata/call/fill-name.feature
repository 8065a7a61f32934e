Feature: fill the first name (called)

Scenario: fill
  * input('#first-name', first)
  * def filled = value('#first-name')
