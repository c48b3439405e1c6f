from django.core.exceptions import ValidationError

from .backends import DEMO_PASSWORDS


class DemoPasswordValidator:
    """Refuses the demo passwords printed by `make run` (production only)."""

    def validate(self, password, user=None):
        if password in DEMO_PASSWORDS:
            raise ValidationError("開発用デモアカウントのパスワードは使えません。", code="demo_password")

    def get_help_text(self):
        return "開発用デモアカウントのパスワードは使えません。"
