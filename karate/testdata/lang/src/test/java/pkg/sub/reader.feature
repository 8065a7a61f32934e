Feature: read relative to the caller, as Karate does (called)

Scenario: read
  * def both = read('both.json')
  * def mine = read('this:both.json')
  * def fallback = read('only-in-sub.json')
