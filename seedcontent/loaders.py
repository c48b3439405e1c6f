"""Runs every app's seed loader, in the order settings.SEED_LOADERS declares
(a loader may rely on what an earlier one stored: cases on programs, awards
on cases), in one transaction."""

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from .sync import Report


@transaction.atomic
def load_all():
    report = Report()
    for path in settings.SEED_LOADERS:
        import_string(path)(report)
    return report
