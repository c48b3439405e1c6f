"""Idle expiry, and password changes ending the account's other sessions."""

import re
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_a_staff_session_expires_after_the_idle_time(client, staff, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 600
    sign_in(client, "hensyu")
    client.get("/admin/")
    assert client.session.get_expiry_age() == 600


def test_an_idle_session_is_signed_out(client, staff, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 2
    sign_in(client, "hensyu")
    assert client.get("/admin/").status_code == 200
    time.sleep(3)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_each_request_restarts_the_idle_time(client, staff, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 3
    sign_in(client, "hensyu")
    for _ in range(3):
        time.sleep(1.2)
        assert client.get("/admin/").status_code == 200


def test_changing_the_password_signs_other_sessions_out(staff):
    elsewhere, here = Client(), Client()
    sign_in(elsewhere, "hensyu")
    sign_in(here, "hensyu")
    new = "a-new-long-passphrase-2026"
    response = here.post(
        "/admin/account/",
        {
            "password-old_password": PASSWORD,
            "password-new_password1": new,
            "password-new_password2": new,
            "name_email-first_name": "花子",
            "name_email-last_name": "編集",
            "name_email-email": "hensyu@example.jp",
            "notifications-submitted_notifications": "false",
            "notifications-approved_notifications": "false",
            "notifications-rejected_notifications": "true",
            "notifications-updated_comments_notifications": "true",
            "locale-preferred_language": "ja",
            "locale-current_time_zone": "Asia/Tokyo",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "keyboard-shortcuts": "true",
        },
    )
    assert response.status_code == 302, re.findall(r'error-message">(.*?)<', response.content.decode(), re.S)
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "password, reason",
    [
        ("short-pass1", "password_too_short"),
        ("qwertyuiop123", "password_too_common"),
        ("kobayashi.hanako", "password_too_similar"),
    ],
)
def test_weak_passwords_are_refused(staff, password, reason):
    user = staff["editor"]
    user.email = "kobayashi.hanako@example.jp"
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=user)
    assert [error.code for error in refused.value.error_list] == [reason]


def test_a_long_uncommon_password_passes(staff):
    validate_password("tanada-sensor-kumamoto-2026", user=staff["editor"])


def test_the_demo_passwords_are_refused_where_configured(staff, settings, client):
    staff["editor"].set_password("demo-editor-pass")
    staff["editor"].save()
    assert sign_in(client, "hensyu", "demo-editor-pass").status_code == 302
    client.logout()
    settings.REFUSE_DEMO_PASSWORDS = True
    assert sign_in(client, "hensyu", "demo-editor-pass").status_code == 200
