from django.apps import AppConfig


class RegionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "regions"
    verbose_name = "地域"

    def ready(self):
        from search.registry import register

        from .search import FACETS, SEARCH_TYPES

        register(*SEARCH_TYPES, *FACETS)
