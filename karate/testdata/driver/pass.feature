Feature: driver functions on pages of karate/testdata/site, each must pass

Scenario: script, scriptAll, waitUntil and element reads on a page whose CSP forbids eval
  Given driver baseUrl + '/csp.html'
  Then match attribute('#title', 'data-eval-blocked') == 'true'
  And match script('document.title') == 'Strict CSP'
  And match script('#title', '_.textContent') == 'Strict CSP'
  And match script('#title', "function(e){ return e.id }") == 'title'
  And match locate('#title').script('_.tagName') == 'H1'
  And match scriptAll('#fruits li', '_.textContent') == ['apple', 'banana', 'cherry']
  And match scriptAll('#fruits li', "e => e.textContent.length", x => x > 5) == [6, 6]
  And match html('#title') contains 'Strict CSP'
  And match property('#later', 'tagName') == 'BUTTON'
  And match position('#title') contains { width: '#? _ > 0' }
  And waitUntil('#later', '!_.disabled')
  And waitUntil('{button}Ready', "_.textContent == 'Ready'")
  And waitUntil("document.querySelector('#later').textContent == 'Ready'")
  And highlight('#title')
  And highlightAll('#fruits li')
  And focus('#later')
  When switchFrame('#inner')
  Then match script('document.title') == 'Strict CSP frame'
  And match script('#frame-text', '_.textContent') == 'Inside a strict frame'
  And waitUntil("document.getElementById('frame-text') != null")

Scenario: friendly locators rightOf, leftOf, above, below and near, with find() and chained actions
  Given driver baseUrl + '/positions.html'
  When rightOf('{}Input On Right').input('input right')
  Then match value('#in-right') == 'input right'
  And match rightOf('{}Input On Right').value == 'input right'
  When leftOf('{}Input On Left').input('x')
  And leftOf('{}Input On Left').clear().input('input left')
  Then match value('#in-left') == 'input left'
  When leftOf('{}Check Three').click()
  Then match property('#check3', 'checked') == true
  When above('{}Input Below Me').input('up')
  Then match value('#in-above') == 'up'
  When below('{}Input Above Me').input('down')
  Then match value('#in-below') == 'down'
  When near('{}Near Me').input('close')
  Then match value('#near-me') == 'close'
  And match rightOf('{}Some Text').find('span').text == 'Beside'
  And match rightOf('{}Some Text').find('#beside').attribute('id') == 'beside'
  When rightOf('{}Label X').find('{}Click Me').click()
  Then match text('#status') == 'clicked'
  When below('{}State').select('tx')
  Then match value('#state') == 'tx'
  When below('{}State').select(0)
  Then match value('#state') == 'ca'
  When select('#state', '{^}exa')
  Then match value('#state') == 'tx'
  When locate('#state').select(0)
  Then match value('#state') == 'ca'
  And rightOf('{}Input On Right').highlight()
  And match script('#in-right', '_.style.outline') contains 'solid'
  And match rightOf('{}Input On Right').exists('input') == true
  And match rightOf('{}Input On Left').exists('input') == false
  And match locate('{}Input On Right').rightOf().find().attribute('id') == 'in-right'
  When rightOf('{}Late Label').input('came late')
  Then match value('#late-input') == 'came late'

Scenario: element objects: closest, matches, scoped locate and locateAll, tree walking
  Given driver baseUrl + '/elements.html'
  * def form = locate('#username').closest('form')
  Then match form.attribute('id') == 'test-form'
  And match locate('#username').closest('#username').attribute('id') == 'username'
  And match locate('#username').matches('input[type=text]') == true
  And match locate('#username').matches('select') == false
  When locate('#test-form').locate('input').input('ada')
  Then match value('#username') == 'ada'
  And match locate('#test-form').locateAll('input').length == 2
  And match locate('#test-form').locateAll('input', x => x.enabled).length == 1
  And match locate('#test-form').exists('select') == false
  And match locate('#test-form').optional('select').present == false
  When locate('//td[text()="Jane"]').closest('tr').locate('button').click()
  Then match scriptAll('#people button', '_.textContent') == ['Pick', 'Picked']
  * def cells = locate('//td[text()="John"]').closest('tr').locateAll('td')
  Then match cells.map(c => c.text) == ['John', 'Smith', 'Pick']
  And match locate('#middle').script('_.nextElementSibling.id') == 'last'
  And match locate('#middle').parent.attribute('id') == 'tree'
  And match locate('#middle').nextSibling.text == 'three'
  And match locate('#middle').previousSibling.text == 'one'
  And match locate('#tree').firstChild.text == 'one'
  And match locate('#tree').lastChild.text == 'three'
  And match locate('#tree').children.map(c => c.text) == ['one', 'two', 'three']
  And match locate('#middle').parent.children[2].attribute('id') == 'last'
  And match locate('#tree').html contains '<p id="middle">two</p>'
  And match locate('#tree').scriptAll('p', '_.id') == ['first', 'middle', 'last']
  And match locate('#nickname').enabled == false
  And match locate('#save').position contains { width: '#? _ > 0' }
  And match locate('#save').property('tagName') == 'BUTTON'
  And locate('#save').highlight().scroll().focus().click()
  Then match text('#save') == 'Saved'
  And match locate('#late-box').locate('.late').text == 'here now'
  And match locate('#tree').locate('p').waitForText('one').text == 'one'
  And locate('#save').waitUntil("_.textContent == 'Saved'")
  And locate('#save').submit().delay(10).screenshot()
  And match locate('#names').locate('#username').waitForEnabled().value == 'ada'

Scenario: onDialog handlers, driver.dialogText and dialog()
  Given driver baseUrl + '/dialogs.html'
  And match driver.dialogText == null
  * def seen = []
  When onDialog(d => { seen.push(d.type + ': ' + d.message); d.accept() })
  And click('#alert-btn')
  Then waitForText('#result', 'Alert was shown')
  When click('#confirm-btn')
  Then match text('#result') == 'Confirm result: true'
  And match seen == ['alert: Hello alert', 'confirm: Sure?']
  When onDialog(function(d) { if (d.getType() == 'prompt') d.accept('John Doe'); else d.dismiss() })
  And click('#prompt-btn')
  Then match text('#result') == 'Prompt result: John Doe'
  When click('#confirm-btn')
  Then match text('#result') == 'Confirm result: false'
  And match driver.dialogText == 'Sure?'
  And match dialogText == 'Sure?'
  When onDialog(d => d.accept())
  And click('#prompt-btn')
  Then match text('#result') == 'Prompt result: stranger'
  When dialog(false)
  Then match driver.dialogText == null
  And click('#prompt-btn')
  Then match text('#result') == 'Prompt result: null'
  When onDialog(null)
  And click('#confirm-btn')
  Then match text('#result') == 'Confirm result: false'
  When onDialog(d => seen.push(d.message))
  And script("setTimeout(() => alert('from a timer'), 50)")
  And def got = waitUntil(() => seen.length == 3 ? seen[2] : null)
  Then match got == 'from a timer'
  When script("setTimeout(() => alert('during a delay'), 50)")
  And delay(300)
  Then match seen[3] == 'during a delay'

Scenario: a page that asks before it is left is left, as Karate confirms beforeunload
  Given driver baseUrl + '/leave.html'
  And input('#draft', 'unsaved')
  When driver baseUrl + '/popup.html'
  Then match driver.title == 'Popup'
  Given driver baseUrl + '/leave.html'
  And input('#draft', 'unsaved')
  And onDialog(d => { if (d.type == 'alert') d.accept() })
  When driver baseUrl + '/popup.html'
  Then match driver.title == 'Popup'
  Given onDialog(null)
  And driver baseUrl + '/leave.html'
  And input('#draft', 'unsaved')
  When driver baseUrl + '/popup.html'
  Then match driver.title == 'Popup'
  Given driver baseUrl + '/leave.html'
  And input('#draft', 'unsaved')
  And quit()
  And driver baseUrl + '/leave.html'
  And input('#draft', 'unsaved')
  When driver baseUrl + '/popup.html'
  Then match driver.title == 'Popup'

Scenario: screenshot returns the image, and with false does not attach it
  Given driver baseUrl + '/dialogs.html'
  * def shot = screenshot()
  * assert shot.byteLength > 100
  * def clip = screenshot('#alert-btn')
  * assert clip.byteLength > 100 && clip.byteLength < shot.byteLength
  * def quiet = screenshot(false)
  * assert quiet.byteLength > 100
  * def quietClip = screenshot('#alert-btn', false)
  * assert quietClip.byteLength > 100
  * def embedded = screenshot(true)
  * assert embedded.byteLength > 100
  * def ofElement = locate('#alert-btn').screenshot()
  * assert ofElement.byteLength > 100
  * def quietElement = locate('#alert-btn').screenshot(false)
  * assert quietElement.byteLength > 100

Scenario: mouse at coordinates, down, up and drag and drop
  Given driver baseUrl + '/drag.html'
  When mouse().move('#box').down().move('#zone').up()
  Then match text('#status') == 'dropped in the zone'
  When mouse(50, 400).click()
  Then match text('#clicked') == 'click at 50,400 on'
  When mouse().move(340, 60).click()
  Then match text('#clicked') == 'click at 340,60 on zone'
  When mouse(340, 60).offset(10, 5).doubleClick()
  Then match text('#clicked') == 'dblclick at 350,65 on zone'
  When mouse('#h5-dst').click()
  Then match text('#clicked') contains 'on h5-dst'
  When locate('#zone').mouse().click()
  Then match text('#clicked') contains 'on zone'
  When mouse().move(20, 320).duration(100).move(60, 320).pause(10).go()
  And mouse('#h5-src').down().move('#h5-dst').up()
  Then match text('#h5-status') == 'html5 dropped payload'

Scenario: close, pdf, quit and timeout
  Given driver baseUrl + '/lifecycle.html'
  When click('#open-popup')
  And switchPage('popup.html')
  Then match driver.title == 'Popup'
  When close()
  Then match driver.title == 'Lifecycle'
  And match getPages() == [{ url: '#regex .*/lifecycle.html', title: 'Lifecycle' }]
  * def doc = pdf({ orientation: 'landscape', printBackground: true })
  * match String.fromCharCode(...new Uint8Array(doc).slice(0, 5)) == '%PDF-'
  * assert pdf().byteLength > 500
  When quit()
  Then match driver.url == 'about:blank'
  Given driver baseUrl + '/lifecycle.html'
  Then match driver.title == 'Lifecycle'
  And timeout(3000).waitFor('#open-popup').click()
  And timeout()
  And switchPage('popup.html')
  And quit()
  And driver.url = baseUrl + '/popup.html'
  And match getPages().length == 1

Scenario: switchPage by index and the JavaBean forms of driver.url and co
  Given driver baseUrl + '/lifecycle.html'
  When click('#open-popup')
  And waitUntil(() => getPages().length == 2)
  * def popup = getPages().findIndex(p => p.url.endsWith('/popup.html'))
  When switchPage(popup)
  Then match getUrl() contains '/popup.html'
  When switchPage(1 - popup)
  Then match getTitle() == 'Lifecycle'
  When setUrl(baseUrl + '/elements.html')
  Then match driver.title == 'Elements'
  And match getCookies() == []
  And match getDimensions() contains { width: '#number' }
  And match getDialogText() == null
