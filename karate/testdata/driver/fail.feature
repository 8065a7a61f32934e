Feature: driver functions on the wrong page of karate/testdata/site, each must fail with its message

Scenario: script on an element on a strict CSP page
  * driver baseUrl + '/csp.html'
  * script('#title', '_.nope.deeper')

Scenario: waitUntil on an element on a strict CSP page
  * driver baseUrl + '/csp.html'
  * retry(2, 200).waitUntil('#title', "_.textContent == 'Other'")
