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
