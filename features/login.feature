@login
Feature: Log in and out
  A user signs in with a username and a password, is greeted by name, and
  can sign out again. The demo accounts are alice / s3cret and bob / hunter2.

  Whatever is typed into a password field is masked in the report and logs.

  Background:
    Given I open "/login.html"
    Then "h1" should have text "Log in to Kumite Demo"

  @smoke
  Scenario: sign in with valid credentials
    When I fill "#username" with "alice"
    And I fill "#password" with "s3cret"
    And I click "{}Sign in"
    Then I wait for the URL to contain "welcome"
    And "#msg" should have text "Welcome, alice"
    And "#stored-user" should have text "alice"
    And I take a screenshot named "login"

  Scenario: fill the whole form from a table and press Enter
    When I fill in:
      | #username | bob     |
      | #password | hunter2 |
    And I press "Enter" in "#password"
    Then I should see "Welcome, bob"
    And the title should be "Welcome - Kumite Demo"

  Scenario Outline: wrong credentials are refused (<case>)
    When I type "<username>" into "input[name=username]"
    And I type "<password>" into "input[name=password]"
    And I click "{*}Sign in"
    Then "#error" should be visible
    And "[role=alert]" should have text "Invalid username or password"
    And "#password" should have value ""
    And the URL should contain "login.html"

    Examples:
      | case           | username | password |
      | wrong password | alice    | secret   |
      | unknown user   | mallory  | s3cret   |
      | swapped        | s3cret   | alice    |

  Scenario: sign out
    When I fill "#username" with "alice"
    And I fill "#password" with "s3cret"
    And I click "#sign-in"
    And I wait for the text "Welcome, alice"
    And I store the text of "#msg" as "greeting"
    And I click "{button}Log out"
    Then the URL should contain "login.html?signed-out"
    And "#notice" should have text "You have been signed out."
    When I open "/welcome.html"
    Then "#msg" should have text "You are not signed in"
    And I should not see "${greeting}"

  Scenario: the password field hides what is typed
    Then "#password" should have attribute "type" with value "password"
    And "#error" should be hidden
    And "#remember" should be unchecked
    When I check "#remember"
    Then "#remember" should be checked
    And "#sign-in" should be enabled
