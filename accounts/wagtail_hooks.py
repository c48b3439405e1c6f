from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.log_actions import LogFormatter

from . import audit, views
from .report import AuditLogView


@hooks.register("register_admin_urls")
def urls():
    return [
        path("two-factor/", views.status, name="accounts_two_factor"),
        path("two-factor/setup/", views.setup, name="accounts_two_factor_setup"),
        path("two-factor/verify/", views.verify, name="accounts_two_factor_verify"),
        path("sign-in-security/", views.overview, name="accounts_overview"),
        path("sign-in-security/unlock/<int:pk>/", views.unlock, name="accounts_unlock"),
        path("sign-in-security/reset/<int:user_id>/", views.reset_second_factor, name="accounts_reset_second_factor"),
        path("reports/audit/", AuditLogView.as_view(), name="accounts_audit"),
        path("reports/audit/results/", AuditLogView.as_view(results_only=True), name="accounts_audit_results"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": "二段階認証",
        "help_text": "認証アプリの登録と回復コードの再発行",
    }


@hooks.register("register_settings_menu_item")
def sign_in_security_menu_item():
    return AdminOnlyMenuItem("サインインの安全", reverse("accounts_overview"), icon_name="lock", order=900)


@hooks.register("register_reports_menu_item")
def audit_menu_item():
    return AdminOnlyMenuItem("監査ログ", reverse("accounts_audit"), icon_name="history", order=1100)


def formatter(action, label):
    class Formatter(LogFormatter):
        def format_message(self, log_entry):
            return audit.format_message(action, log_entry.data)

    Formatter.label = label
    return Formatter


@hooks.register("register_log_actions")
def log_actions(actions):
    for action, (label, _message) in audit.ACTIONS.items():
        actions.register_action(action)(formatter(action, label))
