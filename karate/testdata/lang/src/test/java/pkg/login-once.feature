Feature: log in once (called)

Scenario: log in
  * driver baseUrl + '/form.html'
  * input('#first-name', 'Once')
  * def onceName = value('#first-name')
  * def onceTitle = driver.title
  * def onceToken = 'once-token'
  * def onceHelper = x => x + '!'
