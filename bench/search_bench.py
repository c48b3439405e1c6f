"""Search benchmark: the portal's Elasticsearch and database backends against
Wagtail's stock database search, on synthetic corpora of growing size.

    .venv/bin/python bench/search_bench.py [--sizes 1000,10000,100000] [--repeat N]
    .venv/bin/python bench/search_bench.py --database-url postgres://…/portal [--backends db]
    .venv/bin/python bench/search_bench.py --backends es --compare-ref 4375f64 --cold [--es-copies-to 1000000]

Needs a running Elasticsearch 8 (`scripts/search-engine start`, or
ELASTICSEARCH_URL) unless --backends leaves es out. Everything it writes is its
own: the SQLite file bench/.data/bench.sqlite3 or, with --database-url, the
database `portal_bench` created beside the one the URL names (both recreated
on every run, removed at the end unless --keep-db), and the indexes behind the
alias `portal-bench-documents` (deleted at the end), so development and test
data are never touched.

Every synthetic document says so in its title (【合成データ】) and summary.
Its words are real, drawn from the text and tags of seedcontent/data/cases.json;
its 分野, 都道府県 and 市区町村 are those of the real taxonomy. The corpus is
deterministic (--seed) and grows by appending, so the first 1,000 documents of
the 10,000 corpus are the 1,000 corpus.

Measured per size:
- indexing: SearchDocument rows → a new Elasticsearch index (indexing.reindex(),
  alias swap included), in documents per second;
- latency of one fixed set of queries through (a) ElasticsearchBackend and
  (b) DatabaseBackend, every facet aggregated as the pages ask for them, and
  (c) the reference a Wagtail developer starts from: Page.objects.live().search(q)
  on wagtail.search.backends.database (SQLite FTS5) over as many real
  CaseStudyPage pages carrying the same synthetic text. The reference has no
  facets, so it runs the queries that have text, without their filters;
- (b0) the database backend as it was before its text and facet indexes
  (`search/backends/database.py` read from git at --scan-rev, run on the same
  rows in the same process): a LIKE scan and a Python loop over every
  candidate. Its hit counts must equal (b)'s; a difference is printed;
- optionally (a) again: as search/backends/elasticsearch.py was at
  --compare-ref (same index, same run), with the request cache cleared
  before every query (--cold), and on a larger index copied from the
  generated one (--es-copies-to; Elasticsearch alone).
"""

import argparse
import collections
import cProfile
import datetime
import gc
import io
import itertools
import json
import os
import pstats
import random
import re
import statistics
import subprocess
import sys
import time
import types
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench" / ".data"
DB_PATH = DATA_DIR / "bench.sqlite3"
INDEX_PREFIX = "portal-bench"
SEED_DATA = ROOT / "seedcontent" / "data"

SYNTHETIC_TITLE = "【合成データ】"
SYNTHETIC_NOTE = "検索ベンチマーク用に自動生成した合成データです。実在の事例・支援策ではありません。"

# Targets from issues 3 and 15, on this 2-core machine.
ES_TARGET_MS, ES_TARGET_SIZE = 25, 100_000
ES_LARGE_MS, ES_LARGE_SIZE = 100, 1_000_000
DB_TARGET_MS, DB_TARGET_SIZE = 100, 100_000
SCAN_REV = "4375f64"  # the last commit whose database backend scanned
BENCH_DATABASE = "portal_bench"


@dataclass(frozen=True)
class BenchQuery:
    label: str
    text: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    fixed: dict = field(default_factory=dict)


# One fixed set, run in this order on every backend and size. The words occur
# inside longer Japanese sentences of the synthetic text (see Corpus.sentence).
QUERIES = (
    BenchQuery("word 防災", "防災"),
    BenchQuery("word 観光", "観光"),
    BenchQuery("word 見守り", "見守り"),
    BenchQuery("word 医療 (rarer)", "医療"),
    BenchQuery("full-width ＩｏＴ", "ＩｏＴ"),
    BenchQuery("two terms 農業 センサー", "農業 センサー"),
    BenchQuery("two terms 地域　活用 (U+3000)", "地域\u3000活用"),
    BenchQuery("empty, kind=case (case list)", fixed={"kind": ("case",)}),
    BenchQuery("empty + 2 facets", filters={"field": ("disaster", "tourism"), "block": ("kanto",)}),
    BenchQuery("防災 + 3 facets", "防災", {"field": ("disaster",), "block": ("kyushu", "tohoku"), "year": ("2017",)}),
    BenchQuery("センサー sort=newest", "センサー", sort="newest"),
    BenchQuery("観光 sort=title", "観光", sort="title"),
    BenchQuery("地域 page 5", "地域", page=5),
)
SAMPLE_QUERIES = ("word 防災", "full-width ＩｏＴ")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated (default %(default)s)"
    )
    parser.add_argument(
        "--repeat", type=int, default=10, help="timed runs of every query per backend (default %(default)s)"
    )
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs of every query first (default %(default)s)")
    parser.add_argument(
        "--reference-max",
        type=int,
        default=10_000,
        help="largest size for the Wagtail reference, whose pages are created one by one (default %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=20180401, help="seed of the synthetic corpus (default %(default)s)")
    parser.add_argument(
        "--es-url",
        default=os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200",
        help="Elasticsearch 8 to use (default: ELASTICSEARCH_URL or %(default)s); only portal-bench-* indexes are touched",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help=f"a PostgreSQL server (e.g. the URL `PG_PORT=54331 scripts/postgres start` prints): the bench creates and uses "
        f"the database {BENCH_DATABASE} there instead of SQLite",
    )
    parser.add_argument(
        "--backends",
        default="es,db",
        help="which portal backends to measure, comma-separated: es (Elasticsearch), db (database) (default %(default)s); "
        "with db left out the old scan (b0) and the Wagtail reference are left out too",
    )
    parser.add_argument(
        "--compare-ref",
        metavar="GIT_REF",
        help="also measure search/backends/elasticsearch.py as it was at GIT_REF (its request shape, on the same "
        "index, in the same run), e.g. the commit before a change",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="also measure Elasticsearch with its shard request cache cleared before every query (what a query "
        "nobody asked since the last refresh costs)",
    )
    parser.add_argument(
        "--es-copies-to",
        type=int,
        metavar="SIZE",
        help="after the largest size, measure Elasticsearch alone on an index of SIZE documents copied from it "
        "under new keys (e.g. 1000000: generating a million documents in Python takes hours on 2 busy cores)",
    )
    parser.add_argument(
        "--scan-rev", default=SCAN_REV, help="git revision of the old scanning backend (b0) (default %(default)s)"
    )
    parser.add_argument(
        "--scan-max",
        type=int,
        default=100_000,
        help="largest size for the old scan (b0), about 2 s a query at 100,000 (default %(default)s)",
    )
    parser.add_argument("--details", action="store_true", help="also print p50/p95 and hits per query")
    parser.add_argument(
        "--keep-db", action="store_true", help=f"keep {DB_PATH.relative_to(ROOT)} for inspection (~650 MB at 100k)"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the database backend's slowest query at each size (cProfile, and its time without the cyclic GC)",
    )
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    args.backends = {b.strip() for b in args.backends.split(",") if b.strip()}
    if not args.backends or not args.backends <= {"es", "db"}:
        parser.error("--backends takes es, db or es,db")
    if not args.sizes or args.sizes[0] < 1 or args.repeat < 1 or args.warmup < 0:
        parser.error("sizes and --repeat must be positive, --warmup not negative")
    if args.es_copies_to and ("es" not in args.backends or args.es_copies_to <= args.sizes[-1]):
        parser.error("--es-copies-to needs es in --backends and a size above the largest of --sizes")
    if (args.compare_ref or args.cold) and "es" not in args.backends:
        parser.error("--compare-ref and --cold measure Elasticsearch: they need es in --backends")
    return args


def remove_database(server_url=""):
    from django.db import connections

    connections.close_all()
    if server_url:
        _recreate_postgres_database(server_url, create=False)
        return
    for path in DATA_DIR.glob(f"{DB_PATH.name}*"):
        path.unlink()


def _recreate_postgres_database(server_url, create=True):
    """Drop the bench's own database on that server, and create it afresh."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        if create:
            admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return server_url.rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"


def setup_django(es_url, server_url=""):
    """Point Django at the bench's own database and index prefix before
    anything reads the settings."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if server_url:
        os.environ["DATABASE_URL"] = _recreate_postgres_database(server_url)
    else:
        for path in DATA_DIR.glob(f"{DB_PATH.name}*"):
            path.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["ELASTICSEARCH_URL"] = es_url
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = INDEX_PREFIX
    # Bulk requests of 500 analysed documents can take longer than the 2 s a
    # page may wait; queries are timed, not cut off.
    os.environ["ELASTICSEARCH_TIMEOUT"] = "60"
    sys.path.insert(0, str(ROOT))

    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # no SQL logging inside the timed loops
    # The reference: Wagtail's database backend (SQLite FTS5 or PostgreSQL's), filled
    # explicitly below rather than page by page as the pages are created.
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the synthetic corpus -------------------------------------------------

WORD = re.compile(r"[\u4e00-\u9fff々]+|[\u30a1-\u30faー]{2,}|[A-Za-z][A-Za-z0-9]+")
# Glue between words: particles, nothing (a compound noun), or a comma.
JOINERS = ("の", "を", "と", "に", "で", "や", "が", "による", "", "", "、")


class SyntheticItem:
    """Stands in for a page so build_document() shapes each synthetic
    document exactly as it shapes real ones."""

    class _meta:
        label_lower = "bench.synthetic"

    def __init__(self, pk, document):
        self.pk = pk
        self.document = document


class Corpus:
    def __init__(self, seed):
        from supports.models import SupportKind
        from taxonomy.models import Field, Municipality, Prefecture

        self.rng = random.Random(seed)
        self.count = 0
        cases = json.loads((SEED_DATA / "cases.json").read_text(encoding="utf-8"))
        programs = json.loads((SEED_DATA / "programs.json").read_text(encoding="utf-8"))

        words = collections.Counter()
        for case in cases:
            for text in [case["title"], case.get("summary", ""), case.get("challenge", "")] + case.get("body", []):
                words.update(w for w in WORD.findall(text) if 2 <= len(w) <= 8)
        self.tags = sorted({tag for case in cases for tag in case.get("tags", [])})
        words.update(dict.fromkeys(self.tags, 3))
        self.words = sorted(words)
        self.cum_weights = list(itertools.accumulate(words[w] for w in self.words))

        self.fields = list(Field.objects.order_by("sort_order").values_list("slug", flat=True))
        # A place is a 市区町村 of the seed data or a prefecture (so all 47 occur).
        self.places = [
            (m.name, m.prefecture.slug, m.prefecture.block.slug)
            for m in Municipality.objects.select_related("prefecture__block").order_by("pk")
        ] + [(p.name, p.slug, p.block.slug) for p in Prefecture.objects.select_related("block").order_by("code")]
        self.support_kinds = list(SupportKind.values)
        self.ministries = sorted({p.get("ministry") or "総務省" for p in programs})
        self.today = datetime.date.today()
        self.epoch = datetime.datetime(2016, 4, 1, tzinfo=datetime.UTC)

    def _words(self, k):
        return self.rng.choices(self.words, cum_weights=self.cum_weights, k=k)

    def sentence(self):
        words = self._words(self.rng.randint(3, 6))
        out = words[0]
        for word in words[1:]:
            out = _join(out, self.rng.choice(JOINERS), word)
        return out + "。"

    def next_documents(self, n):
        """The next n documents, as build_document() output."""
        from search.documents import build_document
        from search.registry import SearchType, search_types

        text_keys = {t.kind: t.text_keys for t in search_types()}
        for _ in range(n):
            self.count += 1
            doc = self._document(self.count)
            # Searched like a real document of its kind (the same text keys).
            shape = SearchType(
                doc["kind"], "合成", "bench.Synthetic", lambda item: item.document, text_keys=text_keys[doc["kind"]]
            )
            yield build_document(SyntheticItem(self.count, doc), shape)

    def _document(self, number):
        rng = self.rng
        places = rng.sample(self.places, rng.choice((1, 1, 1, 2)))
        head = self._words(3)
        kind = "program" if rng.random() < 0.15 else "case"
        published = self.epoch + datetime.timedelta(seconds=rng.randrange(3 * 365 * 86400))
        doc = {
            "kind": kind,
            "title": f"{SYNTHETIC_TITLE}{places[0][0]}の{_join(head[0], '', head[1])}による{head[2]} #{number}",
            "summary": SYNTHETIC_NOTE + self.sentence(),
            "body": "".join(self.sentence() for _ in range(rng.randint(6, 12))),
            "url": f"/bench/synthetic/{number}/",
            "fields": rng.sample(self.fields, rng.choice((1, 1, 2))),
            "block": sorted({p[2] for p in places}),
            "prefecture": sorted({p[1] for p in places}),
            "municipalities": [p[0] for p in places],
            "tags": rng.sample(self.tags, rng.randint(0, 3)),
            "year": rng.randint(2013, 2018),
            "selected_100": kind == "case" and rng.random() < 0.1,
            "published_at": published.isoformat(),
        }
        if kind == "program":
            opens = self.today + datetime.timedelta(days=rng.randint(-400, 30))
            doc.update(
                support_kind=rng.choice(self.support_kinds),
                ministry=rng.choice(self.ministries),
                application_open=opens.isoformat(),
                application_close=(opens + datetime.timedelta(days=rng.randint(14, 90))).isoformat(),
            )
        elif rng.random() < 0.05:
            doc["award_tier"] = rng.choice(("grand", "excellence", "encouragement", "special"))
        return doc


def _join(left, joiner, right):
    if not joiner and left[-1].isascii() and right[0].isascii():
        joiner = " "  # Latin words are written apart (IoT センサー, not ICTIoT)
    return left + joiner + right


# --- loading ----------------------------------------------------------------


def prepare_database():
    from django.core.management import call_command

    from cases.seed import ensure_index as ensure_case_index
    from home.seed import load as load_home
    from seedcontent.sync import Report
    from supports.seed import ensure_index as ensure_support_index
    from taxonomy.seed import load as load_taxonomy

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    report = Report()
    load_taxonomy(report)
    load_home(report)
    ensure_case_index(report)
    ensure_support_index(report)
    log(f"database ready: migrations + real taxonomy in {time.perf_counter() - started:.1f}s")


def add_search_documents(corpus, n, documents_out, keep):
    """Append n synthetic rows to SearchDocument; keeps (title, summary,
    body, published_at) of the first `keep` for the reference pages."""
    from django.db import transaction

    from search.indexing import row_values
    from search.models import SearchDocument

    started = time.perf_counter()
    batch = []
    with transaction.atomic():
        for doc in corpus.next_documents(n):
            batch.append(SearchDocument(key=doc["key"], **row_values(doc)))
            if keep > 0:
                documents_out.append((doc["title"], doc["summary"], doc["body"], doc["published_at"]))
                keep -= 1
            if len(batch) == 2000:
                SearchDocument.objects.bulk_create(batch)
                batch = []
        SearchDocument.objects.bulk_create(batch)
    return time.perf_counter() - started


def add_reference_pages(texts):
    """Real, live CaseStudyPage pages with the synthetic text, then indexed
    by Wagtail's database backend in bulk (what update_index does)."""
    from django.db import transaction
    from wagtail.search.backends import get_search_backend
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from cases.models import CaseIndexPage, CaseStudyPage

    parent = CaseIndexPage.objects.get()
    already = CaseStudyPage.objects.count()
    started = time.perf_counter()
    created = []
    with transaction.atomic(), disable_reference_index_auto_update():
        for number, (title, summary, body, published_at) in enumerate(texts[already:], start=already + 1):
            published = datetime.datetime.fromisoformat(published_at)
            page = CaseStudyPage(
                title=title,
                slug=f"bench-{number}",
                summary=summary,
                challenge=body,
                live=True,
                first_published_at=published,
                last_published_at=published,
            )
            parent.add_child(instance=page)
            created.append(page.pk)
    create_seconds = time.perf_counter() - started

    started = time.perf_counter()
    backend = get_search_backend()
    for start in range(0, len(created), 1000):
        pages = list(CaseStudyPage.objects.filter(pk__in=created[start : start + 1000]))
        backend.add_bulk(CaseStudyPage, pages)
    return create_seconds, len(created), time.perf_counter() - started


# --- Elasticsearch ------------------------------------------------------------


def engine_check():
    from search import elastic

    try:
        health = elastic.client().cluster.health()
    except Exception as error:
        sys.exit(
            f"Elasticsearch is not reachable at {os.environ['ELASTICSEARCH_URL']} ({error}).\n"
            "Start it with `scripts/search-engine start` or pass --es-url."
        )
    return elastic.client().info()["version"]["number"], health["status"]


def delete_bench_indexes():
    from search import elastic

    es = elastic.client()
    names = sorted(es.indices.get(index=f"{elastic.alias_name()}-*", expand_wildcards="all"))
    for name in names:  # by name: the cluster refuses wildcard deletes
        es.indices.delete(index=name)
    return names


def reindex_elasticsearch():
    from search.indexing import reindex

    started = time.perf_counter()
    name, written = reindex()
    seconds = time.perf_counter() - started
    return written, seconds, settled_segments(name)


def settled_segments(name):
    """Queries are measured on the settled index, not against its background merges."""
    from search import elastic

    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        stats = elastic.client().indices.stats(index=name, metric="merge,segments")["_all"]["total"]
        if not stats["merges"]["current"]:
            break
        time.sleep(1)
    return stats["segments"]["count"]


def copy_index_to(size):
    """A new index of `size` documents made of the current index's documents
    over and over, each copy under new keys, then the alias swapped to it.
    Only Elasticsearch sees it: generating and analysing a million documents
    in Python takes hours on 2 busy cores, copying their indexed form does not."""
    from elasticsearch.helpers import bulk, scan

    from search import elastic

    es = elastic.patient_client()
    [source] = elastic.indexes_behind_alias()
    name = elastic.new_index_name()
    elastic.create_index(name, es=es)
    es.indices.put_settings(index=name, settings={"refresh_interval": "-1"})  # one refresh at the end

    def copies():
        written = 0
        for copy in itertools.count():
            for hit in scan(es, index=source, query={"sort": ["_doc"]}, size=2000):
                if written == size:
                    return
                body = hit["_source"]
                if copy:
                    body["key"] = body["doc"]["key"] = f"{body['key']}~{copy}"
                yield {"_index": name, "_id": body["key"], "_source": body}
                written += 1

    started = time.perf_counter()
    written, _ = bulk(es, copies(), chunk_size=1000, max_chunk_bytes=20 * 2**20)
    es.indices.put_settings(index=name, settings={"refresh_interval": None})
    es.indices.refresh(index=name)
    es.indices.update_aliases(
        actions=[
            {"remove": {"index": source, "alias": elastic.alias_name()}},
            {"add": {"index": name, "alias": elastic.alias_name()}},
        ]
    )
    es.indices.delete(index=source)
    return written, time.perf_counter() - started, settled_segments(name)


# --- the old scan (b0) ---------------------------------------------------------


def scan_backend(rev):
    """The database backend as committed at `rev`, loaded from git into this
    process as a sibling module, so both run on the same rows and settings."""
    return module_at(rev, "search/backends/database.py", "search.backends.database_scan_reference").DatabaseBackend()


def module_at(rev, path, name):
    """`path` as committed at `rev`, run as the module `name` inside the
    search.backends package, so its relative imports find today's helpers."""
    source = subprocess.run(
        ["git", "show", f"{rev}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    module = types.ModuleType(name)
    module.__package__ = "search.backends"
    source = _without_old_facet_names(source, module)
    sys.modules[name] = module
    exec(compile(source, f"{rev}:{path}", "exec"), module.__dict__)
    return module


OLD_FACET_IMPORT = re.compile(r"^from \.\.facets import (.+)$", re.MULTILINE)


def _without_old_facet_names(source, module):
    """FACETS and stored_values() left search.facets for search.registry after
    the revisions compared against; the old code gets them from today's
    facets, so it runs unchanged on today's rows and index."""
    from search import registry

    module.FACETS = registry.facets()
    module.stored_values = lambda stored, name, today=None: registry.facet(name).stored_values(stored, today)

    def rewrite(match):
        kept = [n.strip() for n in match.group(1).split(",") if n.strip() not in ("FACETS", "stored_values")]
        return f"from ..facets import {', '.join(kept)}" if kept else ""

    return OLD_FACET_IMPORT.sub(rewrite, source)


def facet_index_cost():
    """Seconds to build the facet index of the current rows (a search's
    extra cost once per content version) and its approximate size."""
    from search import facetindex
    from search.backends.database import DatabaseBackend

    started = time.perf_counter()
    index = facetindex.FacetIndex.build(None, DatabaseBackend._index_rows())
    seconds = time.perf_counter() - started
    held = sum(sys.getsizeof(mask) for masks in index.values.values() for mask in masks.values())
    held += sys.getsizeof(index.live) + sum(
        sys.getsizeof(a) for a in (index.newest, index.title, index.rank_newest, index.rank_title)
    )
    values = sum(len(masks) for masks in index.values.values())
    return seconds, held, values


# --- measuring ------------------------------------------------------------------


def search_query(spec):
    from search.normalize import clean_query
    from search.query import SearchQuery

    return SearchQuery(
        text=clean_query(spec.text), filters=dict(spec.filters), sort=spec.sort, page=spec.page, fixed=dict(spec.fixed)
    )


def portal_runner(backend, forget_terms=False):
    """forget_terms: each search reads its terms from the text index, as the
    first search of a term after a content change does (no remembered bitsets)."""
    from search import facetindex

    def run(spec, query):
        if forget_terms and facetindex.current() is not None:
            facetindex.current().terms.clear()
        return backend.search(query).count

    return run


def reference_run(spec, query):
    """What a Wagtail developer writes first: the visitor's text, as typed,
    to Page.objects.live().search(); one page of results and the count."""
    from wagtail.models import Page

    pages = Page.objects.live()
    if spec.sort == "newest":
        results = pages.order_by("-first_published_at").search(spec.text, order_by_relevance=False)
    elif spec.sort == "title":
        results = pages.order_by("title").search(spec.text, order_by_relevance=False)
    else:
        results = pages.search(spec.text)
    start = (spec.page - 1) * query.per_page
    list(results[start : start + query.per_page])
    return results.count()


def measure(run, specs, repeat, warmup, before=None):
    """{label: (timings in ms, hits)}; rounds interleave the queries so a
    slow moment of the machine is spread over all of them. `before()` runs
    untimed before every timed query."""
    queries = {spec.label: search_query(spec) for spec in specs}
    gc.collect()  # each backend starts from the same heap, not the previous one's garbage
    hits = {}
    for _ in range(warmup):
        for spec in specs:
            hits[spec.label] = run(spec, queries[spec.label])
    timings = {spec.label: [] for spec in specs}
    for _ in range(repeat):
        for spec in specs:
            if before:
                before()
            started = time.perf_counter()
            count = run(spec, queries[spec.label])
            timings[spec.label].append((time.perf_counter() - started) * 1000)
            hits[spec.label] = count
    return {label: (timings[label], hits[label]) for label in timings}


def profile_database(result, top=15):
    """Where the database backend's slowest query spends its time."""
    from search.backends.database import DatabaseBackend

    label = max(result, key=lambda name: p50(result[name][0]))
    query = search_query(next(spec for spec in QUERIES if spec.label == label))
    backend = DatabaseBackend()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(3):
        backend.search(query)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    gc.disable()
    try:
        without_gc = []
        for _ in range(5):
            started = time.perf_counter()
            backend.search(query)
            without_gc.append((time.perf_counter() - started) * 1000)
    finally:
        gc.enable()
    return label, p50(result[label][0]), p50(without_gc), out.getvalue()


def clear_request_cache():
    from search import elastic

    elastic.client().indices.clear_cache(index=elastic.alias_name(), request=True)


def reference_backend(ref):
    """ElasticsearchBackend as search/backends/elasticsearch.py defined it at
    `ref`, loaded beside today's: the same helpers, mapping and index, so
    the difference measured is the request it sends."""
    return module_at(
        ref, "search/backends/elasticsearch.py", "search.backends.elasticsearch_at_ref"
    ).ElasticsearchBackend()


def measure_elasticsearch(row, args):
    from search.backends.elasticsearch import ElasticsearchBackend

    if args.compare_ref:
        row["elasticsearch_ref"] = measure(
            portal_runner(reference_backend(args.compare_ref)), QUERIES, args.repeat, args.warmup
        )
    row["elasticsearch"] = measure(portal_runner(ElasticsearchBackend()), QUERIES, args.repeat, args.warmup)
    if args.cold:
        row["elasticsearch_cold"] = measure(
            portal_runner(ElasticsearchBackend()), QUERIES, args.repeat, args.warmup, before=clear_request_cache
        )
    log(f"{row['size']:,}: Elasticsearch measured")


def p50(samples):
    return statistics.median(samples)


def p95(samples):
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


def pooled(result, labels=None):
    return [t for label, (timings, _) in result.items() if labels is None or label in labels for t in timings]


# --- the run ----------------------------------------------------------------------


def main(argv=None):
    args = parse_args(argv)
    setup_django(args.es_url, args.database_url)
    from django.db import connection

    args.vendor = connection.vendor
    where = f"PostgreSQL database {BENCH_DATABASE}" if args.database_url else f"SQLite {DB_PATH}"
    if "es" in args.backends:
        version, health = engine_check()
        log(f"Elasticsearch {version} ({health}) at {args.es_url}; bench index prefix '{INDEX_PREFIX}'")
        delete_bench_indexes()
    log(f"database: {where}")

    # Loaded before any row exists: a wrong --scan-rev fails at once, not after the corpus.
    scan = scan_backend(args.scan_rev) if "db" in args.backends else None
    rows = []
    text_labels = [spec.label for spec in QUERIES if spec.text]
    try:
        prepare_database()
        corpus = Corpus(args.seed)
        texts = []
        for size in args.sizes:
            # The reference's texts are kept only as far as the reference goes:
            # at 1,000,000 documents they would not fit in memory comfortably.
            keep = (min(size, args.reference_max) - len(texts)) if "db" in args.backends else 0
            seconds = add_search_documents(corpus, size - corpus.count, texts, keep)
            log(f"{size:,}: {corpus.count:,} SearchDocument rows ({seconds:.1f}s to generate and write)")
            row = {"size": size, "load": os.getloadavg()}
            if "es" in args.backends:
                written, es_seconds, segments = reindex_elasticsearch()
                log(
                    f"{size:,}: Elasticsearch reindex {written:,} docs in {es_seconds:.1f}s = {written / es_seconds:,.0f} docs/s; "
                    f"{segments} segments once merges settled"
                )
                row.update(es_docs_per_s=written / es_seconds, es_reindex_s=es_seconds)
                measure_elasticsearch(row, args)
            if "db" in args.backends:
                measure_database(row, args, scan, texts)
            rows.append(row)
            if size != args.sizes[-1] or args.es_copies_to:
                report(rows, args, text_labels)  # so far: a long run that is stopped still shows its sizes
        if args.es_copies_to:
            rows.append(measure_copied_index(args))
    finally:
        if "es" in args.backends:
            deleted = delete_bench_indexes()
            log(f"deleted Elasticsearch indexes: {', '.join(deleted) or 'none'}")
        if not args.keep_db:
            remove_database(args.database_url)

    report(rows, args, text_labels)


def measure_database(row, args, scan, texts):
    """(b) twice, (b0) up to --scan-max and (c) up to --reference-max, on the rows written so far."""
    from search.backends.database import DatabaseBackend

    size = row["size"]
    row["facet_index"] = facet_index_cost()
    row["database"] = measure(portal_runner(DatabaseBackend()), QUERIES, args.repeat, args.warmup)
    row["database_cold"] = measure(
        portal_runner(DatabaseBackend(), forget_terms=True), QUERIES, args.repeat, args.warmup
    )
    log(f"{size:,}: database backend measured")
    if size <= args.scan_max:
        row["scan"] = measure(portal_runner(scan), QUERIES, args.repeat, args.warmup)
        log(f"{size:,}: old scan (b0) measured")
    if args.profile:
        row["db_profile"] = profile_database(row["database"])
    if size <= args.reference_max:
        create_s, created, index_s = add_reference_pages(texts)
        row["reference_build"] = (create_s, created, index_s)
        log(
            f"{size:,}: {created:,} reference pages created in {create_s:.1f}s, Wagtail index add_bulk in {index_s:.1f}s"
        )
        row["reference"] = measure(reference_run, [spec for spec in QUERIES if spec.text], args.repeat, args.warmup)
        log(f"{size:,}: reference measured")


def measure_copied_index(args):
    """Elasticsearch alone on the index copied up to --es-copies-to: the database
    rows stay at the largest generated size, so (b), (b0) and (c) would not compare."""
    written, es_seconds, segments = copy_index_to(args.es_copies_to)
    log(
        f"{written:,}: Elasticsearch index copied in {es_seconds:.1f}s = {written / es_seconds:,.0f} docs/s; "
        f"{segments} segments once merges settled"
    )
    row = {
        "size": written,
        "copied": True,
        "es_docs_per_s": written / es_seconds,
        "es_reindex_s": es_seconds,
        "load": os.getloadavg(),
    }
    measure_elasticsearch(row, args)
    return row


def report(rows, args, text_labels):
    print()
    print(
        f"Search benchmark on {args.vendor}: {len(QUERIES)} queries ({len(text_labels)} with text), {args.repeat} timed runs each "
        f"after {args.warmup} warm-up; every facet aggregated on (a), (b) and (b0)."
    )
    print("p95 (text) is over the queries with text only: the set the reference (c) runs.")
    print(
        "(b) remembers each term's rows per content version (as a repeated query is served); '(b) terms not remembered'"
    )
    print("forgets them before every search, so each reads the text index as the first search after a change does.")
    print()
    header = ["size", "backend", "p50 ms", "p95 ms", "p95 ms (text)"] + [
        f"hits {label.split(' ', 1)[1]}" for label in SAMPLE_QUERIES
    ]
    lines = [header]
    for row in rows:
        for name, title in (
            ("elasticsearch_ref", f"(a) Elasticsearch at {args.compare_ref}"),
            ("elasticsearch", "(a) Elasticsearch" + (", copied index" if row.get("copied") else "")),
            ("elasticsearch_cold", "(a) Elasticsearch, request cache cleared before each query"),
            ("database", "(b) database"),
            ("database_cold", "(b) database, terms not remembered"),
            ("scan", f"(b0) database, old scan ({args.scan_rev})"),
            ("reference", "(c) Wagtail reference"),
        ):
            side = "es" if name.startswith("elasticsearch") else "db"
            if name not in row and (name.startswith("elasticsearch_") or side not in args.backends):
                continue  # not asked for (--compare-ref, --cold, --backends); "skipped" is for sizes only
            if name not in row:
                lines.append([f"{row['size']:,}", title, "skipped", "-", "-", "-", "-"])
                continue
            result = row[name]
            lines.append(
                [
                    f"{row['size']:,}",
                    title,
                    f"{p50(pooled(result)):.1f}",
                    f"{p95(pooled(result)):.1f}",
                    f"{p95(pooled(result, text_labels)):.1f}",
                ]
                + [str(result[label][1]) if label in result else "-" for label in SAMPLE_QUERIES]
            )
    print_table(lines)
    if "db" in args.backends and any("reference" not in row for row in rows):
        print(f"(c) is skipped above --reference-max {args.reference_max:,}: its pages are created one at a time.")

    if "db" in args.backends:
        report_database(rows, text_labels)

    if args.compare_ref:
        print()
        print(f"Elasticsearch now / at {args.compare_ref} (same index, same run), p50 and p95 over every query:")
        for row in rows:
            if "elasticsearch_ref" in row:
                now, ref = pooled(row["elasticsearch"]), pooled(row["elasticsearch_ref"])
                print(
                    f"  {row['size']:>9,}: p50 {p50(now):.1f} / {p50(ref):.1f} ms = {p50(now) / p50(ref):.2f}   "
                    f"p95 {p95(now):.1f} / {p95(ref):.1f} ms = {p95(now) / p95(ref):.2f}"
                )

    print()
    print("Indexing throughput:")
    for row in rows:
        # Either part may be missing: --backends leaves one side out, the copied index has no reference.
        parts = []
        if "es_docs_per_s" in row:
            how = "copy of the indexed documents" if row.get("copied") else "reindex"
            parts.append(
                f"Elasticsearch {how} {row['es_docs_per_s']:,.0f} docs/s ({row['es_reindex_s']:.1f}s, alias swap included)"
            )
        if "reference_build" in row:
            create_s, created, index_s = row["reference_build"]
            parts.append(
                f"reference: {created:,} new pages in {create_s:.1f}s, Wagtail add_bulk {created / index_s:,.0f} docs/s"
            )
        if parts:
            print(f"  {row['size']:>7,}: " + "; ".join(parts))

    print()
    loads = ", ".join(f"{row['size']:,}: {row['load'][0]:.1f}" for row in rows)
    print(f"Load average (1 min) when each size's measuring began, on {os.cpu_count()} CPUs: {loads}")
    print("Anything else busy on the machine inflates every figure; compare ratios, and rerun when it is quiet.")

    print()
    print("Targets:")
    if "es" in args.backends:
        print(target_line(rows, "elasticsearch", ES_TARGET_SIZE, ES_TARGET_MS, "Elasticsearch p95, all facets"))
        print(target_line(rows, "elasticsearch", ES_LARGE_SIZE, ES_LARGE_MS, "Elasticsearch p95, all facets"))
    if "db" in args.backends:
        print(target_line(rows, "database", DB_TARGET_SIZE, DB_TARGET_MS, f"database backend p95 on {args.vendor}"))
        print(target_line(rows, "database_cold", DB_TARGET_SIZE, DB_TARGET_MS, "the same, terms not remembered"))

    if args.details:
        print()
        print("Per query: p50 / p95 ms and hits")
        for row in rows:
            names = (
                "elasticsearch_ref",
                "elasticsearch",
                "elasticsearch_cold",
                "database",
                "database_cold",
                "scan",
                "reference",
            )
            lines = [["size", "query"] + [n for n in names if n in row]]
            for spec in QUERIES:
                cells = [f"{row['size']:,}", spec.label]
                for name in lines[0][2:]:
                    if spec.label in row[name]:
                        timings, hits = row[name][spec.label]
                        cells.append(f"{p50(timings):.1f} / {p95(timings):.1f}  ({hits})")
                    else:
                        cells.append("-")
                lines.append(cells)
            print_table(lines)
            print()

    for row in rows:
        if "db_profile" in row:
            label, with_gc, without_gc, stats = row["db_profile"]
            print(
                f"Database backend at {row['size']:,}, slowest query '{label}': p50 {with_gc:.0f} ms; "
                f"{without_gc:.0f} ms with the cyclic garbage collector off. cProfile of 3 runs:"
            )
            print(stats)


def report_database(rows, text_labels):
    """The database side's lines: ratios to the reference, (b) against (b0), the facet index."""
    print()
    print("Ratios (p95 over the text queries, same run):")
    for row in rows:
        if "reference" not in row:
            print(f"  {row['size']:>7,}: no reference at this size")
            continue
        ref = p95(pooled(row["reference"]))
        db = p95(pooled(row["database"], text_labels))
        es = (
            f"Elasticsearch / reference = {p95(pooled(row['elasticsearch'], text_labels)) / ref:.2f}   "
            if "elasticsearch" in row
            else ""
        )
        print(f"  {row['size']:>7,}: {es}database / reference = {db / ref:.2f}")

    print()
    print("Database backend against its old scan (b0), p95 over all queries, same run and rows:")
    for row in rows:
        if "database" not in row:
            print(f"  {row['size']:>7,}: database not measured at this size")
            continue
        if "scan" not in row:
            print(f"  {row['size']:>7,}: old scan not measured (above --scan-max)")
            continue
        old = p95(pooled(row["scan"]))
        for name, title in (("database", "remembered terms"), ("database_cold", "terms not remembered")):
            new = p95(pooled(row[name]))
            differ = [label for label in row[name] if row[name][label][1] != row["scan"][label][1]]
            agreement = f"hits differ on {', '.join(differ)}" if differ else f"same hits on all {len(QUERIES)} queries"
            print(
                f"  {row['size']:>7,} ({title}): {old:.1f} ms → {new:.1f} ms = {new / old:.3f} of the old p95; {agreement}"
            )

    print()
    print("Facet index (built once per content version and process):")
    for row in rows:
        if "facet_index" not in row:
            continue
        seconds, held, values = row["facet_index"]
        print(
            f"  {row['size']:>7,}: built in {seconds:.2f} s; {values} facet values, about {held / 2**20:.1f} MiB held"
        )


def target_line(rows, backend, size, limit, label):
    row = next((r for r in rows if r["size"] == size), None)
    if row is not None and backend not in row:
        return f"  {label} ≤ {limit} ms at {size:,}: not measured (--backends)"
    if row is None:
        return f"  {label} ≤ {limit} ms at {size:,}: not measured (add {size} to --sizes)"
    value = p95(pooled(row[backend]))
    verdict = "holds" if value <= limit else "MISSED"
    return f"  {label} ≤ {limit} ms at {size:,}: {value:.1f} ms — {verdict}"


def print_table(lines):
    widths = [max(_width(line[i]) for line in lines if i < len(line)) for i in range(len(lines[0]))]
    for line in lines:
        print("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(line)).rstrip())


def _width(text):
    """Display width: East Asian wide characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


if __name__ == "__main__":
    main()
