Feature: helper of folder a (called)

Scenario:
  * def where = 'a'
