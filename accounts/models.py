from django.conf import settings
from django.db import models


class StaffSession(models.Model):
    """Which sessions belong to which account, so enrolling a device or an
    administrator's reset can end the account's other sessions without
    decoding every session in the store."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions", verbose_name="ユーザー"
    )
    session_key = models.CharField("セッションキー", max_length=40, unique=True)
    created_at = models.DateTimeField("開始日時", auto_now_add=True)

    class Meta:
        verbose_name = "スタッフのセッション"
        verbose_name_plural = "スタッフのセッション"

    def __str__(self):
        return f"{self.user}（{self.created_at:%Y-%m-%d %H:%M}）"
