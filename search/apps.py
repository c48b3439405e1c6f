from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "検索"

    def ready(self):
        from . import signals

        signals.connect()
        post_migrate.connect(_install_text_index, sender=self)


def _install_text_index(using, plan=None, **kwargs):
    """After every migrate: a later migration that rebuilds the table on
    SQLite drops the index's triggers; textindex.install puts them back."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from . import textindex

    connection = connections[using]
    if ("search", "0004_text_index") in MigrationRecorder(connection).applied_migrations():
        textindex.install(connection)
