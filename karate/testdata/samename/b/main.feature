Feature: main of folder b

Scenario: calls the helper beside it in b
  * call read('helper.feature')
  * match where == 'b'
