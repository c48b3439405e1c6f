"""The pictures in a real browser: the tile map by keyboard, without
JavaScript, following the enhanced facet form, and how it looks."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.e2e

TILE = ".tile-map__link"
FOCUSED_TILE = """() => {
  const link = document.activeElement;
  if (!link.matches('.tile-map__link')) return null;
  return {
    label: link.getAttribute('aria-label'),
    ring: getComputedStyle(link.querySelector('.tile-map__ring')).visibility,
    stroke: getComputedStyle(link.querySelector('.tile-map__tile')).stroke,
  };
}"""


def test_tiles_take_keyboard_focus_visibly_and_open_the_prefecture(page, screenshot):
    page.goto("/")
    first = page.locator(TILE).first
    # Tab from the element just before the map, as a keyboard user arrives.
    page.locator("#blocks-heading").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED_TILE)
    assert focused == {"label": first.get_attribute("aria-label"), "ring": "visible", "stroke": "rgb(255, 191, 71)"}
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_TILE)["label"] != focused["label"]
    page.keyboard.press("Shift+Tab")
    count = int(re.match(r"\S+ (\d+)件", focused["label"]).group(1))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/\?prefecture="))
    expect(page.locator("#results-heading")).to_have_text(f"{count}件")
    screenshot(page)


def tile_labels(page):
    return page.locator(TILE).evaluate_all(
        "links => links.map(a => [a.getAttribute('aria-label'), a.getAttribute('href')])"
    )


def test_the_map_follows_the_facet_form_when_javascript_refreshes_the_list(page):
    page.goto("/cases/")
    unfiltered = tile_labels(page)
    page.locator('.filters input[name="field"][value="disaster"]').check()
    page.wait_for_url(re.compile(r"field=disaster"))
    expect(page.locator(f'{TILE}[href*="prefecture=hokkaido"]')).to_have_attribute(
        "href", re.compile(r"field=disaster")
    )
    refreshed = tile_labels(page)
    page.reload()  # the server's own rendering of the same state
    assert refreshed == tile_labels(page) != unfiltered


def test_a_tile_narrows_the_list_without_javascript_and_keeps_the_other_filters(no_js_page):
    page = no_js_page
    page.goto("/cases/?field=agriculture")
    tile = page.locator(TILE).filter(has=page.locator("text", has_text=re.compile(r"^[1-9]\d*$"))).first
    count = int(re.match(r"\S+ (\d+)件", tile.get_attribute("aria-label")).group(1))
    tile.click()
    expect(page).to_have_url(re.compile(r"/cases/\?prefecture=\w+&field=agriculture$"))
    expect(page.locator("#results-heading")).to_have_text(f"{count}件")


@pytest.mark.parametrize("width", [1280, 320])
def test_screenshots_of_the_pictures(chromium, portal, width):
    """For a reviewer to look at: the home page's map and charts, a model case's map."""
    context = chromium.new_context(base_url=portal, viewport={"width": width, "height": 900}, locale="ja-JP")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/")
    page.locator(".tile-map").screenshot(path=SCREENSHOTS / f"pictures-home-map-{width}.png")
    page.locator(".chart-pair").screenshot(path=SCREENSHOTS / f"pictures-home-charts-{width}.png")
    page.goto("/cases/iot-jisso-model-ishinomaki-disaster/")
    page.locator(".tile-map--places").screenshot(path=SCREENSHOTS / f"pictures-model-case-{width}.png")
    # Noto CJK renders the labels: a tile's name is as wide as its characters, not a row of boxes.
    width_of_label = page.locator(".tile-map__svg text").first.evaluate("t => t.getComputedTextLength()")
    assert width_of_label > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
