Feature: call other features

Scenario: shared and isolated calls, with the caller's driver
  * driver baseUrl + '/form.html'
  * call read('fill-name.feature') { first: 'Ada' }
  * match filled == 'Ada'
  * match value('#first-name') == 'Ada'
  * def result = call read('common/helpers.feature')
  * match result.answer == 42
  * match result.title == 'Form controls - Kumite Demo'
  * assert typeof answer == 'undefined'
  * match result.twice(4) == 8
