from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "分類（分野・地域）"

    def ready(self):
        from search.registry import register

        from .search import FACETS

        register(*FACETS)
