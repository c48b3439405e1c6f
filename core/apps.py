from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The small shared base every app builds on: page bases, list paging and
    query strings. It imports no other app of the portal."""

    name = "core"
    verbose_name = "共通基盤"
