"""An editor writes a case, an approver publishes it, search follows."""

import re
import time
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import APPROVER, APPROVER_TOTP_KEY, DESKTOP, EDITOR, totp

pytestmark = pytest.mark.e2e

SEARCH_WAIT = 10  # seconds; the server pushes to Elasticsearch right after the commit


@pytest.fixture
def login(chromium, portal):
    contexts = []

    def log_in(credentials):
        context = chromium.new_context(base_url=portal, viewport=DESKTOP, locale="ja-JP")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/admin/login/")
        page.locator("#id_username").fill(credentials[0])
        page.locator("#id_password").fill(credentials[1])
        page.get_by_role("button", name="サインイン").click()
        if credentials == APPROVER:  # enrolled in two-factor sign-in (conftest)
            page.get_by_label("確認コード").fill(totp(APPROVER_TOTP_KEY).now())
            page.get_by_role("button", name="確認する").click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
        return page

    yield log_in
    for context in contexts:
        context.close()


def search_count(page, text):
    page.goto(f"/search/?q={text}")
    return int(re.search(r"(\d+)件", page.locator("#results-heading").inner_text()).group(1))


def wait_for_search_count(page, text, expected):
    deadline = time.monotonic() + SEARCH_WAIT
    while (count := search_count(page, text)) != expected and time.monotonic() < deadline:
        time.sleep(0.5)
    assert count == expected, f"/search/?q={text} shows {count} results after {SEARCH_WAIT} s, expected {expected}"


def test_editor_submits_a_case_approver_publishes_search_follows(login, page, screenshot):
    marker = f"E2E{uuid.uuid4().hex[:8]}"
    title = f"ブラウザテストの事例 {marker}"

    editor = login(EDITOR)
    editor.goto("/admin/pages/search/?q=ICT地域活性化事例")
    index_edit = editor.get_by_role("link", name=re.compile("^\\s*ICT地域活性化事例\\s*$")).first.get_attribute("href")
    index_id = re.search(r"/admin/pages/(\d+)/", index_edit).group(1)
    editor.goto(f"/admin/pages/add/cases/casestudypage/{index_id}/")
    editor.locator("#id_title").fill(title)
    editor.locator("#id_summary").fill(f"{marker} はブラウザテストが作成した事例です。")
    editor.get_by_role("tab", name="分類").click()
    editor.get_by_label("防災").check()
    editor.get_by_role("button", name="主な地域を追加").click()
    chooser = editor.locator(".modal-content")
    # 1,788 bodies: the editor finds one by its reading, in katakana.
    chooser.locator("input[name='q']").fill("テシオ")
    chooser.get_by_role("checkbox", name="北海道天塩町").check()
    chooser.get_by_role("button", name=re.compile("Confirm selection|選択")).click()
    expect(chooser).to_be_hidden()
    expect(editor.locator(".chooser__title").filter(has_text="北海道天塩町")).to_be_visible()
    editor.get_by_role("tab", name="公開設定").click()
    editor.locator("#id_slug").fill(marker.lower())
    editor.get_by_role("button", name="他のアクション").click()
    editor.get_by_role("button", name=re.compile("に提出する")).click()
    expect(editor.locator(".messages")).to_contain_text("承認待ち")
    edit_url = editor.get_by_role("link", name=re.compile(marker)).first.get_attribute("href")

    # Submitted, not yet public.
    assert page.goto(f"/cases/{marker.lower()}/").status == 404
    assert search_count(page, marker) == 0

    approver = login(APPROVER)
    approver.goto(edit_url)
    approver.get_by_role("button", name="他のアクション").click()
    approver.get_by_role("button", name="承認と公開", exact=True).click()
    expect(approver.locator(".messages")).to_contain_text(marker)

    case = page.goto(f"/cases/{marker.lower()}/")
    assert case.status == 200
    expect(page.locator(".facts")).to_contain_text("北海道天塩町")
    expect(page.locator(".facts")).to_contain_text("防災")
    wait_for_search_count(page, marker, 1)
    expect(page.locator(".hits")).to_contain_text(title)
    screenshot(page)

    page_id = re.search(r"/admin/pages/(\d+)/", edit_url).group(1)
    approver.goto(f"/admin/pages/{page_id}/unpublish/")
    approver.get_by_role("button", name=re.compile("非公開")).click()
    expect(approver.locator(".messages")).to_contain_text("非公開")
    wait_for_search_count(page, marker, 0)
    assert page.goto(f"/cases/{marker.lower()}/").status == 404
