from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "セミナー・説明会"

    def ready(self):
        from opendata import api, datasets
        from search.registry import register

        from .opendata import API_VIEWSETS, DATASETS
        from .search import FACETS, SEARCH_TYPES

        register(*SEARCH_TYPES, *FACETS)
        datasets.register(*DATASETS)
        api.register(*API_VIEWSETS)
