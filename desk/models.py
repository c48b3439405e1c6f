import secrets

from django.conf import settings
from django.db import models

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


def new_reference(today):
    return f"{today:%Y%m%d}-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class Topic(models.TextChoices):
    CASE = "case", "事例について"
    PROGRAM = "program", "支援策について"
    OTHER = "other", "その他"


class Status(models.TextChoices):
    NEW = "new", "新規"
    IN_PROGRESS = "in_progress", "対応中"
    ANSWERED = "answered", "回答済み"
    NOT_NEEDED = "not_needed", "対応不要"


class Enquiry(models.Model):
    reference = models.CharField("受付番号", max_length=20, unique=True)
    municipality = models.ForeignKey(
        "taxonomy.Municipality", verbose_name="団体（一覧から選択）", null=True, blank=True, on_delete=models.SET_NULL
    )
    organisation = models.CharField("団体名（一覧にない場合）", max_length=100, blank=True)
    name = models.CharField("氏名", max_length=100)
    email = models.EmailField("メールアドレス", max_length=254)
    topic = models.CharField("お問い合わせの種類", max_length=10, choices=Topic.choices)
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="関連する事例・支援策",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    question = models.TextField("ご質問")
    status = models.CharField("対応状況", max_length=12, choices=Status.choices, default=Status.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="担当者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    internal_notes = models.TextField("内部メモ", blank=True, help_text="相談者には送られません。")
    client_digest = models.CharField("送信元（復元できない値）", max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField("受付日時", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = "相談"
        verbose_name_plural = "相談"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference} {self.organisation_name}"

    @property
    def organisation_name(self):
        return str(self.municipality) if self.municipality_id else self.organisation

    # Named values for the inbox's CSV export.
    @property
    def topic_label(self):
        return self.get_topic_display()

    @property
    def status_label(self):
        return self.get_status_display()

    @property
    def related_title(self):
        return self.related_page.title if self.related_page_id else ""
