from django.core.exceptions import ValidationError
from django.db import models
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin


class SearchDocument(models.Model):
    """One row per indexable item: the document both backends read, and the
    outbox that carries it to Elasticsearch.

    The row is written in the same transaction as the publish or unpublish
    that caused it, so the index can always catch up from here: `pending`
    rows are pushed after commit and by `search_sync`, a withdrawn item stays
    as a tombstone (`is_deleted`) until Elasticsearch has dropped it."""

    key = models.CharField("キー", max_length=100, unique=True)
    kind = models.CharField("種類", max_length=20, db_index=True)
    data = models.JSONField("文書", default=dict)
    facets = models.JSONField("ファセット値", default=dict)
    text = models.TextField("検索用の本文", blank=True)  # analysis.encode() of the document's text
    title = models.TextField("正規化したタイトル", blank=True)  # the sort key
    title_text = models.TextField("検索用のタイトル", blank=True)  # analysis.encode() of the title
    # textindex.index_tokens() of text and title_text: what the database's text index reads
    text_tokens = models.TextField("本文の索引語", blank=True)
    title_tokens = models.TextField("タイトルの索引語", blank=True)
    published_at = models.DateTimeField("公開日時", null=True, blank=True)
    is_deleted = models.BooleanField("削除済み", default=False)
    pending = models.BooleanField("未送信", default=True)
    attempts = models.PositiveIntegerField("送信失敗回数", default=0)
    next_attempt_at = models.DateTimeField("次回送信", null=True, blank=True)
    last_error = models.TextField("最後のエラー", blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = "検索文書"
        verbose_name_plural = "検索文書"
        indexes = [
            models.Index(fields=["pending", "next_attempt_at"], name="search_outbox_due"),
            models.Index(fields=["is_deleted", "kind"], name="search_live_kind"),
        ]

    def __str__(self):
        return self.key


class SynonymGroup(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """Spellings that mean the same thing (同義語・表記ゆれ): a search for any
    of them finds every one of them, on both backends, from the next search
    after a group is published (see search/synonyms.py)."""

    terms = models.TextField(
        "同じ意味の語",
        help_text="1行に1語ずつ書きます（例：Wi-Fi、WiFi、無線LAN）。意味が少しでも変わる語（上位語・下位語など）は入れないでください。",
    )
    note = models.CharField(
        "メモ", max_length=200, blank=True, help_text="出典や判断の理由など（編集者向け、公開されません）。"
    )

    class Meta:
        verbose_name = "同義語・表記ゆれ"
        verbose_name_plural = "同義語・表記ゆれ"

    def __str__(self):
        return " = ".join(self.term_list())

    def term_list(self):
        return [line.strip() for line in self.terms.splitlines() if line.strip()]

    def clean(self):
        from .synonyms import group_errors

        errors = group_errors(self.term_list(), SynonymGroup.objects.filter(live=True).exclude(pk=self.pk))
        if errors:
            raise ValidationError({"terms": errors})
