from django.db import models


class QuotedMixin(models.Model):
    """Verbatim quotes from the source documents that back an item's facts:
    a list of {"doc": "001", "fields": ["budget_yen"], "text": "…"}, checked
    against the documents by tests/seedcontent/test_provenance.py."""

    quotes = models.JSONField(
        "出典の引用",
        default=list,
        blank=True,
        help_text='資料からの逐語引用の一覧：[{"doc": "001", "fields": ["項目名"], "text": "資料の文言"}]',
    )

    class Meta:
        abstract = True
