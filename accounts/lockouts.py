from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


def active_lockouts():
    """Account and address pairs refused right now (failures at the limit,
    not yet expired), newest first."""
    return (
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT, expiration__expires_at__gt=timezone.now()
        )
        .select_related("expiration")
        .order_by("-attempt_time")
    )
