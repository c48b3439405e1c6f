"""Wagtail API v2 at /api/v2/: read-only, paginated (limit/offset) endpoints
for cases, support programs, seminars and award results. Taxonomy fields are
given as labels, so a client needs no second request to read them. The
fields are declared here rather than on the models, to keep the API one
place."""

from rest_framework import serializers
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.api import APIField

from awards.models import AwardResult
from cases.models import CaseStudyPage
from events.models import Seminar
from supports.models import SupportProgramPage


class Names(serializers.Field):
    """A related manager or a list, as the names (labels) of its items."""

    def __init__(self, attribute="name", **kwargs):
        self.attribute = attribute
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        items = value.all() if hasattr(value, "all") else value
        return [getattr(item, self.attribute) for item in items]


class Plain(serializers.Field):
    """Any JSON value a model method or property returns."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value


def labels(name, attribute="name"):
    return APIField(name, serializer=Names(attribute=attribute))


def plain(name, source):
    return APIField(name, serializer=Plain(source=source))


class DeclaredFieldsMixin:
    """Adds `extra_fields` to the fields the model declares (none, here)."""

    extra_fields = []

    @classmethod
    def get_body_fields(cls, model):
        return super().get_body_fields(model) + cls._convert_api_fields(cls.extra_fields)


class CasesAPIViewSet(DeclaredFieldsMixin, PagesAPIViewSet):
    name = "cases"
    extra_fields = [
        "summary",
        "challenge",
        "implementers",
        "year_started",
        "selected_100",
        labels("fields"),
        labels("tags"),
        labels("municipalities"),
        labels("prefectures"),
        labels("programs", attribute="title"),
        "source",
    ]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["summary", "fields", "prefectures"]

    model = CaseStudyPage

    def get_queryset(self):
        return super().get_queryset().prefetch_related(
            "fields", "tags", "municipality_links__municipality__prefecture", "program_links__program"
        )


class ProgramsAPIViewSet(DeclaredFieldsMixin, PagesAPIViewSet):
    name = "programs"
    extra_fields = [
        "summary",
        "ministry",
        plain("support_kind", "get_support_kind_display"),
        "fiscal_year",
        "budget_yen",
        "budget_fiscal_year",
        "budget_note",
        "eligible_bodies",
        "conditions",
        "terms",
        plain("rules", "rule_dicts"),
        "application_open",
        "application_close",
        "official_url",
        labels("fields"),
        labels("tags"),
        "source",
    ]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["summary", "support_kind", "fiscal_year"]

    model = SupportProgramPage

    def get_queryset(self):
        return super().get_queryset().prefetch_related("fields", "tags")


class SnippetAPIViewSet(DeclaredFieldsMixin, BaseAPIViewSet):
    body_fields = BaseAPIViewSet.body_fields
    meta_fields = ["type", "detail_url"]


class SeminarsAPIViewSet(SnippetAPIViewSet):
    name = "seminars"
    extra_fields = [
        "title",
        "slug",
        plain("kind", "get_kind_display"),
        "start_date",
        "end_date",
        "start_time",
        "end_time",
        "venue",
        "city",
        plain("prefecture", "prefecture.name"),
        "organiser",
        plain("status", "progress_label"),
        "status_reason",
        "fee",
        "capacity",
        "registration_url",
        labels("fields"),
        plain("html_url", "url"),
        "source",
    ]
    listing_default_fields = ["id", "type", "detail_url", "title", "start_date", "status"]

    model = Seminar

    def get_queryset(self):
        return self.model.objects.public().select_related("prefecture").prefetch_related("fields").order_by("start_date", "id")


class AwardResultsAPIViewSet(SnippetAPIViewSet):
    name = "award-results"
    model = AwardResult
    extra_fields = [
        plain("award", "award.name"),
        plain("award_slug", "award.slug"),
        plain("fiscal_year", "award.fiscal_year"),
        plain("period", "award.period_label"),
        plain("tier", "tier_label"),
        "case_title",
        "winners",
        labels("municipalities"),
        plain("case_id", "case_id"),
    ]
    listing_default_fields = ["id", "type", "detail_url", "award", "tier", "case_title", "winners"]

    def get_queryset(self):
        return (
            AwardResult.objects.filter(award__live=True)
            .select_related("award")
            .prefetch_related("municipalities")
            .order_by("id")
        )


api_router = WagtailAPIRouter("wagtailapi")
for viewset in (CasesAPIViewSet, ProgramsAPIViewSet, SeminarsAPIViewSet, AwardResultsAPIViewSet):
    api_router.register_endpoint(viewset.name, viewset)
