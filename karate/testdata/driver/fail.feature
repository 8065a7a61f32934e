Feature: driver functions on the wrong page of karate/testdata/site, each must fail with its message

Scenario: script on an element on a strict CSP page
  * driver baseUrl + '/csp.html'
  * script('#title', '_.nope.deeper')

Scenario: waitUntil on an element on a strict CSP page
  * driver baseUrl + '/csp.html'
  * retry(2, 200).waitUntil('#title', "_.textContent == 'Other'")

Scenario: rightOf finds nothing
  * driver baseUrl + '/positions.html'
  * rightOf('{}Input On Left').input('x')

Scenario: rightOf finds an input that is covered
  * driver baseUrl + '/positions.html'
  * rightOf('{}Covered Label').click()

Scenario: find with XPath
  * driver baseUrl + '/positions.html'
  * rightOf('{}Some Text').find('//span')

Scenario: closest finds no ancestor
  * driver baseUrl + '/elements.html'
  * locate('#username').closest('table')

Scenario: a scoped locate finds nothing inside
  * driver baseUrl + '/elements.html'
  * locate('#tree').locate('input').input('x')

Scenario: matches on an element that is not there
  * driver baseUrl + '/elements.html'
  * locateAll('#nothing-here').length == 0 && locate('#nothing-here').matches('p')

Scenario: nextSibling of the last element
  * driver baseUrl + '/elements.html'
  * locate('#last').nextSibling.text

Scenario: onDialog with no function
  * driver baseUrl + '/dialogs.html'
  * onDialog('yes')

Scenario: an onDialog handler that fails
  * driver baseUrl + '/dialogs.html'
  * onDialog(d => d.nope())
  * click('#confirm-btn')

Scenario: mouse move to an element that is not there
  * driver baseUrl + '/drag.html'
  * mouse().move('#no-such-box').down()

Scenario: mouse down on a covered element
  * driver baseUrl + '/drag.html'
  * mouse('#cover-me').down()

Scenario: mouse move without a place
  * driver baseUrl + '/drag.html'
  * mouse().move()

Scenario: close the first tab
  * driver baseUrl + '/lifecycle.html'
  * close()

Scenario: a driver function after quit
  * driver baseUrl + '/lifecycle.html'
  * quit()
  * click('#open-popup')

Scenario: pdf with an unknown option
  * driver baseUrl + '/lifecycle.html'
  * pdf({ colour: 'red' })

Scenario: timeout with no number
  * driver baseUrl + '/lifecycle.html'
  * timeout('soon')

Scenario: timeout lets a step wait longer, timeout() goes back to --timeout
  * driver baseUrl + '/lifecycle.html'
  * timeout(9000)
  * waitFor('#slow')
  * timeout()
  * waitFor('#never')

Scenario: switchPage to an index with no tab
  * driver baseUrl + '/lifecycle.html'
  * switchPage(3)

Scenario: select by an index with no option
  * driver baseUrl + '/positions.html'
  * below('{}State').select(5)
