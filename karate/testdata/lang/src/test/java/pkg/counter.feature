Feature: count the calls (called)

Scenario: count
  * print 'counter.feature runs'
  * def token = 'token-' + seed
  * def shout = x => x.toUpperCase()
