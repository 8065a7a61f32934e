Feature: karate-config.js and read()

Scenario: config variables and files
  * match appName == 'demo-staging'
  * match envFile == 'karate-config-staging.js'
  * match env == 'staging'
  * match greeting == 'hello staging'
  * def data = read('data.json')
  * match data == { items: [1, 2] }
  * def helper = read('helper.js')
  * match helper(2) == 4
  * def note = read('note.txt')
  * match note contains 'plain text'
  * match karate.read('data.json').items[1] == 2
