from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "サインインの安全"

    def ready(self):
        from . import checks, signals  # noqa: F401
