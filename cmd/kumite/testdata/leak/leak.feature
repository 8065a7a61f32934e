Feature: A page that shows the secrets it was given
  Scenario: the secrets come back in every encoding
    Given I open "/leak.html#${db_password}|${api_token}"
    Then the URL should be "/somewhere-else"

  Scenario: the page's text quotes them in an error
    Given I open "/leak.html#${db_password}|${api_token}"
    Then "body" should have text "nothing like this"
