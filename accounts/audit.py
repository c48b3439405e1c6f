"""Security events in Wagtail's log, beside page and snippet actions, so one
report answers both "who published what" and "who signed in from where"."""

import logging

from django.contrib.auth import get_user_model
from django.utils.functional import empty
from wagtail.log_actions import log

from .client_ip import client_ip

logger = logging.getLogger("accounts")

SIGNIN = "accounts.signin"
SIGNIN_FAILED = "accounts.signin_failed"
LOCKOUT = "accounts.lockout"
LOCKOUT_LIFTED = "accounts.lockout_lifted"
SECOND_FACTOR_ENROLLED = "accounts.second_factor_enrolled"
SECOND_FACTOR_FAILED = "accounts.second_factor_failed"
SECOND_FACTOR_RESET = "accounts.second_factor_reset"
RECOVERY_CODES_RENEWED = "accounts.recovery_codes_renewed"

ACTIONS = {
    SIGNIN: ("サインイン", "サインインしました（接続元 {ip}）"),
    SIGNIN_FAILED: ("サインイン失敗", "サインインに失敗しました（接続元 {ip}）"),
    LOCKOUT: ("サインインの一時停止", "失敗が続いたためサインインを一時停止しました（接続元 {ip}）"),
    LOCKOUT_LIFTED: ("サインイン停止の解除", "管理者がサインインの一時停止を解除しました（対象の接続元 {target_ip}）"),
    SECOND_FACTOR_ENROLLED: ("二段階認証の登録", "認証アプリを登録しました（接続元 {ip}）"),
    SECOND_FACTOR_FAILED: ("二段階認証の失敗", "確認コードが正しくありませんでした（接続元 {ip}）"),
    SECOND_FACTOR_RESET: ("二段階認証のリセット", "管理者が二段階認証の登録を取り消しました（接続元 {ip}）"),
    RECOVERY_CODES_RENEWED: ("回復コードの再発行", "回復コードを再発行しました（接続元 {ip}）"),
}


def format_message(action, data):
    """The line the report shows; missing values print as 不明."""

    class Defaulting(dict):
        def __missing__(self, key):
            return "不明"

    return ACTIONS[action][1].format_map(Defaulting(data or {}))


def account_named(username):
    if not username:
        return None
    return get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()


def unwrapped(user):
    """request.user is a lazy object (twice, with django-otp), which Wagtail's
    log registry would not recognise as a user."""
    while hasattr(user, "_wrapped"):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def record(action, account, request, actor=None, **data):
    """Logs the event against the account it concerns; an attempt on a name
    that is no account goes to the Python log only (nothing to attach to)."""
    data = {"ip": client_ip(request) if request is not None else "", **data}
    logger.info("%s account=%s %s", action, account.get_username() if account else "-", data)
    if account is not None:
        log(instance=unwrapped(account), action=action, user=unwrapped(actor), data=data)
