Feature: lang

Background:
  * callonce read('once.feature')

Scenario: tables and sets
  * table cats
    | name   | age |
    | 'Bob'  | 2   |
    | 'Wild' | 4   |
    | 'Nyan' |     |
  * match cats == [{name: 'Bob', age: 2}, {name: 'Wild', age: 4}, {name: 'Nyan'}]
  * def cat = { name: 'Billie' }
  * set cat.kittens = [{ name: 'a' }]
  * set cat $.kittens[1].name = 'b'
  * match cat == { name: 'Billie', kittens: [{ name: 'a' }, { name: 'b' }] }
  * remove cat $.kittens[0]
  * match cat.kittens == [{ name: 'b' }]
  * remove cat.name
  * match cat == { kittens: '#[1]' }
  * def deep = { a: { b: [1, 2, { c: 3, d: 4 }] } }
  * match deep contains deep { a: { b: [{ c: 3 }] } }
  * def r = call read('helper.feature') { name: 'x' }
  * match r.greeting == 'hello x'
  * call read('helper.feature') { name: 'y' }
  * match greeting == 'hello y'
  * print token
  * def keep = token
  * match karate.sizeOf(cats) == 3
  * match karate.map(cats, function(x){ return x.name }) == ['Bob', 'Wild', 'Nyan']
  * def f = function(a) { return { sum: a.x + 1 } }
  * def s = call f { x: 1 }
  * match s.sum == 2
  * call f { x: 5 }
  * match sum == 6

Scenario: callonce shares
  * print token
  * match token == '#string'
  * def names = $cats[*].name
