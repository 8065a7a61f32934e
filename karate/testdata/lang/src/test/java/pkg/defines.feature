Feature: defines what its caller may already have (called)

Scenario:
  * def same = 'value'
  * table rows
    | a |
    | 1 |
