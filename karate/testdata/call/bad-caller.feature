Feature: call a feature kumite cannot run

Scenario: call
  * call read('natural.feature')
