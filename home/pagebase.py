"""What every public content page shares: a summary that doubles as the meta
description, and the source note that keeps each fact traceable."""

from django.db import models
from wagtail.search import index


class SummaryAndSourceMixin(models.Model):
    summary = models.TextField("概要", blank=True)
    source = models.CharField("出典", max_length=300, blank=True, help_text="事実の出典となる資料名")

    search_fields = [index.SearchField("summary")]

    class Meta:
        abstract = True

    def meta_description(self):
        return (self.search_description or self.summary or self.title)[:160]
