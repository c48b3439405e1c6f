"""axe-core on every page type, desktop and mobile: no WCAG 2.x A/AA violation."""

import pytest

from . import axe
from .conftest import DESKTOP, MOBILE

pytestmark = pytest.mark.e2e

PAGES = {
    "home": "/",
    "case list": "/cases/",
    "case": "/cases/iot-jisso-model-agri-sensor/",
    "model case with its map": "/cases/iot-jisso-model-tabica/",
    "case list with a prefecture": "/cases/?field=health&prefecture=hokkaido",
    "case with award": "/cases/fishpass/",
    "program list": "/supports/",
    "program": "/supports/iot-jisso-2017/",
    "search with filters": "/search/?q=IoT&field=agriculture&block=kanto",
    "empty search": "/search/?q=お礼ルール&block=hokkaido",
    "finder": "/supports/finder/",
    "finder with results": "/supports/finder/?municipality=4&disadvantaged=depopulated&cost=３０００万円",
    "calendar list": "/seminars/",
    "calendar month": "/seminars/2018/02/?block=hokuriku",
    "seminar": "/seminars/2018/ict-iot-jisso-seminar-fy2017-hokuriku/",
    "award archive": "/awards/",
    "regions": "/regions/",
    "region block": "/regions/tohoku/",
    "prefecture": "/regions/hokkaido/hokkaido/",
    "municipality": "/regions/hokkaido/hokkaido/%E5%AE%A4%E8%98%AD%E5%B8%82/",
    "municipality with kind moves": "/regions/hokuriku/fukui/%E7%A6%8F%E4%BA%95%E5%B8%82/",
    "network": "/regions/chiiki-iot-kanmin-net/",
    "roadmap": "/roadmap/",
    "open-data guide": "/opendata-guide/",
    "not found": "/no-such-page/",
    "bad request": "/cases/?page=abc",
    "alert subscription": "/alerts/subscribe/?scope=cases&field=disaster",
    "alert privacy note": "/alerts/privacy/",
    "desk": "/desk/",
}


@pytest.fixture(scope="module", params=[DESKTOP, MOBILE], ids=["desktop", "mobile"])
def viewport_page(request, chromium, portal):
    context = chromium.new_context(base_url=portal, viewport=request.param, locale="ja-JP")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_no_axe_violations(viewport_page, url):
    viewport_page.goto(url)
    found = axe.violations(viewport_page)
    assert not found, f"axe found WCAG A/AA violations on {url}:\n{axe.describe(found)}"


@pytest.fixture(scope="module")
def narrow_page(chromium, portal):
    # 320 CSS px is WCAG 1.4.10's reflow width (1280 px at 400 % zoom).
    context = chromium.new_context(base_url=portal, viewport={"width": 320, "height": 640}, locale="ja-JP")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_pages_reflow_without_horizontal_scrolling(narrow_page, url):
    narrow_page.goto(url)
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320


def test_japanese_body_text_reads_well(viewport_page):
    viewport_page.goto("/cases/iot-jisso-model-agri-sensor/")
    style = viewport_page.locator(".lead").evaluate(
        "e => { const s = getComputedStyle(e); return {family: s.fontFamily, size: parseFloat(s.fontSize), height: parseFloat(s.lineHeight)}; }"
    )
    assert "Noto Sans CJK JP" in style["family"] and "Hiragino" in style["family"]
    # Japanese runs without spaces; 1.5 is WCAG 1.4.12's floor, the site uses more.
    assert style["height"] / style["size"] >= 1.7
