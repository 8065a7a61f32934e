Feature: once

Scenario:
  * def token = 'T' + Math.random()
