"""Periodic jobs that belong to no app of ours."""

import io

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision


def publish_scheduled():
    """Wagtail's scheduled publishing and expiry (its publish_scheduled
    command, unchanged), with a count for the worker's log."""
    due = Revision.objects.filter(approved_go_live_at__lte=timezone.now()).count()
    call_command("publish_scheduled", stdout=io.StringIO())
    return f"予約公開 {due}件" if due else None
