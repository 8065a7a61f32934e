Feature: Every step passes on the right page
  pass_test.go runs this feature against testdata/site with --var values
  and an environment of its own (testVars, testEnv). Every scenario must
  pass. An action is followed by a check of its effect, and a wait by a
  check that does not retry (I execute), so a step that does nothing fails
  here.

  # Navigation

  Scenario: open, navigate to and am on a page
    Given I open "/index.html"
    Then the title should be "Kumite steps"
    When I navigate to "a.html"
    Then the title should be "Page A"
    When I am on "${baseUrl}b.html"
    Then the title should be "Page B"
    And the URL should be "/b.html"

  Scenario: go back, go forward and reload
    Given I open "/a.html"
    When I click "#next"
    Then the URL should contain "b.html?from=a"
    When I go back
    Then the title should be "Page A"
    When I go forward
    Then the title should be "Page B"
    When I execute "document.getElementById('page').textContent = 'changed'"
    Then "#page" should have text "changed"
    When I reload the page
    Then "#page" should have text "B"

  Scenario: switch to a new tab and back to a tab by title or URL
    Given I open "/tabs.html"
    When I click "#open"
    And I switch to the new tab
    Then the title should be "Second tab"
    And "#where" should have text "second"
    When I switch to the tab with "First tab"
    Then "#where" should have text "first"
    When I click "#open-js"
    And I switch to the tab with "via=js"
    Then the URL should contain "second.html?via=js"

  Scenario: switch into a frame and back to the main frame
    Given I open "/frames.html"
    When I switch to frame "#inner"
    Then I should see "Inside the frame"
    And I should not see "Outside the frame"
    When I click "#inner-button"
    Then "#inner-msg" should have text "Clicked inside"
    When I switch to the main frame
    Then I should see "Outside the frame"
    And "#inner-button" should not exist

  Scenario: set the viewport
    Given I open "/mouse.html"
    Then "#mobile-only" should be hidden
    When I set the viewport to 375x812
    Then "#vw" should have text "375x812"
    And "#mobile-only" should be visible

  # Actions

  Scenario: click, double-click and hover
    Given I open "/mouse.html"
    When I click "#item"
    Then "#clicks" should have text "1"
    When I double-click "#item"
    Then "#item" should have text "Double-clicked"
    And "#submenu" should be hidden
    When I hover over "#menu"
    Then "#submenu" should be visible

  Scenario: actions land on their element when the page moves under the mouse
    # The hover opens a submenu that pushes #item down; going to #item
    # closes it and #item jumps back. The filter links move 60 px after
    # each click.
    Given I open "/mouse.html"
    When I hover over "#menu"
    And I double-click "#item"
    Then "#item" should have text "Double-clicked"
    And "#clicks" should have text "2"
    Given I open "/filters.html"
    When I click "{a}Active"
    And I click "{a}Completed"
    Then "#status" should have text "Completed"
    When I click "{a}All"
    Then "#status" should have text "All"

  Scenario: scroll to an element
    Given I open "/mouse.html"
    Then "#scrolled" should have text "no"
    When I scroll to "#footer"
    Then "#scrolled" should have text "yes"

  Scenario: type appends, fill replaces, clear empties
    Given I open "/form.html"
    When I type "abc" into "#q"
    Then "#q" should have value "xabc"
    And "#keys" should have text "3"
    When I fill "#username" with "alice"
    Then "#username" should have value "alice"
    When I clear "#username"
    Then "#username" should have value ""
    When I fill "#when" with "2024-02-29"
    Then "#when" should have value "2024-02-29"

  Scenario: press keys on the focus and in a field
    Given I open "/form.html"
    When I fill "#username" with "bob"
    And I press "Enter"
    Then "#submitted" should have text "Submitted bob"
    When I press "Control+A" in "#notes"
    And I press "Delete"
    Then "#notes" should have value ""

  Scenario: select by text and by value, check, uncheck and upload
    Given I open "/form.html"
    When I select "Blue" from "#color"
    Then "#color" should have value "blue"
    When I select "Dark green" from "#color"
    Then "#color" should have value "green"
    When I select "red" from "#color"
    Then "#color" should have value "red"
    When I check "#terms"
    Then "#terms" should be checked
    When I uncheck "#news"
    Then "#news" should be unchecked
    When I check "{label}I agree"
    Then "#agree" should be checked
    When I uncheck "{label}I agree"
    Then "#agree" should be unchecked
    When I check "#dark"
    Then "#dark" should be checked
    When I upload "files/hello.txt" to "#file"
    Then "#fileName" should have text "hello.txt"

  Scenario: accept, dismiss and answer dialogs
    Given I open "/dialogs.html"
    When I accept the next dialog
    And I click "#confirm"
    Then "#answer" should have text "confirm: true"
    When I dismiss the next dialog
    And I click "#confirm"
    Then "#answer" should have text "confirm: false"
    When I answer "Ada" to the next dialog
    And I click "#prompt"
    Then "#answer" should have text "prompt: Ada"

  Scenario: execute JavaScript and wait
    Given I open "/index.html"
    When I execute "window.t0 = Date.now(); document.title = 'Set by a step'"
    Then the title should be "Set by a step"
    When I wait 300 ms
    Then I execute "if (Date.now() - window.t0 < 290) throw new Error('waited too little')"
    When I wait 1 second
    Then I execute "if (Date.now() - window.t0 < 1280) throw new Error('waited too little')"
    And I execute "6 * 7"

  Scenario: fill in a table of fields
    Given I open "/form.html"
    When I fill in:
      | locator   | value |
      | #username | carol |
      | #q        | query |
    Then "#username" should have value "carol"
    And "#q" should have value "query"

  # Waits: late.html makes one change every 250 ms and check(name) throws
  # unless that change has happened.

  Scenario: wait for elements, states, the URL and a text
    Given I open "/late.html"
    When I wait for "#late"
    Then I execute "check('late')"
    When I wait for "#spinner" to be gone
    Then I execute "check('gone')"
    When I wait for "#soon-hidden" to be hidden
    Then I execute "check('hidden')"
    When I wait for "#soon-visible" to be visible
    Then I execute "check('visible')"
    When I wait for "#soon-enabled" to be enabled
    Then I execute "check('enabled')"
    When I wait for "#soon-disabled" to be disabled
    Then I execute "check('disabled')"
    When I wait for the text "Loaded"
    Then I execute "check('text')"
    When I wait for the URL to contain "ready=yes"
    Then I execute "check('url')"

  # Assertions

  Scenario: the URL and the title
    Given I open "/a.html"
    Then the URL should be "/a.html"
    And the URL should be "${baseUrl}a.html"
    And the URL should contain "/a.html"
    And the URL should match "^http://127\\.0\\.0\\.1:\\d+/a\\.html$"
    And the title should be "Page A"
    And the title should contain "Page"

  Scenario: the text of the page and of elements
    Given I open "/index.html"
    Then I should see "Step vocabulary"
    And I should see "A page for every step."
    And I should not see "Goodbye"
    And "#msg" should have text "Welcome"
    And "#intro" should have text "A page for every step."
    And "#intro" should contain "for every"
    And "#to-a" should have attribute "href" with value "a.html"
    And "#msg" should exist
    And "#nothing" should not exist
    And there should be 2 elements matching "nav a"
    And there should be at least 1 element matching "nav a"
    And there should be at most 2 elements matching "nav a"

  Scenario: element states and values
    Given I open "/form.html"
    Then "#username" should be visible
    And "#file" should be visible
    And "#nothing" should be hidden
    And "#submit" should be enabled
    And "#locked" should be disabled
    And "#news" should be checked
    And "#terms" should be unchecked
    And "#username" should have value "old"
    When I open "/locators.html"
    Then "#hidden-link" should be hidden

  Scenario: focus and blur, in the page, a shadow root and a frame
    Given I open "/state.html"
    Then "#first" should not be focused
    When I click "#first"
    Then "#first" should be focused
    And "input" should be focused
    And "#second" should not be focused
    When I blur "#first"
    Then "#first" should not be focused
    And I execute "if (document.activeElement !== document.body) throw new Error('the focus is on ' + document.activeElement.id)"
    When I blur "#second"
    Then "#second" should not be focused
    When I execute "document.getElementById('host').shadowRoot.getElementById('inner').focus()"
    Then "#host" should be focused
    And "#first" should not be focused
    When I open "/frames.html"
    And I switch to frame "#inner"
    And I click "#inner-button"
    Then "#inner-button" should be focused
    When I switch to the main frame
    Then "#inner" should be focused

  Scenario: classes, exact text and visible counts
    Given I open "/state.html"
    Then "#toggle" should have class "tab"
    And "#toggle" should not have class "active"
    When I click "#toggle"
    Then "#toggle" should have class "active"
    And "#toggle" should have class "active tab"
    And "#toggle" should not have class "tabs selected"
    And "#spaced" should have exact text "Total: 42"
    And "#spaced" should have exact text "  Total:  42 "
    And "#price" should have exact text "  42 "
    And "#price" should have text "42"
    And there should be 4 elements matching "li.todo"
    And there should be 2 visible elements matching "li.todo"
    And there should be at least 1 visible element matching "li.todo"
    And there should be at most 2 visible elements matching "li.todo"
    When I click "#show-all"
    Then there should be 3 visible elements matching "li.todo"

  Scenario: set, check and wait for local storage items
    Given I open "/storage.html"
    Then "#theme" should have text "none"
    When I set the local storage item "theme" to "dark"
    Then the local storage item "theme" should be "dark"
    And the local storage item "theme" should contain "ar"
    When I reload the page
    Then "#theme" should have text "dark"
    When I click "#save"
    And I wait for the local storage item "cart" to contain "sku-42"
    Then I execute "if (!localStorage.getItem('cart').includes('sku-42')) throw new Error('no cart')"
    And the local storage item "cart" should be "[\"sku-7\",\"sku-42\"]"

  # Locators

  Scenario: every locator form finds its element
    Given I open "/locators.html"
    Then "#picked" should have text "Nothing picked"
    And "ul#items > li[data-n='4']" should have text "Other"
    And "//h1" should have text "Locators"
    And "./html/body/h1" should have text "Locators"
    And "(//li)[2]" should have attribute "data-n" with value "2"
    And "{a}Go to file" should have attribute "id" with value "file-link"
    And "{^a}Go some" should have attribute "id" with value "other-link"
    And there should be 3 elements matching "{^a}Go"
    And "{}Sign in" should have attribute "id" with value "sign-in"
    And "{*}Sign in" should have attribute "id" with value "sign-in"
    And there should be 3 elements matching "{li}Item"
    And "{li:2}Item" should have attribute "data-n" with value "2"
    When I click "{a}Go to file"
    Then "#picked" should have text "Picked the link"
    When I click "{li:3}Item"
    Then "#picked" should have text "Picked item 3"
    When I click "{}Sign in"
    Then "#picked" should have text "Picked sign in"
    When I click "(//li)[1]"
    Then "#picked" should have text "Picked item 1"

  # Screenshots (pass_test.go checks the files and their sizes)

  Scenario: screenshots
    Given I open "/shots.html"
    When I take a screenshot
    And I take a screenshot named "the chart"
    And I take a full-page screenshot
    And I take a screenshot of "#chart"

  # Variables

  Scenario: store the text, the value and the URL
    Given I open "/form.html"
    When I store the text of "#order-text" as "order"
    And I store the value of "#username" as "user"
    And I store the URL as "formUrl"
    And I fill "#q" with "${order} by ${user}"
    Then "#q" should have value "A-1001 by old"
    When I open "/index.html"
    And I open "${formUrl}"
    Then the title should be "Form"

  Scenario: a scenario variable beats --var, which beats the environment
    Given I open "/form.html"
    When I fill "#q" with "${greeting}|${place}"
    Then "#q" should have value "from-var|from-env"
    When I store the text of "#order-text" as "greeting"
    And I fill "#q" with "${greeting}|${place}"
    Then "#q" should have value "A-1001|from-env"

  # Masking (pass_test.go checks that no secret is anywhere in the results)

  Scenario: a password typed into a field and secret-named variables are masked
    Given I open "/form.html"
    When I fill "#password" with "hunter2"
    And I click "#username"
    Then "#password" should have value "hunter2"
    When I store the value of "#password" as "pw"
    And I fill "#q" with "${apiToken}"
    Then "#q" should have value "tok-from-var-42"
    When I fill "#username" with "${DB_PASSWORD}"
    Then "#username" should have value "pw-from-env-17"
    When I store the value of "#username" as "copy"
    And I execute "'echo ' + document.getElementById('q').value"
    When I set the local storage item "session_token" to "s3ss-tok-9"
    And I set the local storage item "key" to "${apiToken}"
    Then the local storage item "session_token" should be "s3ss-tok-9"
    And the local storage item "key" should contain "tok-from-var-42"

  Scenario: a password field that comes late is masked too
    Given I open "/secret.html?token=${apiToken}"
    Then "#shown" should have text "token tok-from-var-42"
    When I click "#show"
    And I fill "#late-password" with "s3cr3t-late"
    Then "#late-password" should have value "s3cr3t-late"

  # Markup

  Scenario: a page whose title and text contain <script>
    Given I open "/script.html"
    Then the title should be "Docs: <script>alert(1)</script> & more"
    And the title should contain "<script>"
    And I should see "Use <script>alert(\"x\")</script> to say hi"
    And "#code" should have text "Use <script>alert(\"x\")</script> to say hi"
    When I store the text of "#code" as "code"
    And I fill "#echo" with "${code}"
    Then "#echo" should have value "Use <script>alert(\"x\")</script> to say hi"
