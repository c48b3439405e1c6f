"""E-mail alerts benchmark: the sending job over N subscriptions against M
new items, against references measured in the same run.

    .venv/bin/python bench/alerts_bench.py [--subscriptions 10000] [--items 100] [--sample 1000]

Everything is synthetic (【合成データ】) and its own: a fresh SQLite file
bench/.data/alerts.sqlite3 (removed at the end unless --keep-db) with the
real 分野 and 都道府県 slugs from seedcontent/data/taxonomy.json, 1,000 older
search documents, M new ones, and N confirmed subscriptions to case states
(分野, 都道府県, a word, or 分野 + 都道府県), mail going to Django's locmem
backend so the job's own work is measured, not a mail server's.

Printed:
- the job: seconds for send_due_alerts(), mails sent, ms per subscription,
  SQL queries per run and per batch, from this run and one over N/10
  subscriptions (the run fails if per batch is not a whole number, i.e. if
  it depends on the subscriptions), plus the sent records' INSERT
  statements, which SQLite's 999-parameter limit splits into 249 records each;
- reference 1: building and sending the same mails (mail.digest + locmem), the
  floor any sending job pays;
- reference 2: one plain database-backend search per subscription (what a
  naive job would run), timed on --sample subscriptions and scaled to N.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench" / ".data"
DB_PATH = DATA_DIR / "alerts.sqlite3"
SYNTHETIC_TITLE = "【合成データ】"
WORDS = ["見守り", "防災", "観光", "センサー", "農業", "遠隔", "オープンデータ", "地域"]
OLD_ITEMS = 1000


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
    os.environ["ELASTICSEARCH_URL"] = ""
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEBUG = False


def seed(subscriptions, items, rng):
    from django.core.management import call_command
    from django.utils import timezone

    from alerts.models import Subscription
    from alerts.tokens import digest
    from search.models import SearchDocument

    call_command("migrate", verbosity=0)
    taxonomy = json.loads((ROOT / "seedcontent" / "data" / "taxonomy.json").read_text())
    fields = [f["slug"] for f in taxonomy["fields"]]
    prefectures = [p["slug"] for p in taxonomy["prefectures"]]
    now = timezone.now()

    def document(n, updated):
        field, prefecture = rng.choice(fields), rng.choice(prefectures)
        words = " ".join(rng.sample(WORDS, 3))
        title = f"{SYNTHETIC_TITLE}合成事例{n}"
        data = {
            "kind": "case",
            "title": title,
            "summary": f"ベンチマーク用の合成データです。{words}",
            "url": f"/cases/bench-{n}/",
        }
        return SearchDocument(
            key=f"cases.casestudypage:{n}",
            kind="case",
            data=data,
            text=f"{title} {words}".lower(),
            title=title,
            facets={"kind": ["case"], "field": [field], "prefecture": [prefecture]},
            published_at=updated,
            updated_at=updated,
            pending=False,
        )

    old = now - datetime.timedelta(days=2)
    SearchDocument.objects.bulk_create([document(n, old) for n in range(OLD_ITEMS)], batch_size=500)
    SearchDocument.objects.bulk_create([document(OLD_ITEMS + n, now) for n in range(items)], batch_size=500)
    # auto_now ignores the value given to bulk_create's objects on some paths; set it plainly.
    SearchDocument.objects.filter(key__in=[f"cases.casestudypage:{n}" for n in range(OLD_ITEMS)]).update(updated_at=old)

    def state(n):
        shape = n % 4
        if shape == 0:
            return f"field={rng.choice(fields)}"
        if shape == 1:
            return f"prefecture={rng.choice(prefectures)}"
        if shape == 2:
            return "q=" + rng.choice(WORDS)
        return f"field={rng.choice(fields)}&prefecture={rng.choice(prefectures)}"

    def subscription(n):
        email = f"bench{n}@example.invalid"
        return Subscription(
            email=email,
            email_digest=digest(email),
            scope="cases",
            query=state(n),
            label=f"{SYNTHETIC_TITLE}条件{n}",
            frequency="immediate",
            confirmed_at=now - datetime.timedelta(days=3),
            last_checked_at=now - datetime.timedelta(hours=1),
        )

    Subscription.objects.all().delete()
    Subscription.objects.bulk_create([subscription(n) for n in range(subscriptions)], batch_size=1000)


def rewind():
    from django.utils import timezone

    from alerts.models import SentItem, Subscription

    SentItem.objects.all().delete()
    Subscription.objects.update(last_checked_at=timezone.now() - datetime.timedelta(hours=1), last_sent_at=None)


def run_job(count):
    from django.conf import settings
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alerts.models import Subscription
    from alerts.sending import send_due_alerts

    keep = set(Subscription.objects.order_by("pk").values_list("pk", flat=True)[:count])
    # Subscriptions beyond `count` wait a week: not due.
    Subscription.objects.exclude(pk__in=keep).update(frequency="weekly")
    Subscription.objects.filter(pk__in=keep).update(frequency="immediate")
    rewind()
    mail.outbox = []
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        summary = send_due_alerts()
    seconds = time.perf_counter() - started
    batches = -(-count // settings.ALERTS_BATCH_SIZE)
    # The sent records' bulk insert is split by the database's parameter limit
    # (SQLite: 999, i.e. 249 records a statement); counted apart.
    inserts = sum(q["sql"].startswith('INSERT INTO "alerts_sentitem"') for q in queries.captured_queries)
    return seconds, len(mail.outbox), len(queries) - inserts, batches, summary, inserts


def reference_mails(messages_count):
    """Render and send through locmem the same number of digest mails."""
    from django.core import mail
    from django.core.mail import get_connection

    from alerts import mail as alert_mail
    from alerts.digest import Item
    from alerts.models import Subscription

    subs = list(Subscription.objects.order_by("pk")[:messages_count])
    items = [
        Item(
            f"k{n}",
            "v",
            f"{SYNTHETIC_TITLE}合成事例{n}",
            "ベンチマーク用の合成データです。",
            f"/cases/bench-{n}/",
            "新着",
        )
        for n in range(3)
    ]
    mail.outbox = []
    started = time.perf_counter()
    with get_connection() as connection:
        for sub in subs:
            connection.send_messages([alert_mail.digest(sub, items)])
    return time.perf_counter() - started


def reference_searches(sample):
    from django.http import QueryDict

    from alerts.models import Subscription
    from search.backends.database import DatabaseBackend
    from search.query import parse

    subs = list(Subscription.objects.order_by("pk")[:sample])
    backend = DatabaseBackend()
    started = time.perf_counter()
    for sub in subs:
        query, _ = parse(QueryDict(sub.query), fixed={"kind": ["case"]})
        backend.search(query)
    return time.perf_counter() - started, len(subs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--sample", type=int, default=1000, help="subscriptions timed for the plain-search reference")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DB_PATH.unlink(missing_ok=True)
    setup_django()
    rng = random.Random(args.seed)
    print(
        f"{SYNTHETIC_TITLE} seeding {args.subscriptions:,} subscriptions, {OLD_ITEMS:,} older and {args.items} new items…"
    )
    seed(args.subscriptions, args.items, rng)

    small = max(1, args.subscriptions // 10)
    small_seconds, small_mails, small_queries, small_batches, _, _ = run_job(small)
    seconds, mails, queries, batches, summary, inserts = run_job(args.subscriptions)
    mail_seconds = reference_mails(mails)
    search_seconds, sampled = reference_searches(args.sample)
    search_scaled = search_seconds * args.subscriptions / sampled

    # queries = per run (vocabularies, changed items, counts) + per batch × batches;
    # two sizes give both, and per batch must be a whole, size-independent number.
    per_batch = (queries - small_queries) / max(1, batches - small_batches)
    per_run = queries - per_batch * batches
    print(
        f"\n{SYNTHETIC_TITLE} alerts job: {args.subscriptions:,} subscriptions × {args.items} new items (of {OLD_ITEMS + args.items:,})"
    )
    print(
        f"  job                      {seconds:8.2f} s   {1000 * seconds / args.subscriptions:6.3f} ms/subscription   {mails:,} mails   ({summary})"
    )
    print(f"  ref 1: same mails only   {mail_seconds:8.2f} s   job ÷ ref 1 = {seconds / mail_seconds:5.2f}")
    print(
        f"  ref 2: 1 search/subscr.  {search_scaled:8.2f} s   job ÷ ref 2 = {seconds / search_scaled:5.3f}   (timed on {sampled:,}, scaled)"
    )
    print(
        f"  SQL queries              {queries} in {batches} batches = {per_run:.0f} per run + {per_batch:.1f} per batch,"
        f" + {inserts} INSERT statements of sent records"
        f"   ({small:,} subscriptions: {small_queries} in {small_batches} batches, {small_seconds:.2f} s, {small_mails:,} mails)"
    )
    if not args.keep_db:
        DB_PATH.unlink(missing_ok=True)
    if per_batch != int(per_batch) or per_run < 0:
        print("FAIL: the SQL queries per batch depend on the number of subscriptions")
        sys.exit(1)


if __name__ == "__main__":
    main()
