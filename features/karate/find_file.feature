Feature: GitHubのファイル確認

Background:
  * configure driver = { type: 'chrome', headless: true, addOptions: ['--window-size=1920,1080'] }
  Given driver baseUrl + '/repo.html'
  * screenshot()

Scenario: land on the repository page, and search for a file
  When click('{a}Go to file')
  Then waitForUrl('find')
  And waitForEnabled("input[name=query]").input('logo.png')
  * delay(500)
  * screenshot()
  Then assert locateAll("ul#tree-browser li[role=presentation]").length > 0
