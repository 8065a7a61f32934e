Feature: every supported Karate keyword and driver function, on the right page

Background:
  * configure driver = { type: 'chrome', addOptions: ['--window-size=1000,700'] }
  * def home = baseUrl + '/index.html'

Scenario: def, assert, print, match and expressions, without a page
  * def n = 1 + 2
  * def user = { name: 'ada', age: 36, id: 'a4a59b2c-5d6e-4f70-8a9b-0c1d2e3f4a5b', tags: ['x', 'y'] }
  * def names = ['a', 'b', 'c']
  * assert n == 3
  * print 'n is', n, user
  * karate.log('logged', n)
  * karate.set('m', n * 2)
  * assert karate.get('m') == 6
  * match n == 3
  * match n != 4
  * match user.name == 'ada'
  * match user == { name: 'ada', age: 36, id: '#uuid', tags: '#[2] #string' }
  * match user == { name: '#string', age: '#number', id: '#notnull', tags: '#array', missing: '##string' }
  * match user contains { name: 'ada' }
  * match user !contains { name: 'bob' }
  * match user.name == '#regex a.a'
  * match user.age == '#? _ > 18'
  * match user.nope == '#notpresent'
  * match names contains 'b'
  * match names contains ['c', 'a']
  * match names contains only ['c', 'b', 'a']
  * match names contains any ['z', 'a']
  * match names !contains 'z'
  * match each names == '#string'
  * match 'hello world' contains 'world'
  * def double = x => x * 2
  * assert double(21) == 42
  * eval karate.set('e', 'done')
  * match e == 'done'
  * if (n == 3) karate.set('branch', 'yes')
  * match branch == 'yes'
  * eval
    """
    karate.set('fromDoc', n + 1)
    """
  * match fromDoc == 4
  * copy twin = user
  * set twin.name = 'eve'
  * remove twin.tags
  * match user.name == 'ada'
  * match twin == { name: 'eve', age: 36, id: '#uuid' }
  * set twin.pets = ['cat']
  * match twin.pets == ['cat']
  * json fromText = '{ "a": [1, 2] }'
  * match fromText.a == [1, 2]
  * json fromDocString =
    """
    { "b": true }
    """
  * match fromDocString == { b: true }
  * text raw =
    """
    <p>{ not: javascript }</p>
    """
  * match raw contains '{ not: javascript }'
  * def r = karate.match(user.name, '#string')
  * match r == { pass: true, message: '#null' }
  * match karate.match(user.name, 'bob').pass == false
  * def greeting = 'hello'
  * match karate.properties['user.name'] == 'qa-bot'
  * match karate.env == 'staging'
  Then I open "${home}"
  And "#title" should have text "Kumite Demo"

Scenario: navigate and read the page
  Given driver home
  Then match driver.title == 'Kumite Demo'
  And match driver.url contains '/index.html'
  And match text('#title') == 'Kumite Demo'
  And match attribute('#link-repo', 'href') == 'repo.html'
  And assert exists('#title')
  And assert !exists('#nothing-here')
  And match optional('#nothing-here').present == false
  And match optional('#title').present == true
  And match locate('#title').text == 'Kumite Demo'
  And match locate('#title').getText() == 'Kumite Demo'
  And assert locate('#title').getLocator() == '#title'
  And match locate('#title').isPresent() == true
  And match optional('#nothing-here').isPresent() == false
  And def links = locateAll('ul a')
  And assert links.length >= 8
  And match links[0].text == 'Repository'
  And match locateAll('ul a').filter(x => x.text.startsWith('Form')).length == 1
  And match script('document.title') == 'Kumite Demo'
  And match script('1 + 1') == 2
  When click('{a}Repository')
  Then waitForUrl('repo.html')
  When back()
  Then waitForUrl('index.html')
  When forward()
  Then waitForUrl('repo.html')
  When refresh()
  And reload()
  And match script('window.innerWidth') == 1000
  Then waitFor('{a}Go to file')
  And screenshot()
  And screenshot('#go-to-file')
  * driver.url = home
  * waitForUrl('index.html')

Scenario: inputs, keys and waits
  Given driver baseUrl + '/form.html'
  When input('#first-name', 'Ada')
  And input('#first-name', [' Love', 'lace'])
  Then match value('#first-name') == 'Ada Lovelace'
  When clear('#first-name')
  Then match value('#first-name') == ''
  When input('#first-name', ['Ada', Key.CONTROL + 'a', 'Zed'])
  Then match value('#first-name') == 'Zed'
  When value('#last-name', 'Byron')
  Then match value('#last-name') == 'Byron'
  Given driver baseUrl + '/find.html'
  When waitForEnabled('input[name=query]').input('main' + Key.ENTER)
  And waitFor('input[name=query]').clear().input('logo')
  Then waitUntil("document.querySelectorAll('#tree-browser li').length == 2")
  And waitUntil('input[name=query]', "_.value == 'logo'")
  And waitUntil(() => text('#match-count') == '2 files')
  And retry(5, 200).click('{^a}logo')
  Given driver baseUrl + '/late.html'
  Then waitForText('#status', 'All systems go')
  * configure retry = { count: 10, interval: 500 }
  * delay(10)
  * click('{button}Load more')
  * waitFor('#content')

Scenario: select, scroll, frames, tabs and counts
  Given driver baseUrl + '/form.html'
  When select('#color', 'gr')
  Then match value('#color') == 'gr'
  When select('#color', '{}Blue')
  Then match value('#color') == 'bl'
  And assert enabled('#submit')
  And scroll('#submit')
  And submit().click('#reset')
  Given driver baseUrl + '/find.html'
  When input('input[name=query]', 'logo')
  Then match waitForResultCount('ul#tree-browser li', 2).length == 2
  And match waitForAny('#nothing', 'ul#tree-browser').locator == 'ul#tree-browser'
  Given driver baseUrl + '/frame.html'
  When switchFrame('#inner-frame')
  Then match text('#frame-title') == 'Inside the frame'
  When switchFrame(null)
  Then match text('#outer-button') == 'Outer button'
  When switchFrame(0)
  Then match text('#frame-title') == 'Inside the frame'
  When switchFrame(null)
  Given driver baseUrl + '/tabs.html'
  When click('#open-link')
  And switchPage('second.html')
  Then waitForUrl('via=link')

Scenario: a password typed into a password field is masked
  Given driver baseUrl + '/login.html'
  When input('#username', 'alice')
  And input('#password', 'hunter2-karate')
  And value('#password', 'other-karate-secret')
  And print 'typed', value('#password')
  And match value('#password') == 'other-karate-secret'

Scenario: html, property, focus, position, scriptAll and dimensions
  Given driver home
  Then match html('#title') == '<h1 id="title">Kumite Demo</h1>'
  And match property('#link-repo', 'href') contains '/repo.html'
  And match property('#title', 'tagName') == 'H1'
  And match scriptAll('ul#pages > li > a', '_.textContent')[0] == 'Repository'
  And match scriptAll('ul#pages > li > a', "e => e.id", x => x == 'link-repo') == ['link-repo']
  And match scriptAll('#nothing-here', '_.id') == []
  And match position('#title') == { x: '#number', y: '#number', width: '#? _ > 0', height: '#? _ > 0' }
  And def box = position('#title', true)
  And assert box.width > 0 && box.height > 0
  And match driver.dimensions == { x: '#number', y: '#number', width: 1000, height: 700 }
  * driver.dimensions = { x: 0, y: 0, width: 640, height: 480 }
  * match driver.dimensions contains { width: 640, height: 480 }
  * match script('window.innerWidth') == 640
  Given driver baseUrl + '/form.html'
  When focus('#last-name')
  Then match script('document.activeElement.id') == 'last-name'
  And match property('#newsletter', 'checked') == true
  And match property('#terms', 'checked') == false
  When scroll('#submit')
  Then assert position('#submit').y - position('#submit', true).y == script('window.scrollY')

Scenario: cookies
  Given driver home
  Then match driver.cookies == []
  And match cookie('flavour') == '#null'
  When cookie({ name: 'flavour', value: 'oat' })
  And script("document.cookie = 'page=set'")
  Then match cookie('flavour') contains { name: 'flavour', value: 'oat', domain: '#string', path: '/', httpOnly: false, secure: false }
  And match driver.cookies.map(c => c.name) contains only ['flavour', 'page']
  And match script('document.cookie') contains 'flavour=oat'
  When deleteCookie('flavour')
  Then match cookie('flavour') == '#null'
  And match cookie('page').value == 'set'
  When clearCookies()
  Then match driver.cookies == []
  And match script('document.cookie') == ''

Scenario: dialog and keys
  Given driver baseUrl + '/dialog.html'
  When dialog(true, 'Ada')
  And click('#prompt-button')
  Then match text('#prompt-result') == 'Hello, Ada'
  When dialog(false)
  And click('#confirm-button')
  Then match text('#confirm-result') == 'Cancelled'
  When dialog(true)
  And click('#confirm-button')
  Then match text('#confirm-result') == 'Confirmed'
  When click('#prompt-button')
  Then match text('#prompt-result') == 'No answer'
  Given driver baseUrl + '/keys.html'
  When focus('#key-input')
  And keys().type('abc').press('Tab')
  Then match value('#key-input') == 'abc'
  And match text('#focused') == 'second-input'
  When keys().type('X').press(Key.BACK_SPACE)
  Then match value('#second-input') == ''
  When keys().press('Enter')
  Then match text('#last-key') == 'Enter'
  When clear('#key-input')
  And focus('#key-input')
  And keys().type('ab').shift(Key.LEFT).press('Delete')
  Then match value('#key-input') == 'a'
  When keys().ctrl('a').press(Key.BACKSPACE)
  Then match value('#key-input') == ''
  When keys().type('xy').combo([Key.CONTROL], 'a').press('Delete')
  Then match value('#key-input') == ''
  When keys().meta('k')
  Then match text('#last-key') == 'Meta+K'
  When keys().alt(Key.F2)
  Then match text('#last-key') == 'Alt+F2'

Scenario: highlight and highlightAll
  Given driver home
  When highlight('#title')
  Then match script("document.querySelector('#title').style.outline") contains 'solid'
  And match script("document.querySelector('#title').click()") == null
  And match script('#title', '_.nothing') == null
  * def titleOf = () => document.title
  And match script(titleOf) == script('document.title')
  And match script(function() { return 1 + 1 }) == 2
  When highlightAll('ul a')
  Then match script("[...document.querySelectorAll('ul a')].every(a => a.style.outline.includes('solid'))") == true
  And match highlight('#title').text == 'Kumite Demo'

Scenario: getPages
  Given driver baseUrl + '/tabs.html'
  Then match getPages() == [{ url: '#regex .*/tabs.html', title: 'Tabs - Kumite Demo' }]
  When click('#open-window')
  And waitUntil(() => getPages().length == 2 && getPages().every(p => p.title != '' && !p.url.endsWith(p.title)))
  Then match getPages() contains { url: '#regex .*/second.html\\?via=window.open', title: 'Second tab' }
  And match getPages().map(p => p.title) contains only ['Tabs - Kumite Demo', 'Second tab']

Scenario: maximize and fullscreen
  Given driver home
  When driver.dimensions = { width: 500, height: 400 }
  Then match driver.dimensions contains { width: 500, height: 400 }
  When maximize()
  Then match driver.dimensions contains { width: 1000, height: 700 }
  And match script('[innerWidth, innerHeight]') == [1000, 700]
  When driver.dimensions = { width: 500, height: 400 }
  And fullscreen()
  Then match driver.dimensions contains { width: 1000, height: 700 }

Scenario: mouse
  Given driver baseUrl + '/keys.html'
  When mouse('#counter').click().click()
  Then match text('#count') == '2'
  When mouse().move('#hover-target')
  Then match script("document.getElementById('tooltip').hidden") == false
  When mouse().move('#double-click-target').doubleClick()
  Then match text('#double-click-result') == 'Double-clicked!'
  Given driver baseUrl + '/frame.html'
  When switchFrame('#inner-frame')
  And mouse().move('#frame-button').down().up()
  Then match text('#frame-message') == 'Clicked inside the frame'
  When switchFrame(null)
