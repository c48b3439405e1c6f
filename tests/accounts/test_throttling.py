"""Failed sign-ins are limited per account and client address together."""

import logging
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from accounts import audit
from tests.factories import UserFactory

from .conftest import CLIENT, OTHER_CLIENT, PASSWORD, sign_in

pytestmark = pytest.mark.django_db

LOCKOUT_TEXT = "サインインを一時停止しています"


def without_csrf_tokens(html):
    return re.sub(r'"CSRF_TOKEN": "[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def fail(client, username, times, ip=CLIENT):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", ip=ip)
    return response


def test_the_limit_is_five_failures_in_fifteen_minutes_by_default():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_the_right_password_still_works_one_failure_before_the_limit(client, staff):
    response = fail(client, "syounin", settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200 and LOCKOUT_TEXT not in response.content.decode()
    response = sign_in(client, "syounin")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_success_resets_the_count(client, staff):
    fail(client, "syounin", settings.AXES_FAILURE_LIMIT - 1)
    sign_in(client, "syounin")
    client.logout()
    response = fail(client, "syounin", settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200 and LOCKOUT_TEXT not in response.content.decode()


def test_the_limit_locks_and_the_right_password_is_refused(client, staff):
    response = fail(client, "syounin", settings.AXES_FAILURE_LIMIT)
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()
    response = sign_in(client, "syounin")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_names_no_account_and_reads_the_same_for_unknown_names(client, staff):
    known = fail(client, "syounin", settings.AXES_FAILURE_LIMIT).content.decode()
    unknown = fail(client, "no-such-person", settings.AXES_FAILURE_LIMIT).content.decode()
    assert "syounin" not in known and "no-such-person" not in unknown
    assert without_csrf_tokens(known) == without_csrf_tokens(unknown)
    assert "15分間" in known


def test_a_locked_account_does_not_lock_another_account_or_another_address(client, staff):
    fail(client, "syounin", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "hensyu").status_code == 302
    client.logout()
    assert sign_in(client, "syounin", ip=OTHER_CLIENT).status_code == 302


def test_x_forwarded_for_is_not_trusted_by_default(client, staff):
    """A client cannot dodge the limit by inventing a forwarded address."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "syounin", "wrong-password", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert sign_in(client, "syounin", HTTP_X_FORWARDED_FOR="203.0.113.200").status_code == 429


def test_a_trusted_header_names_the_client_behind_a_proxy(client, staff, settings):
    settings.TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    fail(client, "syounin", settings.AXES_FAILURE_LIMIT, ip="10.0.0.1")  # no header: the proxy itself
    assert sign_in(client, "syounin", ip="10.0.0.1", HTTP_X_REAL_IP="203.0.113.5").status_code == 302


def test_failures_and_the_lockout_are_logged(client, staff, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts"):
        fail(client, "syounin", settings.AXES_FAILURE_LIMIT)
    entries = ModelLogEntry.objects.filter(object_id=str(staff["approver"].pk))
    assert entries.filter(action=audit.SIGNIN_FAILED).count() == settings.AXES_FAILURE_LIMIT
    lockout = entries.get(action=audit.LOCKOUT)
    assert lockout.data["ip"] == CLIENT and CLIENT in lockout.message
    assert any("lockout" in record.message and "syounin" in record.message for record in caplog.records)


def test_a_sign_in_is_logged_with_its_address(client, staff):
    sign_in(client, "hensyu")
    entry = ModelLogEntry.objects.get(action=audit.SIGNIN, object_id=str(staff["editor"].pk))
    assert entry.user == staff["editor"] and entry.data["ip"] == CLIENT
    assert entry.message == f"サインインしました（接続元 {CLIENT}）"


def test_an_administrator_sees_and_lifts_a_lockout(client, staff):
    fail(client, "syounin", settings.AXES_FAILURE_LIMIT)
    admin = staff["admin"]
    client.force_login(admin)
    page = client.get("/admin/sign-in-security/").content.decode()
    attempt = AccessAttempt.objects.get(username="syounin")
    assert "syounin" in page and CLIENT in page and f"/admin/sign-in-security/unlock/{attempt.pk}/" in page
    response = client.post(f"/admin/sign-in-security/unlock/{attempt.pk}/")
    assert response.status_code == 302
    assert "syounin" not in client.get("/admin/sign-in-security/").content.decode().split("二段階認証の登録状況")[0]
    assert ModelLogEntry.objects.get(action=audit.LOCKOUT_LIFTED).user == admin
    client.logout()
    assert sign_in(client, "syounin").status_code == 302


def test_only_administrators_reach_the_lockout_page_and_unlock(client, staff):
    fail(client, "syounin", settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username="syounin")
    client.force_login(staff["approver"])
    for response in (
        client.get("/admin/sign-in-security/"),
        client.post(f"/admin/sign-in-security/unlock/{attempt.pk}/"),
    ):
        # Wagtail answers a refused admin view with a redirect home and a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_unlocking_a_lifted_or_unknown_lockout_is_a_404(client, staff):
    client.force_login(staff["admin"])
    assert client.post("/admin/sign-in-security/unlock/999999/").status_code == 404
    assert client.get("/admin/sign-in-security/unlock/1/").status_code == 405


def test_the_reset_form_sends_at_most_the_limit_of_mails(client, db, smtp_server):
    UserFactory(username="mail-user", email="mail-user@example.jp")
    statuses = [
        client.post("/admin/password_reset/", {"email": "mail-user@example.jp"}, REMOTE_ADDR=CLIENT).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT + 3)
    ]
    assert len(smtp_server.messages) == settings.AXES_FAILURE_LIMIT
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [302] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[settings.AXES_FAILURE_LIMIT :] == [429] * 3
    assert smtp_server.messages[0]["To"] == "mail-user@example.jp"


def test_the_reset_form_answers_the_same_for_an_unknown_address(client, db, smtp_server):
    statuses = [
        client.post("/admin/password_reset/", {"email": "nobody@example.jp"}, REMOTE_ADDR=CLIENT).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert smtp_server.messages == []
    assert statuses[0] == 302 and statuses[-1] == 429


def test_a_password_protected_page_is_under_the_same_limit(client, db):
    from wagtail.models import PageViewRestriction

    from tests.factories import CaseFactory

    case = CaseFactory(title="合成のパスワード付き事例")
    restriction = PageViewRestriction.objects.create(page=case, restriction_type="password", password="kumamoto-secret")
    url = f"/_util/authenticate_with_password/{restriction.pk}/{case.pk}/"
    form = {"password": "wrong", "return_url": case.url}
    statuses = [client.post(url, form, REMOTE_ADDR=CLIENT).status_code for _ in range(settings.AXES_FAILURE_LIMIT - 1)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    locked = client.post(url, form, REMOTE_ADDR=CLIENT)
    assert locked.status_code == 429 and "パスワードの入力を一時停止しています" in locked.content.decode()
    right = {"password": "kumamoto-secret", "return_url": case.url}
    assert client.post(url, right, REMOTE_ADDR=CLIENT).status_code == 429
    assert client.post(url, right, REMOTE_ADDR=OTHER_CLIENT).status_code == 302


# The rest of Wagtail's account form, which is posted as a whole.
ACCOUNT_FORM = {
    "name_email-first_name": "花子",
    "name_email-last_name": "編集",
    "name_email-email": "hensyu@example.jp",
    "theme-theme": "system",
    "theme-contrast": "system",
    "theme-density": "default",
}


def change_password(client, old, new="a-new-long-passphrase-2026"):
    form = {**ACCOUNT_FORM, "password-old_password": old, "password-new_password1": new, "password-new_password2": new}
    return client.post("/admin/account/", form, REMOTE_ADDR=CLIENT)


def test_the_change_password_form_is_under_the_same_limit(client, staff):
    """The current password on Wagtail's account page is a secret a stolen
    session could guess: wrong ones count, and past the limit the session
    ends and even the right one is refused."""
    assert sign_in(client, "hensyu").status_code == 302
    statuses = [change_password(client, "wrong-password").status_code for _ in range(settings.AXES_FAILURE_LIMIT - 1)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    staff["editor"].refresh_from_db()
    assert staff["editor"].check_password(PASSWORD)
    locked = change_password(client, "wrong-password")
    assert locked.status_code == 429 and LOCKOUT_TEXT in locked.content.decode()
    # Signed out: the session that guessed is over.
    assert client.get("/admin/").status_code == 302
    staff["editor"].refresh_from_db()
    assert staff["editor"].check_password(PASSWORD)


def test_the_right_current_password_changes_it_and_does_not_count(client, staff):
    assert sign_in(client, "hensyu").status_code == 302
    response = change_password(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/account/"
    staff["editor"].refresh_from_db()
    assert staff["editor"].check_password("a-new-long-passphrase-2026")
    assert not AccessAttempt.objects.filter(username="hensyu").exists()


def test_the_account_page_without_a_password_change_is_wagtails(client, staff):
    assert sign_in(client, "hensyu").status_code == 302
    assert client.get("/admin/account/").status_code == 200
    response = client.post("/admin/account/", ACCOUNT_FORM, REMOTE_ADDR=CLIENT)
    assert response.status_code == 302
    staff["editor"].refresh_from_db()
    assert staff["editor"].first_name == "花子" and staff["editor"].check_password(PASSWORD)
    assert not AccessAttempt.objects.exists()


def overview_queries(client, accounts):
    for n in range(accounts):
        UserFactory(username=f"synthetic-{accounts}-{n}", is_superuser=n % 2 == 0)
        fail(Client(), f"synthetic-{accounts}-{n}", settings.AXES_FAILURE_LIMIT, ip=f"198.51.100.{n}")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/admin/sign-in-security/").content.decode()
    return len(queries), html.count("の停止を解除</button>")


def test_the_overview_costs_the_same_queries_for_few_and_many_accounts(client, staff):
    client.force_login(staff["admin"])
    client.get("/admin/sign-in-security/")  # the first admin request fills per-process caches
    few, few_rows = overview_queries(client, 2)
    many, many_rows = overview_queries(client, 12)
    assert (few_rows, many_rows) == (2, 14)
    assert few == many
