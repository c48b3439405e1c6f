"""The finder's 市区町村 field: a WAI-ARIA combobox by keyboard, the same
field without JavaScript (the server offers the candidates), and axe with
the listbox open."""

import re

import pytest
from playwright.sync_api import expect

from . import axe

pytestmark = pytest.mark.e2e

LABEL = "市区町村・都道府県"


def test_combobox_by_keyboard(page, screenshot):
    page.goto("/supports/finder/")
    field = page.get_by_role("combobox", name=LABEL)
    expect(field).to_have_attribute("aria-expanded", "false")
    field.focus()
    page.keyboard.type("いすみ")
    listbox = page.get_by_role("listbox", name="市区町村の候補")
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="候補")).to_contain_text(re.compile(r"候補\d+件"))

    page.keyboard.press("ArrowDown")
    option = listbox.get_by_role("option", name=re.compile("千葉県いすみ市"))
    expect(option).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    page.keyboard.press("Enter")

    expect(field).to_have_value("千葉県いすみ市")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    chosen = page.locator(".combobox__chosen")
    expect(chosen).to_contain_text("市・関東ブロック・地方公共団体コード122386")
    expect(chosen).to_contain_text("2018年4月1日時点")
    expect(page.get_by_label("団体の種類")).to_contain_text("（市区町村から自動で設定：市）")
    assert chosen.get_attribute("id") in field.get_attribute("aria-describedby")

    # Escape closes the list and keeps what was typed; Enter then submits the form.
    field.fill("府中")
    expect(listbox.get_by_role("option")).to_have_count(3)
    page.keyboard.press("ArrowUp")
    expect(listbox.get_by_role("option").last).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_value("府中")
    screenshot(page)
    page.keyboard.press("Enter")
    expect(page.locator(".municipality-choices")).to_contain_text("東京都府中市")


def test_municipality_without_javascript(no_js_page):
    page = no_js_page
    page.goto("/supports/finder/")
    page.get_by_label(LABEL).fill("府中")
    page.get_by_label("事業費").fill("３０００万円")
    page.get_by_role("button", name="支援策を探す").click()
    choices = page.locator(".municipality-choices")
    expect(choices).to_contain_text("広島県府中市")
    expect(page.locator(".error-summary")).to_contain_text("候補から選んでください")
    choices.get_by_role("link", name="東京都府中市").click()
    profile = page.locator(".finder-profile")
    expect(profile).to_contain_text("東京都府中市")
    expect(profile).to_contain_text("関東")
    expect(profile).to_contain_text("団体区分は2018年4月1日時点（総務省の中核市・施行時特例市の一覧による）")
    expect(profile).to_contain_text("3,000万円")

    page.get_by_label(LABEL).fill("ｲｽﾐ")
    page.get_by_role("button", name="支援策を探す").click()
    expect(page.locator(".finder-profile")).to_contain_text("千葉県いすみ市")


def test_no_axe_violations_with_the_listbox_open(page):
    page.goto("/supports/finder/")
    page.get_by_role("combobox", name=LABEL).focus()
    page.keyboard.type("ふちゅう")
    expect(page.get_by_role("listbox")).to_be_visible()
    page.keyboard.press("ArrowDown")
    found = axe.violations(page)
    assert not found, axe.describe(found)
    # The page answering a name that fits several bodies, without script.
    page.goto("/supports/finder/?municipality=%E5%BA%9C%E4%B8%AD")
    found = axe.violations(page)
    assert not found, axe.describe(found)
