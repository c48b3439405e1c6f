"""Two-factor sign-in: who must enrol, what an unverified session reaches,
enrolment, codes, recovery codes, lockout and an administrator's reset."""

import re
import time

import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts import audit
from accounts.devices import RECOVERY_CODE_COUNT
from cases.models import CaseStudyPage

from .conftest import CLIENT, enrol, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("second_factor_on")]

SETUP = "/admin/two-factor/setup/"
VERIFY = "/admin/two-factor/verify/"


def signed_in(username):
    client = Client()
    assert sign_in(client, username).status_code == 302
    return client


def secret_on(page):
    return re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")


def enrol_through_the_page(client):
    import pyotp

    page = client.get(SETUP).content.decode()
    response = client.post(SETUP, {"code": pyotp.TOTP(secret_on(page)).now(), "next": "/admin/"})
    assert response.status_code == 200
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())


def submitted_case(editor_user):
    page = CaseStudyPage.objects.first()
    page.summary = "承認待ちの合成概要"
    page.save_revision(user=editor_user)
    state = page.get_workflow().start(page, editor_user)
    return page, state


@pytest.mark.parametrize("role", ["approver", "admin"])
def test_approvers_and_administrators_are_sent_to_enrolment(staff, role):
    client = signed_in(staff[role].username)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == f"{SETUP}?next=%2Fadmin%2F"
    page = client.get(SETUP).content.decode()
    assert "二段階認証の登録" in page and "<svg" in page and secret_on(page)


def test_an_editor_may_work_without_enrolling(staff):
    assert signed_in("hensyu").get("/admin/").status_code == 200


def test_the_development_switch_lets_an_approver_in_without_a_device(staff, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    assert signed_in("syounin").get("/admin/").status_code == 200


def test_an_unenrolled_approver_can_neither_publish_nor_approve(staff):
    page, state = submitted_case(staff["editor"])
    client = signed_in("syounin")
    task_state = state.current_task_state
    approve = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/")
    publish = client.post(f"/admin/pages/{page.pk}/edit/", {"title": page.title, "action-publish": "1"})
    for response in (approve, publish):
        assert response.status_code == 302 and response["Location"].startswith(SETUP)
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == "in_progress" and page.summary != "承認待ちの合成概要"


def test_once_enrolled_the_approver_approves(staff):
    page, state = submitted_case(staff["editor"])
    client = signed_in("syounin")
    enrol_through_the_page(client)
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/")
    assert response.status_code == 302
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == "approved" and page.summary == "承認待ちの合成概要"


def test_enrolment_shows_recovery_codes_once_and_signs_other_sessions_out(staff):
    elsewhere = signed_in("syounin")
    client = signed_in("syounin")
    wrong = client.post(SETUP, {"code": "000000"})
    assert "確認コードが正しくありません" in wrong.content.decode()
    time.sleep(1.1)  # django-otp's back-off after a wrong code
    codes = enrol_through_the_page(client)
    assert len(codes) == len(set(codes)) == RECOVERY_CODE_COUNT
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=staff["approver"]).confirmed
    assert client.get(SETUP)["Location"] == "/admin/two-factor/"
    assert codes[0] not in client.get("/admin/two-factor/").content.decode()
    assert elsewhere.get("/admin/")["Location"].startswith("/admin/login/")
    assert ModelLogEntry.objects.filter(
        action=audit.SECOND_FACTOR_ENROLLED, object_id=str(staff["approver"].pk)
    ).exists()


def test_signing_in_asks_for_the_code_and_accepts_the_right_one(staff):
    _, totp = enrol(staff["approver"])
    client = signed_in("syounin")
    response = client.get("/admin/pages/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    assert client.get(SETUP)["Location"] == VERIFY  # a password alone adds no device
    wrong = client.post(VERIFY, {"code": "123456", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and "確認コードが正しくありません" in wrong.content.decode()
    time.sleep(1.1)  # django-otp's own back-off: 1 s after one wrong code, doubling
    right = client.post(VERIFY, {"code": totp.now(), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_an_enrolled_editor_uses_the_code_too(staff):
    enrol(staff["editor"])
    assert signed_in("hensyu").get("/admin/")["Location"].startswith(VERIFY)


def test_a_recovery_code_works_once(staff):
    client = signed_in("syounin")
    codes = enrol_through_the_page(client)
    client.logout()
    client = signed_in("syounin")
    assert client.post(VERIFY, {"code": codes[0]})["Location"] == "/admin/"
    assert StaticToken.objects.filter(device__user=staff["approver"]).count() == RECOVERY_CODE_COUNT - 1
    client.logout()
    client = signed_in("syounin")
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200 and "確認コードが正しくありません" in again.content.decode()


@pytest.mark.parametrize("code", ["", "abc", "１２３４５６", "9" * 40, "<script>"])
def test_malformed_codes_get_a_form_error(staff, code):
    enrol(staff["approver"])
    response = signed_in("syounin").post(VERIFY, {"code": code})
    assert response.status_code == 200 and 'class="error-message"' in response.content.decode()


def test_next_never_leaves_the_site(staff):
    _, totp = enrol(staff["approver"])
    response = signed_in("syounin").post(VERIFY, {"code": totp.now(), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_wrong_codes_lock_out_and_sign_out(staff):
    _, totp = enrol(staff["approver"])
    client = signed_in("syounin")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(VERIFY, {"code": "000000"}, REMOTE_ADDR=CLIENT)
    assert response.status_code == 429 and "サインインを一時停止しています" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert sign_in(client, "syounin").status_code == 429  # even with the right password
    assert ModelLogEntry.objects.filter(action=audit.SECOND_FACTOR_FAILED).count() == settings.AXES_FAILURE_LIMIT


def test_an_administrator_resets_a_lost_device(staff):
    enrol(staff["approver"])
    approver = signed_in("syounin")
    _, admin_totp = enrol(staff["admin"])
    admin = signed_in("kanri")
    admin.post(VERIFY, {"code": admin_totp.now()})
    overview = admin.get("/admin/sign-in-security/").content.decode()
    assert "syounin の二段階認証をリセット" in overview
    response = admin.post(f"/admin/sign-in-security/reset/{staff['approver'].pk}/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff["approver"]).exists()
    assert approver.get("/admin/")["Location"].startswith("/admin/login/")
    assert signed_in("syounin").get("/admin/")["Location"].startswith(SETUP)
    entry = ModelLogEntry.objects.get(action=audit.SECOND_FACTOR_RESET)
    assert entry.user == staff["admin"] and entry.object_id == str(staff["approver"].pk)


def test_renewed_recovery_codes_replace_the_old_ones(staff):
    client = signed_in("syounin")
    old = enrol_through_the_page(client)
    page = client.post("/admin/two-factor/").content.decode()
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
    assert len(new) == RECOVERY_CODE_COUNT and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=staff["approver"]).values_list("token", flat=True)) == set(new)
