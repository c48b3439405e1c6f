from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "表彰"

    def ready(self):
        from opendata import api, datasets
        from search.registry import register

        from .opendata import API_VIEWSETS, DATASETS
        from .search import FACETS, SEARCH_TYPES

        register(*SEARCH_TYPES, *FACETS)
        datasets.register(*DATASETS)
        api.register(*API_VIEWSETS)
