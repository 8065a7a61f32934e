@table
Feature: Sort and filter a data table
  The products page lists ten products. Clicking a column header sorts by
  that column; clicking it again reverses the order. A category filter
  narrows the list. Rows and cells are located with CSS and XPath.

  Background:
    Given I open "/table.html"

  Scenario: the table lists every product
    Then there should be 10 elements matching "#products tbody tr"
    And "#row-count" should have text "10 products"
    And there should be at least 5 elements matching "//table[@id='products']/tbody/tr"
    And there should be at most 10 elements matching "#products tbody tr"
    And "#products tbody tr:first-child td.name" should have text "Notebook"
    And I take a screenshot of "#products"

  Scenario: sort by price, cheapest first, then most expensive first
    When I click "{th}Price"
    Then "th[data-key=price]" should have attribute "aria-sort" with value "ascending"
    And "(//table[@id='products']//tbody/tr)[1]/td[1]" should have text "Pencil"
    And "(//table[@id='products']//tbody/tr)[last()]/td[1]" should have text "Tent"
    When I click "th[data-key=price]"
    Then "th[data-key=price]" should have attribute "aria-sort" with value "descending"
    And "#products tbody tr:first-child td.name" should have text "Tent"
    And "#products tbody tr:first-child td.price" should have text "149.00"

  Scenario: sort by name
    When I click "{th}Name"
    Then "#products tbody tr:first-child td.name" should have text "Backpack"
    And "#products tbody tr:last-child td.name" should have text "Water bottle"

  Scenario: filter by category
    When I select "Electronics" from "#category"
    Then there should be 2 elements matching "#products tbody tr"
    And "#row-count" should have text "2 products"
    And "#category" should have value "electronics"
    When I select "books" from "#category"
    Then there should be 1 element matching "#products tbody tr"
    And "#row-count" should have text "1 product"
    And ".//tbody/tr/td[@class='name']" should have text "Novel"

  Scenario: remember a cell and find it again after sorting
    When I store the text of "#products tbody tr:first-child td.name" as "firstProduct"
    And I click "{th}Stock"
    And I click "{th}Stock"
    Then "#products tbody tr:nth-child(2) td.name" should have text "USB cable"
    And I should see "${firstProduct}"
    And "//td[contains(@class,'stock-low')]" should exist
    And there should be 2 elements matching "td.stock-low"
