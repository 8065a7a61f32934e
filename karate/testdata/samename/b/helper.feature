Feature: helper of folder b (called)

Scenario:
  * def where = 'b'
