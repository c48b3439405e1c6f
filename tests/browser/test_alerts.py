"""A municipality's officer subscribes to a filtered case list, confirms from
the mail, an approver publishes a matching case, the sending job runs, the
case is in the mail, and one click unsubscribes."""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.mailserver import body

from . import axe
from .conftest import APPROVER, manage_portal
from .test_editorial import login  # noqa: F401 - fixture

pytestmark = pytest.mark.e2e


def _links(text, part):
    return [urlsplit(url).path for url in re.findall(r"https?://\S+", text) if part in url]


def test_subscribe_confirm_publish_receive_unsubscribe(page, login, portal_mail, screenshot):  # noqa: F811
    address = f"e2e-{uuid.uuid4().hex[:8]}@example.lg.jp"
    page.goto("/cases/?field=disaster")
    page.get_by_role("link", name="この条件の新着をメールで受け取る").click()
    expect(page.locator("main")).to_contain_text("事例（分野：防災）")
    # A mistake first: the error summary takes the focus and links to the field.
    page.get_by_label("メールアドレス").fill("not-an-address")
    page.get_by_role("button", name="確認メールを送る").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_email")
    expect(page.get_by_label("メールアドレス")).to_have_attribute("aria-invalid", "true")
    found = axe.violations(page)
    assert not found, axe.describe(found)
    page.get_by_label("メールアドレス").fill(address)
    page.get_by_label("すぐに").check()
    page.get_by_role("button", name="確認メールを送る").click()
    expect(page.locator("h1")).to_have_text("確認メールを送りました")

    [confirmation] = portal_mail.to(address)
    page.goto(_links(body(confirmation), "/alerts/confirm/")[0])
    page.get_by_role("button", name="登録を確定する").click()
    expect(page.locator("h1")).to_have_text("登録が完了しました")

    marker = f"E2E{uuid.uuid4().hex[:8]}"
    title = f"ブラウザテストの防災事例 {marker}"
    approver = login(APPROVER)
    approver.goto("/admin/pages/search/?q=ICT地域活性化事例")
    index_edit = approver.get_by_role("link", name=re.compile("^\\s*ICT地域活性化事例\\s*$")).first.get_attribute(
        "href"
    )
    index_id = re.search(r"/admin/pages/(\d+)/", index_edit).group(1)
    approver.goto(f"/admin/pages/add/cases/casestudypage/{index_id}/")
    approver.locator("#id_title").fill(title)
    approver.locator("#id_summary").fill(f"{marker} はブラウザテストが作成した事例です。")
    approver.get_by_role("tab", name="分類").click()
    approver.get_by_label("防災").check()
    approver.get_by_role("tab", name="公開設定").click()
    approver.locator("#id_slug").fill(marker.lower())
    approver.get_by_role("button", name="他のアクション").click()
    approver.get_by_role("button", name="公開", exact=True).click()
    expect(approver.locator(".messages")).to_contain_text(marker)

    assert "1通送信" in manage_portal("send_alerts")
    [digest] = portal_mail.to(address)[1:]
    assert title in body(digest)
    assert f"/cases/{marker.lower()}/" in body(digest)

    page.goto(_links(body(digest), "/alerts/unsubscribe/")[0])
    page.get_by_role("button", name="配信を停止する").click()
    expect(page.locator("h1")).to_have_text("配信を停止しました")
    screenshot(page)
    assert "送信対象なし" in manage_portal("send_alerts"), "nothing is left to send to after unsubscribing"
