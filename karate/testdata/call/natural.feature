Feature: natural steps (called)

Scenario: s
  * I open "/index.html"
