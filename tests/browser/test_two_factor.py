"""A new 承認者 meets two-factor sign-in, with the requirement on as in
production: enrolment from the shown secret, sign-in with password and
code, an approval, a wrong code refused, a recovery code used once."""

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, EDITOR, NEW_APPROVER

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_page(chromium, portal):
    contexts = []

    def open_page():
        context = chromium.new_context(base_url=portal, viewport=DESKTOP, locale="ja-JP")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in_with_password(page, credentials):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(credentials[0])
    page.locator("#id_password").fill(credentials[1])
    page.get_by_role("button", name="サインイン").click()


def enter_code(page, code):
    page.get_by_label("確認コード").fill(code)
    page.get_by_role("button", name=re.compile("確認する|登録する")).click()


def sign_out(page):
    token = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "csrftoken")
    page.request.post("/admin/logout/", headers={"X-CSRFToken": token, "Referer": page.url})
    assert page.goto("/admin/").url.split("?")[0].endswith("/admin/login/")


def fresh_code(totp, used):
    """The next code the app shows that has not been used: a code is
    accepted once, so wait for the next 30-second step."""
    while (code := totp.now()) in used:
        time.sleep(1)
    used.add(code)
    return code


def submit_a_case(page):
    page.goto("/cases/")
    hrefs = page.locator("main a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    page.goto([href for href in hrefs if re.fullmatch(r"/cases/[^?#]+/", href or "")][0])
    title = page.locator("h1").inner_text()
    page_id = re.search(r"/p/(\d+)/", page.locator("link[rel=shortlink]").get_attribute("href")).group(1)
    sign_in_with_password(page, EDITOR)
    page.goto(f"/admin/pages/{page_id}/edit/")
    page.get_by_role("button", name="他のアクション").click()
    page.get_by_role("button", name=re.compile("に提出する")).click()
    expect(page.locator(".messages")).to_contain_text("提出されました")
    return page_id, title


def test_an_approver_enrols_signs_in_with_a_code_and_approves(browser_page, screenshot):
    page_id, title = submit_a_case(browser_page())

    page = browser_page()
    sign_in_with_password(page, NEW_APPROVER)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/"))
    expect(page.locator("h1")).to_have_text("二段階認証の登録")
    expect(page.locator("figure svg")).to_be_visible()
    screenshot(page)
    # Nothing else is open before enrolment, not even the case to approve.
    page.goto(f"/admin/pages/{page_id}/edit/")
    expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/"))

    totp = pyotp.TOTP(page.locator("#totp-secret").inner_text().replace(" ", ""))
    used = set()
    enter_code(page, "000000")
    expect(page.locator(".error-message")).to_contain_text("確認コードが正しくありません")
    time.sleep(1.1)  # django-otp waits a second after a wrong code
    enter_code(page, fresh_code(totp, used))
    expect(page.locator("h1")).to_have_text("回復コード")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="控えたので続ける").click()
    expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/|/admin/pages/\d+/edit/|/admin/$"))
    sign_out(page)

    sign_in_with_password(page, NEW_APPROVER)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    enter_code(page, "999999")
    expect(page.locator(".error-message")).to_contain_text("確認コードが正しくありません")
    time.sleep(1.1)
    enter_code(page, fresh_code(totp, used))
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(f"/admin/pages/{page_id}/edit/")
    page.get_by_role("button", name="他のアクション").click()
    page.get_by_role("button", name="承認と公開", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(title)
    sign_out(page)

    # A recovery code signs in once, and only once.
    sign_in_with_password(page, NEW_APPROVER)
    enter_code(page, codes[0])
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator(".messages")).to_contain_text("残りの回復コードは9個")
    sign_out(page)
    sign_in_with_password(page, NEW_APPROVER)
    enter_code(page, codes[0])
    expect(page.locator(".error-message")).to_contain_text("確認コードが正しくありません")
