"""Keyboard only, and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return outline || style.boxShadow !== "none";
}"""


def assert_visible_focus(page):
    assert page.evaluate(FOCUS_RING), page.evaluate("() => document.activeElement.outerHTML")


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching selector has focus, checking the
    focus ring on every stop on the way."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert_visible_focus(page)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only(page, screenshot):
    page.goto("/cases/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へスキップ")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # From main, the facets come before the results.
    tab_to(page, 'input[name="field"][value="agriculture"]')
    before = page.url
    page.keyboard.press("Space")
    page.wait_for_url(lambda url: url != before)
    expect(page.locator('.filters input[name="field"][value="agriculture"]')).to_be_checked()
    # The enhanced list is replaced in place; focus stays on the same checkbox.
    expect(page.locator('.filters input[name="field"][value="agriculture"]')).to_be_focused()
    assert_visible_focus(page)

    page.goto("/")
    tab_to(page, "#site-search-q")
    page.keyboard.type("見守り")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator("#results-heading")).to_contain_text("「見守り」の検索結果")
    tab_to(page, ".hits a")
    screenshot(page)


def test_facets_and_finder_work_without_javascript(no_js_page, screenshot):
    page = no_js_page
    page.goto("/cases/")
    everything = page.locator("#results-heading").inner_text()
    page.locator('.filters input[name="field"][value="agriculture"]').check()
    page.locator('.filters input[name="block"][value="kanto"]').check()
    page.locator(".filters").get_by_role("button", name="この条件で表示").click()
    expect(page).to_have_url(re.compile(r"field=agriculture.*block=kanto|block=kanto.*field=agriculture"))
    expect(page.locator("#results-heading")).not_to_have_text(everything)
    expect(page.locator(".chips")).to_contain_text("分野：農林水産業")

    page.goto("/supports/finder/")
    page.get_by_label("市区町村・都道府県").fill("天塩町")
    page.get_by_label("事業費").fill("３０００万円")
    page.get_by_role("button", name="支援策を探す").click()
    expect(page.locator(".finder-profile")).to_contain_text("北海道天塩町")
    expect(page.locator(".finder-group--eligible .finder-result").first).to_be_visible()
    screenshot(page)
