from django.apps import AppConfig


class SupportsConfig(AppConfig):
    name = "supports"
    verbose_name = "支援策"

    def ready(self):
        from opendata import api, datasets
        from search.registry import register

        from .opendata import API_VIEWSETS, DATASETS
        from .search import FACETS, SEARCH_TYPES

        register(*SEARCH_TYPES, *FACETS)
        datasets.register(*DATASETS)
        api.register(*API_VIEWSETS)
