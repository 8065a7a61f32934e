Feature: Every step fails with a helpful message on the wrong page
  fail_test.go runs this feature with a short step timeout. The last step
  of each scenario must fail, every step before it must pass, and the error
  must contain what its failCases table lists for the scenario.

  # Navigation

  Scenario: I open: a server that refuses the connection
    Given I open "${deadUrl}"

  Scenario: I navigate to: an undefined variable
    Given I navigate to "/${nowhere}.html"

  Scenario: I am on: a URL that does not parse
    Given I am on "http://[::1"

  Scenario: I go back: no earlier page
    Given I go back

  Scenario: I go forward: no later page
    Given I open "/a.html"
    When I go forward

  Scenario: I switch to the new tab: no tab was opened
    Given I open "/tabs.html"
    When I switch to the new tab

  Scenario: I switch to the tab with: no such tab
    Given I open "/tabs.html"
    When I switch to the tab with "Third tab"

  Scenario: I switch to frame: a div is not a frame
    Given I open "/frames.html"
    When I switch to frame "#not-a-frame"

  Scenario: I switch to frame: no such frame
    Given I open "/frames.html"
    When I switch to frame "#no-frame"

  Scenario: I set the viewport: zero width
    Given I open "/mouse.html"
    When I set the viewport to 0x600

  # Actions

  Scenario: I click: the element is hidden
    Given I open "/locators.html"
    When I click "#hidden-link"

  Scenario: I click: the element is covered
    Given I open "/locators.html"
    When I click "#covered"

  Scenario: I click: another element takes the click
    Given I open "/toast.html"
    When I click "#buy"

  Scenario: I double-click: no such element
    Given I open "/mouse.html"
    When I double-click "#no-item"

  Scenario: I hover over: the element is hidden
    Given I open "/mouse.html"
    When I hover over "#submenu"

  Scenario: I type into: the field is disabled
    Given I open "/form.html"
    When I type "abc" into "#ro"

  Scenario: I fill with: no such field
    Given I open "/form.html"
    When I fill "#no-field" with "alice"

  Scenario: I fill with: a date the date input does not take
    Given I open "/form.html"
    When I fill "#when" with "29/02/2024"

  Scenario: I clear: the field is disabled
    Given I open "/form.html"
    When I clear "#ro"

  Scenario: I press: an unknown key
    Given I open "/form.html"
    When I press "Hyper"

  Scenario: I press in: no such field
    Given I open "/form.html"
    When I press "Enter" in "#no-field"

  Scenario: I select from: no such option
    Given I open "/form.html"
    When I select "Purple" from "#color"

  Scenario: I check: the page undoes the click
    Given I open "/form.html"
    When I check "#stubborn"

  Scenario: I check: the checkbox is disabled
    Given I open "/form.html"
    When I check "#locked"

  Scenario: I check: the label's checkbox is disabled
    Given I open "/form.html"
    When I check "{label}Frozen"

  Scenario: I uncheck: the page undoes the click
    Given I open "/form.html"
    When I uncheck "#stuck"

  Scenario: I upload to: no file input
    Given I open "/form.html"
    When I upload "files/hello.txt" to "#no-input"

  Scenario: I upload to: no such file
    Given I open "/form.html"
    When I upload "files/missing.txt" to "#file"

  Scenario: I scroll to: no such element
    Given I open "/mouse.html"
    When I scroll to "#no-footer"

  Scenario: I blur: the page keeps the focus
    Given I open "/state.html"
    When I click "#sticky"
    And I blur "#sticky"

  Scenario: I blur: no such element
    Given I open "/state.html"
    When I blur "#no-field"

  Scenario: I execute: the script throws
    Given I open "/index.html"
    When I execute "notAFunction()"

  Scenario: I fill in: the second row names no field
    Given I open "/form.html"
    When I fill in:
      | #username | carol |
      | #no-field | query |

  # Waits

  Scenario: I wait for: the element stays hidden
    Given I open "/late.html"
    When I wait for "#never"

  Scenario: I wait for to be gone: the element stays
    Given I open "/late.html"
    When I wait for "#always" to be gone

  Scenario: I wait for to be enabled: the button stays disabled
    Given I open "/late.html"
    When I wait for "#always-disabled" to be enabled

  Scenario: I wait for the URL to contain: the URL does not change
    Given I open "/a.html"
    When I wait for the URL to contain "step=2"

  Scenario: I wait for the text: the text never comes
    Given I open "/index.html"
    When I wait for the text "Goodbye"

  # Assertions

  Scenario: the URL should be: another page
    Given I open "/a.html"
    Then the URL should be "/b.html"

  Scenario: the URL should contain: another page
    Given I open "/a.html"
    Then the URL should contain "b.html"

  Scenario: the URL should match: another page
    Given I open "/a.html"
    Then the URL should match "/b\\.html$"

  Scenario: the URL should match: not a regular expression
    Given I open "/a.html"
    Then the URL should match "a.html("

  Scenario: the title should be: markup comes back literally
    Given I open "/script.html"
    Then the title should be "Docs"

  Scenario: the title should contain: another page
    Given I open "/a.html"
    Then the title should contain "Page B"

  Scenario: I should see: the text is not there
    Given I open "/a.html"
    Then I should see "Welcome"

  Scenario: I should not see: markup that is there
    Given I open "/script.html"
    Then I should not see "<script>alert(\"x\")</script>"

  Scenario: should be visible: a hidden element
    Given I open "/late.html"
    Then "#never" should be visible

  Scenario: should be hidden: a visible element
    Given I open "/late.html"
    Then "#always" should be hidden

  Scenario: should be enabled: a disabled button
    Given I open "/late.html"
    Then "#always-disabled" should be enabled

  Scenario: should be disabled: an enabled field
    Given I open "/form.html"
    Then "#username" should be disabled

  Scenario: should be checked: an unchecked box
    Given I open "/form.html"
    Then "#terms" should be checked

  Scenario: should be unchecked: a checked box
    Given I open "/form.html"
    Then "#news" should be unchecked

  Scenario: should have text: another text
    Given I open "/a.html"
    Then "#msg" should have text "Welcome"

  Scenario: should contain: another text
    Given I open "/a.html"
    Then "#msg" should contain "Welcome"

  Scenario: should have value: another value
    Given I open "/a.html"
    Then "#name" should have value "Ada"

  Scenario: should have attribute: another value
    Given I open "/a.html"
    Then "#logo" should have attribute "alt" with value "Banner"

  Scenario: should have attribute: no such attribute
    Given I open "/a.html"
    Then "#logo" should have attribute "title" with value "Logo"

  Scenario: should exist: no such element
    Given I open "/a.html"
    Then "#welcome" should exist

  Scenario: should not exist: the element is there
    Given I open "/a.html"
    Then "#msg" should not exist

  Scenario: there should be N elements: too few
    Given I open "/locators.html"
    Then there should be 4 elements matching "{li}Item"

  Scenario: there should be at least N elements: too few
    Given I open "/locators.html"
    Then there should be at least 5 elements matching "li"

  Scenario: there should be at most N elements: too many
    Given I open "/locators.html"
    Then there should be at most 1 element matching "li"

  Scenario: should be focused: another element has the focus
    Given I open "/state.html"
    When I click "#first"
    Then "#second" should be focused

  Scenario: should be focused: nothing has the focus
    Given I open "/state.html"
    Then "#first" should be focused

  Scenario: should not be focused: the element has the focus
    Given I open "/state.html"
    When I click "#first"
    Then "#first" should not be focused

  Scenario: should not be focused: no such element
    Given I open "/state.html"
    Then "#no-field" should not be focused

  Scenario: should have class: the class is not there
    Given I open "/state.html"
    Then "#toggle" should have class "active"

  Scenario: should have class: an empty class name
    Given I open "/state.html"
    Then "#toggle" should have class " "

  Scenario: should not have class: the class is there
    Given I open "/state.html"
    When I click "#toggle"
    Then "#toggle" should not have class "active"

  Scenario: should have exact text: the spaces differ
    Given I open "/state.html"
    Then "#spaced" should have exact text "Total:  42"

  Scenario: there should be N visible elements: hidden ones do not count
    Given I open "/state.html"
    Then there should be 4 visible elements matching "li.todo"

  Scenario: there should be at least N visible elements: too few
    Given I open "/state.html"
    Then there should be at least 3 visible elements matching "li.todo"

  Scenario: there should be at most N visible elements: too many
    Given I open "/state.html"
    Then there should be at most 1 visible element matching "li.todo"

  # Local storage

  Scenario: I set the local storage item: the page has no local storage
    Given I set the local storage item "theme" to "dark"

  Scenario: the local storage item should be: another value
    Given I open "/storage.html"
    When I set the local storage item "theme" to "light"
    Then the local storage item "theme" should be "dark"

  Scenario: the local storage item should contain: no such item
    Given I open "/storage.html"
    When I set the local storage item "theme" to "light"
    Then the local storage item "cart" should contain "sku-42"

  Scenario: I wait for the local storage item to contain: the value never comes
    Given I open "/storage.html"
    When I click "#save"
    Then I wait for the local storage item "cart" to contain "sku-99"

  Scenario: a secret local storage value is masked in the error of a failed check
    Given I open "/storage.html"
    When I execute "localStorage.setItem('auth_token', 'tok-' + 'store-5')"
    Then the local storage item "auth_token" should be "${greeting}"

  # Screenshots

  Scenario: I take a screenshot of: no such element
    Given I open "/shots.html"
    When I take a screenshot of "#no-chart"

  # Variables

  Scenario: I store the text of: no such element
    Given I open "/form.html"
    When I store the text of "#no-order" as "order"

  Scenario: I store the value of: no such element
    Given I open "/form.html"
    When I store the value of "#no-field" as "user"

  Scenario: a variable that is not defined anywhere
    Given I open "/form.html"
    When I fill "#q" with "${undefinedThing}"

  # Locators

  Scenario: {a} matches the whole text, not a part
    Given I open "/locators.html"
    Then "{a}Go" should exist

  Scenario: {^a} matches only the tag it names
    Given I open "/locators.html"
    Then "{^li}Sign" should exist

  Scenario: {} matches the whole text of any element, not a part
    Given I open "/locators.html"
    Then "{}Sign" should exist

  Scenario: an XPath that starts with ./ starts at the document
    Given I open "/locators.html"
    Then "./body/h1" should exist

  Scenario: {li:4} is past the last match
    Given I open "/locators.html"
    When I click "{li:4}Item"

  Scenario: an XPath that finds nothing
    Given I open "/locators.html"
    Then "(//li)[9]" should exist

  Scenario: a CSS locator that does not parse
    Given I open "/locators.html"
    Then "li[data-n=" should exist

  Scenario: an XPath locator that does not parse
    Given I open "/locators.html"
    Then "//li[" should exist

  Scenario: a text locator without its closing brace
    Given I open "/locators.html"
    When I click "{a Go to file"

  # Masking

  Scenario: a password is masked in the error of a failed check
    Given I open "/form.html"
    When I fill "#password" with "hunter2"
    Then "#password" should have value "hunter3"

  Scenario: a secret --var is masked in the error of a failed check
    Given I open "/index.html"
    Then I should see "${apiToken}"
