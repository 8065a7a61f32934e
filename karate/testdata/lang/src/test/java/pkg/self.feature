Feature: calls itself (called)

Scenario: loop
  * def x = 1
  * call read('self.feature')
