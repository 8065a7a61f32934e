Feature: Karate language failures in a real run

Scenario: call of a computed path that is missing
  * def name = 'nowhere'
  * call read(name + '.feature')

Scenario: call of something that is not callable
  * def n = 42
  * call n

Scenario: a called JavaScript function fails
  * def f = function() { return text('#no-such-title') }
  * call f

Scenario: match on a JSON path
  * def cat = { kittens: [{ id: 23, name: 'Bob' }] }
  * match cat.kittens[*].name contains 'Wild'

Scenario: contains deep
  * def o = { a: { b: 1, c: 2 } }
  * match o contains deep { a: { b: 2 } }

Scenario: table cell
  * table t
    | a           |
    | noSuchVar   |

Scenario: classpath read of a missing file
  * def x = read('classpath:missing.json')

Scenario: callonce of a feature that fails
  * callonce read('classpath:pkg/fails.feature')

Scenario: karate.callSingle of a feature that fails
  * def r = karate.callSingle('classpath:pkg/fails.feature')

Scenario: a karate member misused
  * karate.appendTo('notAList', 1)
