from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "事例"

    def ready(self):
        from opendata import api, datasets
        from search.registry import register

        from .opendata import API_VIEWSETS, DATASETS
        from .search import FACETS, SEARCH_TYPES

        register(*SEARCH_TYPES, *FACETS)
        datasets.register(*DATASETS)
        api.register(*API_VIEWSETS)
