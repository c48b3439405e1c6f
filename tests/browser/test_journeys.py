"""The portal's main journeys, driven in Chromium as its users would."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def result_count(page):
    """The live-region count ("7件" or "「…」の検索結果：7件") as a number."""
    return int(re.search(r"(\d+)件", page.locator("#results-heading").inner_text()).group(1))


def tick(page, name, value):
    """Tick a facet and wait for the JavaScript-enhanced list to update in place."""
    before = page.url
    page.locator(f'.filters input[name="{name}"][value="{value}"]').check()
    page.wait_for_url(lambda url: url != before)
    expect(page.locator(f'.filters input[name="{name}"][value="{value}"]')).to_be_checked()
    # The list was replaced in place; the live region outside it announces the new count.
    expect(page.locator("[data-listing-status]")).to_have_text(page.locator("#results-heading").inner_text())


def test_public_narrows_cases_and_follows_a_model_to_its_program(page, screenshot):
    page.goto("/")
    page.get_by_role("link", name=re.compile("農林水産業")).first.click()
    expect(page).to_have_url(re.compile(r"/cases/\?field=agriculture"))
    all_fields = result_count(page)

    tick(page, "block", "kanto")
    in_kanto = result_count(page)
    assert 0 < in_kanto < all_fields
    tick(page, "prefecture", "chiba")
    in_chiba = result_count(page)
    assert 0 < in_chiba <= in_kanto
    # Back and forward step through the in-place states.
    page.go_back()
    expect(page.locator('.filters input[name="prefecture"][value="chiba"]')).not_to_be_checked()
    page.go_forward()
    expect(page.locator('.filters input[name="prefecture"][value="chiba"]')).to_be_checked()

    page.locator(".chips").get_by_role("link", name=re.compile("分野：農林水産業")).click()
    expect(page.locator('.filters input[name="field"][value="agriculture"]')).not_to_be_checked()
    assert result_count(page) >= in_chiba

    page.locator(".hits").get_by_role("link", name=re.compile("いすみ市")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("いすみ市")
    page.get_by_role("link", name=re.compile("分野別モデル：農林水産業")).click()
    # No document says which cases are in the 100選, so no seeded page claims it.
    expect(page.get_by_text("ICT地域活性化事例100選")).to_have_count(0)
    adopters = page.locator("section", has=page.locator("#adopters-heading"))
    expect(adopters.get_by_role("link", name=re.compile("いすみ市"))).to_be_visible()

    programs = page.locator("section", has=page.locator("#programs-heading"))
    programs.get_by_role("link", name=re.compile("地域IoT実装推進事業")).click()
    expect(page).to_have_url(re.compile(r"/supports/iot-jisso-2017/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("地域IoT実装推進事業")
    screenshot(page)


def test_public_sees_the_award_badge_of_a_winning_case(page, screenshot):
    page.goto("/cases/?award_tier=excellence")
    page.locator(".hits").get_by_role("link", name=re.compile("フィッシュパス")).click()
    expect(page.locator(".badge--award")).to_contain_text("ICT地域活性化大賞2017 優秀賞")
    screenshot(page)


def search(page, text):
    page.goto("/search/")
    box = page.locator("#site-search-q")
    box.fill(text)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))


@pytest.mark.parametrize("word", ["お礼ルール", "生駒"])
def test_search_finds_a_word_inside_a_japanese_sentence(page, word):
    search(page, word)
    assert result_count(page) >= 1
    expect(page.locator(".hits mark").filter(has_text=word).first).to_be_visible()


def test_search_treats_full_width_letters_as_ascii(page, screenshot):
    search(page, "ＩｏＴ")
    assert result_count(page) >= 1
    marks = page.locator(".hits mark").all_inner_texts()
    assert marks and all(mark.lower() == "iot" for mark in marks)
    screenshot(page)


def test_an_empty_search_says_which_filters_to_drop(page, screenshot):
    page.goto("/search/?q=お礼ルール&block=hokkaido")
    assert result_count(page) == 0
    expect(page.locator(".empty")).to_contain_text("地域ブロック（北海道）を外すと1件")
    screenshot(page)
    page.locator(".chips").get_by_role("link", name=re.compile("北海道")).click()
    assert result_count(page) == 1


def test_municipality_finds_programs_and_downloads_them(page, screenshot):
    page.goto("/supports/finder/")
    page.get_by_label("市区町村・都道府県").fill("天塩町")
    page.get_by_label("過疎地域").check()
    page.get_by_label("事業費").fill("３０００万円")
    page.get_by_role("button", name="支援策を探す").click()

    results = page.locator(".finder-results")
    expect(results.locator(".finder-profile")).to_contain_text("北海道天塩町")
    expect(results.locator(".finder-profile")).to_contain_text("3,000万円")
    eligible = results.locator(".finder-group--eligible")
    expect(eligible.locator(".finder-result").first).to_be_visible()
    expect(eligible.locator(".finder-amounts").first).to_contain_text("万円")
    expect(results.locator(".badge--best").first).to_contain_text("最も負担が少ない")

    with page.expect_download() as info:
        page.get_by_role("link", name="この結果をCSVでダウンロード").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 1
    assert any("地域におけるIoT実装推進のための特別交付税措置" in cell for row in rows for cell in row)
    screenshot(page)


def test_calendar_months_blocks_and_a_cancelled_seminar(page, screenshot):
    page.goto("/seminars/2018/01/")
    page.get_by_role("link", name=re.compile("次の月（2018年2月）")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2018年2月のセミナー・説明会")
    page.get_by_role("link", name=re.compile("前の月（2018年1月）")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2018年1月のセミナー・説明会")
    page.get_by_role("link", name=re.compile("次の月（2018年2月）")).click()

    page.locator('.filters input[name="block"][value="hokuriku"]').check()
    page.locator(".filters").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"block=hokuriku"))
    expect(page.locator(".month-grid caption")).to_have_text("2018年2月のセミナー・説明会（1件）")

    page.locator(".month-grid").get_by_role("link", name=re.compile("実装推進セミナーin富山")).click()
    expect(page.locator(".badge--cancelled")).to_have_text("中止")
    expect(page.locator(".notice--alert")).to_contain_text("大雪のため中止")

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("カレンダーに追加")).click()
    ics = open(info.value.path(), encoding="utf-8").read()
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "STATUS:CANCELLED" in ics
    screenshot(page)
