@cjk
Feature: CJK text renders
  The CodeBuild image ships fonts-noto-cjk. Without it Chinese, Japanese
  and Korean text shows as empty boxes in the page and in the report's
  screenshots. make image-check runs this feature inside the image.

  Scenario: Japanese, Chinese and Korean glyphs are drawn
    Given I open "/cjk.html"
    Then I should see "日本語の表示テスト"
    And "#glyph-check" should have text "every glyph rendered"
    And I take a screenshot of "#sample"
