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

import dataclasses
import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

import clock
from search.models import SearchDocument
from search.registry import value_labels
from search.synonyms import live_lookup as live_synonyms
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
        self.today = clock.today(now)
        self.since = oldest - digest.OVERLAP
        self.rows = _rows(SearchDocument.objects.filter(is_deleted=False, updated_at__gt=self.since))
        self.labels = value_labels()
        # Editors' synonym groups as the search applies them, read once per run.
        self.synonyms = live_synonyms()
        self._states = {}  # (scope, query) -> (SearchQuery, matching rows)
        self._finder = None

    def items(self, subscription):
        after = digest.looked_back(subscription.last_checked_at or subscription.confirmed_at, subscription.confirmed_at)
        if subscription.scope == FINDER:
            if self._finder is None:
                self._finder = FinderProfiles(self.today, self.since)
            return self._finder.items(subscription, after)
        key = (subscription.scope, subscription.query)
        if key not in self._states:
            query = dataclasses.replace(search_query(*key), synonyms=self.synonyms)
            self._states[key] = (query, digest.matching_rows(query, self.rows, self.today))
        query, matched = self._states[key]
        return digest.search_items(query, matched, after, self.labels)


class FinderProfiles:
    """The finder subscriptions' share of a run: the programs any of them may
    hear about (changed, or with a window edge near), and per profile the
    programs the finder does not rule out, each computed once."""

    def __init__(self, today, since):
        self.today = today
        self.data = load_finder_data()
        programs = {program.pk: program for program in self.data.programs}
        rows = _rows(SearchDocument.objects.filter(is_deleted=False, kind="program"))
        self.reminders = {row.key: digest.reminders(row, today) for row in rows}
        self.candidates = [row for row in rows if row.updated_at > since or self.reminders[row.key]]
        pks = (_program_pk(row.key) for row in self.candidates)
        self.programs = [programs[pk] for pk in pks if pk in programs]
        self._told = {}

    def told(self, canonical):
        if canonical not in self._told:
            query = profiles.read_profile(canonical, self.data)[0]
            # None: the vocabulary changed under the profile; it hears of nothing.
            self._told[canonical] = profiles.told_programs(query, self.programs, self.today) if query else {}
        return self._told[canonical]

    def items(self, subscription, after):
        told = self.told(subscription.query)
        found = []
        for row in self.candidates:
            status = told.get(_program_pk(row.key))
            if status is None:
                continue
            if row.updated_at > after:
                found.append(digest.item(row, f"{digest.news(row, after)}：診断結果「{status}」"))
            found += self.reminders[row.key]
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
    if mails:
        # Opened before anything is claimed: a server that is away fails the
        # run with nothing committed. (Idempotent once open.)
        connection.open()
    with transaction.atomic():
        claims = SentItem.objects.bulk_create(
            [
                SentItem(subscription=sub, item_key=e.key, version=e.version)
                for sub, items in mails.values()
                for e in items
            ]
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
    connection = get_connection()
    try:
        while True:
            batch = list(due.filter(pk__gt=cursor).order_by("pk")[:batch_size])
            if not batch:
                break
            cursor = batch[-1].pk
            done, failed = send_batch(run, batch, connection)
            checked, sent, refused = checked + len(batch), sent + done, refused + failed
    finally:
        connection.close()
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
