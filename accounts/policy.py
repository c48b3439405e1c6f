"""Who must show a second factor, and what an unverified session may reach.

Pure functions over plain values, so the rules have table tests without
HTTP or the ORM (tests/accounts/test_policy.py)."""

from dataclasses import dataclass

from editorial.groups import APPROVER

ENROL = "enrol"
VERIFY = "verify"


@dataclass(frozen=True)
class Account:
    is_superuser: bool
    group_names: frozenset
    has_device: bool


def must_use_second_factor(account):
    """管理者 (superusers) and 承認者 publish; 編集者 only submit."""
    return account.is_superuser or APPROVER in account.group_names


def second_factor_step(account, required):
    """What an unverified, signed-in session must do before the admin.

    Whoever enrolled a device uses it, even where it is not required (and in
    development); an account that must use one and has none enrols first."""
    if account.has_device:
        return VERIFY
    if required and must_use_second_factor(account):
        return ENROL
    return None
