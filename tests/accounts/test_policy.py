"""The rules as tables: who needs a second factor, what comes next, and
which address a sign-in counts under. No HTTP, no database."""

import pytest
from django.test import RequestFactory

from accounts.client_ip import client_ip, header_meta_key
from accounts.middleware import refresh_due
from accounts.policy import ENROL, VERIFY, Account, must_use_second_factor, second_factor_step
from editorial.groups import APPROVER, EDITOR

ADMIN = Account(is_superuser=True, group_names=frozenset(), has_device=False)
APPROVER_ACCOUNT = Account(is_superuser=False, group_names=frozenset({APPROVER}), has_device=False)
EDITOR_ACCOUNT = Account(is_superuser=False, group_names=frozenset({EDITOR}), has_device=False)
BOTH = Account(is_superuser=False, group_names=frozenset({EDITOR, APPROVER}), has_device=False)


def enrolled(account):
    return Account(account.is_superuser, account.group_names, has_device=True)


@pytest.mark.parametrize(
    "account, expected",
    [(ADMIN, True), (APPROVER_ACCOUNT, True), (BOTH, True), (EDITOR_ACCOUNT, False)],
)
def test_who_must_use_a_second_factor(account, expected):
    assert must_use_second_factor(account) is expected


@pytest.mark.parametrize(
    "account, required, step",
    [
        (APPROVER_ACCOUNT, True, ENROL),
        (ADMIN, True, ENROL),
        (EDITOR_ACCOUNT, True, None),
        (APPROVER_ACCOUNT, False, None),
        (enrolled(APPROVER_ACCOUNT), True, VERIFY),
        (enrolled(EDITOR_ACCOUNT), True, VERIFY),
        (enrolled(ADMIN), False, VERIFY),
    ],
)
def test_next_step_of_an_unverified_session(account, required, step):
    assert second_factor_step(account, required) == step


@pytest.mark.parametrize(
    "header, meta, expected",
    [
        ("", {"REMOTE_ADDR": "198.51.100.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "198.51.100.1"),
        ("X-Real-IP", {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_REAL_IP": "203.0.113.9"}, "203.0.113.9"),
        ("X-Forwarded-For", {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}, "203.0.113.9"),
        ("X-Real-IP", {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        ("X-Real-IP", {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_REAL_IP": " "}, "10.0.0.2"),
    ],
)
def test_client_address(settings, header, meta, expected):
    settings.TRUSTED_CLIENT_IP_HEADER = header
    request = RequestFactory().get("/", **meta)
    request.META.update(meta)
    assert client_ip(request) == expected


def test_header_names_become_meta_keys():
    assert header_meta_key("X-Real-IP") == "HTTP_X_REAL_IP"
    assert header_meta_key(" cf-connecting-ip ") == "HTTP_CF_CONNECTING_IP"


@pytest.mark.parametrize(
    "seen, now, idle, due",
    [
        (0, 1000, 3600, True),  # first request of the session
        (1000, 1059, 3600, False),
        (1000, 1060, 3600, True),
        (1000, 1001, 3, False),
        (1000, 1002, 3, True),  # a short idle time refreshes within half of it
    ],
)
def test_the_idle_expiry_is_pushed_forward_at_most_once_a_minute(seen, now, idle, due):
    assert refresh_due(seen, now, idle) is due
