"""What every public content page shares: a summary that doubles as the meta
description, and the source note that keeps each fact traceable."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from provenance.models import QuotedMixin


class SummaryAndSourceMixin(QuotedMixin):
    summary = models.TextField("概要", blank=True)
    source = models.CharField("出典", max_length=300, blank=True, help_text="事実の出典となる資料名")

    search_fields = [index.SearchField("summary")]

    class Meta:
        abstract = True

    def meta_description(self):
        return (self.search_description or self.summary or self.title)[:160]


class RoutedSnippetMixin:
    """A snippet whose public page is a route of a single listing page (the
    calendar, the award archive): its URL follows that page wherever an
    editor moves or renames it. Subclasses name the page model and say where
    below it they live (`path_under`).

    The view that shows one puts it in its context as `routed_item`; the
    <head> then names it (`str()`) and describes it (`meta_description()`)."""

    routing_page_model = ""  # "app_label.ModelName"

    @classmethod
    def routing_page(cls):
        from django.apps import apps

        return apps.get_model(cls.routing_page_model).objects.live().first()

    def get_url(self, request=None):
        page = self.routing_page()
        return self.path_under(page.get_url(request)) if page else None

    @classmethod
    def routing_context(cls):
        """One lookup of the routing page for a whole batch of documents."""
        page = cls.routing_page()
        return {"routing_url": page.get_url() if page else None}

    @property
    def url(self):
        return self.get_url()


class RoutingPageMixin:
    """The page that shows a RoutedSnippetMixin model's items under URLs of
    its own: the sitemap lists those items with the page, in one query."""

    routed_model = ""  # "app_label.ModelName"

    def get_sitemap_urls(self, request=None):
        from django.apps import apps

        base = self.get_full_url(request)
        items = apps.get_model(self.routed_model).objects.public().order_by("pk")
        return super().get_sitemap_urls(request) + [
            {"location": item.path_under(base), "lastmod": item.last_published_at} for item in items
        ]


class SectionPage(Page):
    """One section of the site directly under the home page (事例, 支援策,
    セミナー, 表彰): there is one of each, and it opens with an introduction."""

    intro = models.TextField("導入文", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
