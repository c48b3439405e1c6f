from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "検索"

    def ready(self):
        from . import signals

        signals.connect()
