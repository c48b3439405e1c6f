"""The periodic jobs: send due digests, forget unconfirmed subscriptions and
old bookkeeping. Each takes no argument, can run again at any time, and
returns a one-line summary (the PERIODIC_JOBS contract).

A batch reads a fixed number of queries however many subscriptions it holds:
the changed search rows and the vocabularies once per run, then per batch the
subscriptions, what they were already sent, one bulk insert of the claims and
one update of the watermarks, committed together *before* any mail leaves.
So a batch interrupted and rerun never mails an item twice: a claimed item is
skipped. A mail the server refuses gives its claims and watermark back, to be
retried by the next run. (A process killed between commit and send loses
that batch's mails rather than doubling them.)"""

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from search.facets import value_labels
from search.models import SearchDocument
from supports.finder import load_finder_data

from . import digest, mail, profiles
from .models import ConfirmationRequest, Frequency, SentItem, Subscription
from .states import FINDER, search_query

logger = logging.getLogger("portal.alerts")

PERIODS = {
    Frequency.IMMEDIATE: datetime.timedelta(0),
    Frequency.DAILY: datetime.timedelta(days=1),
    Frequency.WEEKLY: datetime.timedelta(days=7),
}
# A daily cron that fires a little early still finds its subscriptions due.
SLACK = datetime.timedelta(minutes=10)
PROGRAM_KEY = "supports.supportprogrampage:"


def due_subscriptions(now):
    due = Q()
    for frequency, period in PERIODS.items():
        due |= Q(frequency=frequency) & (Q(last_checked_at__isnull=True) | Q(last_checked_at__lte=now - period + SLACK))
    return Subscription.objects.filter(confirmed_at__isnull=False).filter(due)


def _rows(queryset):
    return [
        digest.Row(key, text, facets, data, published_at, updated_at)
        for key, text, facets, data, published_at, updated_at in queryset.values_list(
            "key", "text", "facets", "data", "published_at", "updated_at"
        )
    ]


class Run:
    """What a run reads once and shares across its batches."""

    def __init__(self, now, oldest):
        self.now = now
        self.today = timezone.localdate(now)
        live = SearchDocument.objects.filter(is_deleted=False)
        self.rows = _rows(live.filter(updated_at__gt=oldest - digest.OVERLAP))
        self.labels = value_labels()
        self._queries = {}
        self._finder = None

    def items(self, subscription):
        after = digest.looked_back(subscription.last_checked_at or subscription.confirmed_at, subscription.confirmed_at)
        if subscription.scope == FINDER:
            return self._finder_items(subscription, after)
        key = (subscription.scope, subscription.query)
        if key not in self._queries:
            self._queries[key] = search_query(*key)
        return digest.search_items(self._queries[key], self.rows, after, self.today, self.labels)

    def _load_finder(self):
        if self._finder is None:
            data = load_finder_data()
            programs = SearchDocument.objects.filter(is_deleted=False, kind="program")
            self._finder = {
                "data": data,
                "programs": {p.pk: p for p in data.programs},
                "rows": _rows(programs),
                "profiles": {},
            }
        return self._finder

    def _finder_items(self, subscription, after):
        finder = self._load_finder()
        profiles_seen = finder["profiles"]
        if subscription.query not in profiles_seen:
            profiles_seen[subscription.query] = profiles.read_profile(subscription.query, finder["data"])[0]
        query = profiles_seen[subscription.query]
        if query is None:  # a program vocabulary changed under the profile
            return []
        changed = {row.key for row in digest.changed_since(finder["rows"], after)}
        reminding = {row.key: digest.reminders(row, self.today) for row in finder["rows"]}
        candidates = [row for row in finder["rows"] if row.key in changed or reminding[row.key]]
        programs = [finder["programs"][pk] for pk in (_program_pk(row.key) for row in candidates) if pk in finder["programs"]]
        told = profiles.told_programs(query, programs, self.today)
        found = []
        for row in candidates:
            status = told.get(_program_pk(row.key))
            if status is None:
                continue
            if row.key in changed:
                found.append(digest.item(row, f"{digest.news(row, after)}：診断結果「{status}」"))
            found += reminding[row.key]
        return found


def _program_pk(key):
    return int(key.removeprefix(PROGRAM_KEY)) if key.startswith(PROGRAM_KEY) else None


def send_batch(run, subscriptions, connection):
    """Claim, commit, send; returns (mails sent, mails refused)."""
    planned = {sub.pk: run.items(sub) for sub in subscriptions}
    keys = {entry.key for items in planned.values() for entry in items}
    sent = {}
    if keys:
        for sub_id, key, version in SentItem.objects.filter(
            subscription_id__in=list(planned), item_key__in=keys
        ).values_list("subscription_id", "item_key", "version"):
            sent.setdefault(sub_id, set()).add((key, version))
    mails = {}
    for sub in subscriptions:
        items = digest.unsent(planned[sub.pk], sent.get(sub.pk, ()))
        if items:
            mails[sub.pk] = (sub, items)
    with transaction.atomic():
        claims = SentItem.objects.bulk_create(
            [SentItem(subscription=sub, item_key=e.key, version=e.version) for sub, items in mails.values() for e in items]
        )
        Subscription.objects.filter(pk__in=[sub.pk for sub in subscriptions]).update(last_checked_at=run.now)
    refused = []
    for sub, items in mails.values():
        try:
            connection.send_messages([mail.digest(sub, items)])
        except Exception as error:  # refused, timed out, disconnected: retried next run
            logger.warning("alert mail to subscription %s not sent: %s", sub.pk, error)
            refused.append(sub)
    delivered = [pk for pk in mails if pk not in {sub.pk for sub in refused}]
    with transaction.atomic():
        if delivered:
            Subscription.objects.filter(pk__in=delivered).update(last_sent_at=run.now)
        if refused:
            ids = {sub.pk for sub in refused}
            SentItem.objects.filter(pk__in=[c.pk for c in claims if c.subscription_id in ids]).delete()
            Subscription.objects.bulk_update(refused, ["last_checked_at"])
    return len(delivered), len(refused)


def send_due_alerts(now=None, batch_size=None):
    now = now or timezone.now()
    batch_size = batch_size or settings.ALERTS_BATCH_SIZE
    due = due_subscriptions(now)
    oldest = due.aggregate(oldest=Min(Coalesce("last_checked_at", "confirmed_at")))["oldest"]
    if oldest is None:
        return "新着メール：送信対象なし"
    run = Run(now, oldest)
    checked = sent = refused = 0
    cursor = 0
    with get_connection() as connection:
        while True:
            batch = list(due.filter(pk__gt=cursor).order_by("pk")[:batch_size])
            if not batch:
                break
            cursor = batch[-1].pk
            done, failed = send_batch(run, batch, connection)
            checked, sent, refused = checked + len(batch), sent + done, refused + failed
    summary = f"新着メール：{checked}件の登録を確認、{sent}通送信"
    return summary + (f"、{refused}通は送信できず次回再送" if refused else "")


def delete_stale():
    """Unconfirmed subscriptions after ALERTS_UNCONFIRMED_DAYS, rate-limit
    records after an hour, sent-item records after ALERTS_SENT_RETENTION_DAYS."""
    now = timezone.now()
    unconfirmed, _ = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    ).delete()
    ConfirmationRequest.objects.filter(created_at__lt=now - datetime.timedelta(hours=1)).delete()
    SentItem.objects.filter(sent_at__lt=now - datetime.timedelta(days=settings.ALERTS_SENT_RETENTION_DAYS)).delete()
    return f"新着メール：未確認の登録{unconfirmed}件を削除"
