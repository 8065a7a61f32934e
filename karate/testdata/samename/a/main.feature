Feature: main of folder a

Scenario: calls the helper beside it in a
  * call read('helper.feature')
  * match where == 'a'
