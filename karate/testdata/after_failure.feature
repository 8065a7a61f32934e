Feature: the Karate steps after a failed one

Scenario: a failed step, then more Karate steps
  * driver baseUrl + '/index.html'
  * assert 1 + 1 == 3
  * click('#nothing')
  * def x = 1
