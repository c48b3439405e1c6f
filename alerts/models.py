import secrets

from django.db import models

from .states import FINDER, SCOPE_LABELS


def new_nonce():
    return secrets.token_urlsafe(12)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "すぐに"
    DAILY = "daily", "毎日"
    WEEKLY = "weekly", "毎週"


class Subscription(models.Model):
    """One address following one result state. The address lives here only:
    deleting the last subscription deletes it (the rate-limit log keeps a
    keyed digest, never the address)."""

    email = models.EmailField("メールアドレス", max_length=254)
    email_digest = models.CharField("アドレスのダイジェスト", max_length=64, db_index=True)
    scope = models.CharField("対象", max_length=20, choices=[*SCOPE_LABELS.items(), (FINDER, "支援策の診断")])
    query = models.TextField("条件（正規化したクエリ文字列）", blank=True)
    label = models.CharField("条件の説明", max_length=500)
    frequency = models.CharField("頻度", max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    nonce = models.CharField("署名用の値", max_length=20, default=new_nonce)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    confirmed_at = models.DateTimeField("確認日時", null=True, blank=True, db_index=True)
    last_checked_at = models.DateTimeField("最終確認日時", null=True, blank=True)
    last_sent_at = models.DateTimeField("最終送信日時", null=True, blank=True)

    class Meta:
        verbose_name = "新着メールの登録"
        verbose_name_plural = "新着メールの登録"
        constraints = [
            models.UniqueConstraint(fields=["email_digest", "scope", "query"], name="alerts_one_subscription_per_state")
        ]

    def __str__(self):
        return self.label

    @property
    def signed_value(self):
        return f"{self.pk}.{self.nonce}"


class SentItem(models.Model):
    """What a subscription has been told about. Written in the same
    transaction that moves the subscription's watermark, so a rerun batch
    skips what an earlier run already claimed."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="sent_items")
    item_key = models.CharField("項目", max_length=120)
    version = models.CharField("版", max_length=40)
    sent_at = models.DateTimeField("送信日時", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "送信済みの項目"
        verbose_name_plural = "送信済みの項目"
        constraints = [models.UniqueConstraint(fields=["subscription", "item_key", "version"], name="alerts_sent_once")]

    def __str__(self):
        return f"{self.item_key}（{self.version}）"


class ConfirmationRequest(models.Model):
    """One confirmation mail asked for, kept an hour for the rate limits; only
    keyed digests of the address and the client are stored."""

    email_digest = models.CharField(max_length=64, db_index=True)
    client_digest = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "確認メールの送信記録"
        verbose_name_plural = "確認メールの送信記録"

    def __str__(self):
        # Only digests are kept: nothing here names the address.
        return f"確認メール {self.created_at:%Y-%m-%d %H:%M}"
