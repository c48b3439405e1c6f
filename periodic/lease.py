"""A lease in the database: one row per name, held by one worker until it
expires. Every node may run `manage.py worker`; only the holder works, and
the others take over within the lease time once it stops renewing.

Each job runs in the transaction that renews the lease. The renewing UPDATE
locks the row until the job commits, so a worker trying to take over waits
for that commit and then finds the lease renewed: even a holder paused past
its expiry never runs a job beside its successor (on SQLite every writer
holds the database lock, which serialises them the same way)."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Lease


def _expiry(now, seconds):
    return now + datetime.timedelta(seconds=seconds)


def acquire(name, holder, seconds, now=None):
    """Take or renew the lease; False while another worker holds it."""
    now = now or timezone.now()
    with transaction.atomic():
        taken = Lease.objects.filter(Q(holder=holder) | Q(expires_at__lte=now), name=name).update(
            holder=holder, expires_at=_expiry(now, seconds)
        )
        if taken:
            return True
        try:
            with transaction.atomic():
                Lease.objects.create(name=name, holder=holder, expires_at=_expiry(now, seconds))
        except IntegrityError:  # another worker holds it, or created it just now
            return False
        return True


def renew(name, holder, seconds, now=None):
    """Inside the caller's transaction: extend the lease only if it is still
    ours and unexpired, and lock its row until that transaction ends."""
    now = now or timezone.now()
    return bool(
        Lease.objects.filter(name=name, holder=holder, expires_at__gt=now).update(expires_at=_expiry(now, seconds))
    )


def release(name, holder):
    """A worker that stops cleanly hands over at once."""
    Lease.objects.filter(name=name, holder=holder).delete()
