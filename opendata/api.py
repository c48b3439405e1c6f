"""Wagtail API v2 at /api/v2/: read-only, paginated (limit/offset)
endpoints, one per content type, declared by each content app (its
opendata.py) next to its dataset. Taxonomy fields are given as labels, so a
client needs no second request to read them."""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet


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


class SnippetAPIViewSet(DeclaredFieldsMixin, BaseAPIViewSet):
    body_fields = BaseAPIViewSet.body_fields
    meta_fields = ["type", "detail_url"]


api_router = WagtailAPIRouter("wagtailapi")


def register(*viewsets):
    """Content apps add their endpoints from AppConfig.ready()."""
    for viewset in viewsets:
        api_router.register_endpoint(viewset.name, viewset)
