@lang @owner=qa
Feature: Karate language in a real run

Background:
  * callonce read('classpath:pkg/login-once.feature')
  * driver baseUrl + '/index.html'

Scenario: callonce shares the variables it made with every scenario
  * match onceToken == 'once-token'
  * match onceName == 'Once'
  * match onceTitle == 'Form controls - Kumite Demo'
  * match onceHelper('hi') == 'hi!'
  * match configToken == 'token-config'
  * match driver.title == 'Kumite Demo'

Scenario: a second scenario gets its own copy
  * match onceToken == 'once-token'
  * set onceToken = 'changed'
  * match onceToken == 'changed'
  * set page
    | path | value |
    | n    | 2     |
  * match page == { n: 2 }

Scenario: calls, tables and the karate object with the page
  * def readTitle = function(sel) { return { title: text(sel) } }
  * def r = call readTitle '#title'
  * match r == { title: 'Kumite Demo' }
  * def name = 'helper'
  * def h = call read('classpath:pkg/' + name + '.js') { name: 'page', n: 2 }
  * match h.twice == 4
  * table rows
    | sel      | want          |
    | '#title' | 'Kumite Demo' |
  * match text(rows[0].sel) == rows[0].want
  * set page
    | path  | value          |
    | title | driver.title   |
    | tags  | karate.tags    |
  * match page == { title: 'Kumite Demo', tags: ['lang', 'owner=qa'] }
  * match page $.tags[*] contains 'lang'
  * match page contains deep { tags: ['owner=qa'] }
  * match karate.tagValues.owner == ['qa']
  * karate.embed('<p>embedded</p>', 'text/html')
  * def saved = karate.write(pdf(), 'page.pdf')
  * match saved contains '/karate/page.pdf'
  * match karate.readAsString('file:' + saved) contains '%PDF-'
  * def single = karate.callSingle('classpath:pkg/counter.feature', { seed: 'run' })
  * match single.token == 'token-run'

Scenario: karate.abort ends the scenario, which passes
  * def a = 1
  * if (a == 1) karate.abort()
  * match a == 2
  Then "#title" should have text "Not this title"
