Feature: Karate steps on the wrong page fail with a message

Background:
  * driver baseUrl + '/index.html'

Scenario: assert
  * assert 1 + 1 == 3

Scenario: match equals
  * match text('#title') == 'Another Title'

Scenario: match fuzzy
  * def user = { name: 42 }
  * match user == { name: '#string' }

Scenario: match contains
  * match ['a', 'b'] contains 'z'

Scenario: match not equals
  * match 1 != 1

Scenario: click
  * click('#no-such-button')

Scenario: waitForUrl
  * waitForUrl('never-this')

Scenario: waitForText
  * waitForText('#title', 'Not There')

Scenario: javascript error
  * def x = notDefined + 1

Scenario: waitForEnabled then input
  * waitForEnabled('#missing-input').input('x')

Scenario: locateAll assert
  * assert locateAll('ul#tree-browser li').length > 0

Scenario: waitUntil
  * waitUntil("document.title == 'Nope'")

Scenario: karate.fail
  * karate.fail('told to fail')

Scenario: select
  * driver baseUrl + '/form.html'
  * select('#color', 'purple')

Scenario: switchFrame
  * switchFrame('#no-frame')

Scenario: switchFrame by index
  * switchFrame(3)

Scenario: waitForResultCount
  * waitForResultCount('ul a', 2)

Scenario: read
  * def x = read('missing.json')

Scenario: call
  * call read('call/fill-name.feature')

Scenario: html
  * match html('#title') == '<h1>Another Title</h1>'

Scenario: property
  * property('#no-such-link', 'href')

Scenario: focus
  * focus('#no-such-input')

Scenario: position
  * position('#no-such-box')

Scenario: scriptAll
  * scriptAll('#title', '_.nope.deeper')

Scenario: dimensions
  * driver.dimensions = { width: 300 }

Scenario: cookie without a name
  * cookie({ value: 'no name' })

Scenario: cookie with a number
  * cookie({ name: 'n', value: 1 })

Scenario: cookie absent
  * match cookie('session') contains { value: 'abc' }

Scenario: dialog
  * dialog('yes')

Scenario: keys
  * keys().press('NoSuchKey')

Scenario: keys held down
  * keys().down(Key.SHIFT)

Scenario: highlight
  * highlight('#no-such-box')

Scenario: highlightAll
  * highlightAll('.no-such-row')

Scenario: getPages
  Given driver baseUrl + '/tabs.html'
  * match getPages().map(p => p.title) contains 'Second tab'

Scenario: maximize
  * maximize('big')

Scenario: mouse click
  Given driver baseUrl + '/keys.html'
  * mouse('#no-such-button').click()

Scenario: element getText
  * match locate('#title').getText() == 'Another Title'
