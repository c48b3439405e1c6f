"""Page benchmark: the portal served by gunicorn with production settings,
measured by wrk from a second process, against a static file of the same
size served by the same server (the physical limit of this stack).

    .venv/bin/python bench/pages_bench.py [--sizes 100,10000] [--duration 10] [--connections 8] [--es-url URL]
                                          [--pages finder]

Everything it writes is under bench/.data/pages-*: a base database (migrated,
real content loaded, built once), one copy per size topped up with synthetic
cases, collected static files and the file caches. Synthetic cases say so in
their title (【合成データ】) and summary; they are never real municipalities'
facts. wrk comes from Debian (`apt-get install wrk`; installed if missing).

Per size and page it prints p50/p95 latency and requests/s under
--connections, the p95 of one request at a time (the page's own time, no
queue), uncached
(PAGE_CACHE_SECONDS=0) and cached (second pass, cache warm), the ratio
page ÷ static for requests/s (the static file measured right after the page,
in the same pass), and the SQL queries one uncached request makes
(django.test.utils.CaptureQueriesContext, in-process). A page whose query
count differs between sizes fails the run once the table is printed.
--pages keeps only the pages whose name contains one of the given words
(--pages finder: the finder alone, with and without funding plans, by a
typed name, and its municipality lookup JSON;
--pages municipality,prefecture: the region pages of one body).

--cpu N skips the servers: it requests each page N times in one process on the
base database and prints the CPU time per request (p50, p95) and its ratio to
/robots.txt measured in the same process. CPU time is what a page costs
whatever else the machine runs, so it compares two checkouts fairly on a busy
machine, where wall-clock latency mostly measures the queue.

With --es-url (default: $ELASTICSEARCH_URL) the portal searches that
Elasticsearch, as in production, under indexes of its own
(portal-bench-pages-<size>-*, deleted at the end); without it, the database
backend serves the search-driven pages (case index, search).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.net import free_port  # noqa: E402 (the path above makes the checkout importable)

ENGINE = {"url": ""}  # set by main(): the Elasticsearch the served portal searches, if any
DATA = ROOT / "bench" / ".data"
BASE_DB = DATA / "pages-base.sqlite3"
PYTHON = sys.executable
SYNTHETIC_TITLE = "【合成データ】"
SYNTHETIC_NOTE = "ページベンチマーク用に自動生成した合成データです。実在の事例ではありません。"

PAGES = {
    "home": "/",
    "case index, 2 facets": "/cases/?field=health&block=kanto",
    "case page": None,  # chosen from the database: the first real case
    "model case page": None,  # the first real case with adopters: its tile map of places
    "program page": None,
    "finder with a profile": None,
    # Every funding route of the documents at once: 過疎・離島, 財政力指数 0.35, sorted by 実質負担.
    "finder, funding plans by burden": "/supports/finder/?"
    + urlencode(
        {
            "applicant_kind": "town",
            "disadvantaged": ["depopulated", "island"],
            "fiscal_index": "0.35",
            "cost": "3000万円",
            "sort": "burden",
        },
        doseq=True,
    ),
    "search, query + 2 facets": "/search/?q=IoT&field=health&block=kanto",
    "municipality page": None,  # the body of the first real case: its cases, nearby cases, programs, seminars
    "prefecture page": None,  # that body's prefecture: every body of it, grouped by kind
    # The 市区町村 typed by name without JavaScript: matched among every body, one exact match taken.
    "finder, name search": "/supports/finder/?" + urlencode({"municipality": "いすみ", "cost": "3000万円"}),
    # The combobox's endpoint: a reading that fits several bodies (府中市 ×2, 府中町).
    "finder's municipality lookup (JSON)": "/api/municipalities/lookup/?" + urlencode({"q": "ふちゅう"}),
}

WRK_LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"p50": %f, "p95": %f, "rps": %f, "requests": %d, "errors": %d, "non2xx": %d}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, errors, summary.errors.status))
end
"""


def django_env(db_path, engine=True, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ELASTICSEARCH_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdefghijklmnop",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{db_path}",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(DATA / "pages-static"),
        PYTHONPATH=str(ROOT),
        **(engine_env(db_path) if engine else {}),
        **{k: str(v) for k, v in extra.items()},
    )
    return env


def index_prefix(db_path):
    return f"portal-bench-{Path(db_path).stem}"


def engine_env(db_path):
    if not ENGINE["url"]:
        return {}
    return {"ELASTICSEARCH_URL": ENGINE["url"], "ELASTICSEARCH_INDEX_PREFIX": index_prefix(db_path)}


def delete_indexes(db_path):
    """By name: Elasticsearch 8 refuses wildcard deletes."""
    import urllib.request

    listing = f"{ENGINE['url']}/_cat/indices/{index_prefix(db_path)}-*?h=index&format=json"
    with urllib.request.urlopen(listing, timeout=30) as response:
        names = [row["index"] for row in json.load(response)]
    for name in names:
        urllib.request.urlopen(urllib.request.Request(f"{ENGINE['url']}/{name}", method="DELETE"), timeout=30).close()


def manage(db_path, *args, engine=True):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=django_env(db_path, engine), check=True)


def build_base():
    if BASE_DB.exists():
        return
    DATA.mkdir(parents=True, exist_ok=True)
    partial = BASE_DB.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    # Shared by every size, so it indexes nowhere; each size indexes its own copy.
    manage(partial, "migrate", "-v0", engine=False)
    manage(partial, "load_portal_content", "-v0", engine=False)
    partial.rename(BASE_DB)


def build_size(size):
    path = DATA / f"pages-{size}.sqlite3"
    if not path.exists():
        shutil.copy(BASE_DB, path)
    # Readers must not wait for the one writer (search logs every query);
    # WAL is a property of the file, so every server process gets it.
    import sqlite3

    sqlite3.connect(path).execute("PRAGMA journal_mode=WAL").close()
    manage(path, "migrate", "-v0")
    subprocess.run(
        [PYTHON, __file__, "--seed-into", str(path), "--target", str(size)], env=django_env(path), check=True
    )
    return path


SEED_BATCH = 1000


def seed_into(target):
    """Top the case count up to `target` with synthetic, live cases and their
    search documents (what a publish writes), without revisions.

    Wagtail's add_child locks and rereads the tree for every page, which
    would take hours for 10,000 cases; here each batch is a handful of bulk
    inserts with the tree paths computed up front (treebeard has no public
    bulk API), and the tree is checked with treebeard's own integrity test,
    the one `manage.py fixtree` runs, afterwards."""
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from cases.models import CaseIndexPage, CaseMunicipality, CaseStudyPage
    from search.documents import public_documents
    from search.indexing import row_values
    from search.models import SearchDocument
    from taxonomy.models import Field, Municipality

    fields = list(Field.objects.order_by("pk"))
    municipalities = list(Municipality.objects.order_by("pk"))
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    index = CaseIndexPage.objects.get()
    last = index.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    have = CaseStudyPage.objects.count()
    for start in range(have, target, SEED_BATCH):
        numbers = range(start, min(start + SEED_BATCH, target))
        now = timezone.now()
        pages = []
        for n in numbers:
            step += 1
            title = f"{SYNTHETIC_TITLE}ICT活用事例 {n}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=f"synthetic-{n}",
                    url_path=f"{index.url_path}synthetic-{n}/",
                    path=Page._get_path(index.path, index.depth + 1, step),
                    depth=index.depth + 1,
                    numchild=0,
                    content_type=content_type,
                    locale_id=index.locale_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        with transaction.atomic():
            Page.objects.bulk_create(pages)
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
            # bulk_create refuses multi-table models; with the parent rows in
            # place, the case's own table is one plain insert.
            cases = [CaseStudyPage(page_ptr_id=page.pk, summary=SYNTHETIC_NOTE) for page in pages]
            CaseStudyPage._base_manager._insert(cases, fields=CaseStudyPage._meta.local_concrete_fields)
            CaseStudyPage.fields.through.objects.bulk_create(
                CaseStudyPage.fields.through(casestudypage_id=page.pk, field_id=field.pk)
                for n, page in zip(numbers, pages, strict=False)
                for field in {fields[n % len(fields)], fields[(n * 7) % len(fields)]}
            )
            CaseMunicipality.objects.bulk_create(
                CaseMunicipality(page_id=page.pk, municipality=municipalities[n % len(municipalities)], sort_order=0)
                for n, page in zip(numbers, pages, strict=False)
            )
            # The documents record() would write: the same builder on the
            # stored rows, under the same rule of what is public.
            SearchDocument.objects.bulk_create(
                SearchDocument(key=doc["key"], **row_values(doc))
                for doc in public_documents(CaseStudyPage, pks=[page.pk for page in pages])
            )
        print(f"  seeded {numbers[-1] + 1}/{target}", flush=True)
    problems = [ids for ids in Page.find_problems() if ids]
    caseless = Page.objects.filter(content_type=content_type).count() - CaseStudyPage.objects.count()
    if problems or caseless:
        raise SystemExit(
            f"page tree broken after seeding: find_problems {problems}, {caseless} pages without a case row"
        )


def choose_urls():
    import django

    django.setup()
    from cases.models import CaseStudyPage
    from regions.models import RegionBlockPage
    from supports.models import SupportProgramPage
    from taxonomy.models import Municipality

    case = CaseStudyPage.objects.live().exclude(title__startswith=SYNTHETIC_TITLE).order_by("pk").first()
    model_case = (
        CaseStudyPage.objects.live()
        .filter(adopters__live=True)
        .exclude(title__startswith=SYNTHETIC_TITLE)
        .order_by("pk")
        .first()
    )
    program = SupportProgramPage.objects.live().order_by("pk").first()
    municipality = Municipality.objects.exclude(kind="prefecture").order_by("pk").first()
    body = (
        Municipality.objects.exclude(kind="prefecture")
        .filter(case_links__page__live=True)
        .select_related("prefecture")
        .order_by("pk")
        .first()
    )
    region = RegionBlockPage.objects.get(block=body.prefecture.block_id)
    return {
        **PAGES,
        "case page": case.url,
        "model case page": model_case.url,
        "program page": program.url,
        "finder with a profile": "/supports/finder/?"
        + urlencode({"municipality": municipality.lg_code, "cost": "3000万円", "fiscal_index": "0.45"}),
        "municipality page": region.municipality_url(body),
        "prefecture page": region.prefecture_url(body.prefecture),
    }


def count_queries(urls):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warm per-process caches (Site, ContentTypes)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[name] = len(queries)
    return counts


REFERENCE_URL = "/robots.txt"


def cpu_times(urls, requests):
    """CPU milliseconds per request in this process, for each page and the reference."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, url in {"reference: robots.txt": REFERENCE_URL, **urls}.items():
        client.get(url)  # warm per-process caches
        times = []
        for _ in range(requests):
            started = time.process_time()
            status = client.get(url).status_code
            times.append((time.process_time() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"{url} answered {status}")
        times.sort()
        results[name] = {"p50": times[len(times) // 2], "p95": times[max(int(len(times) * 0.95) - 1, 0)]}
    return results


def run_cpu(requests, pages):
    build_base()
    manage(BASE_DB, "collectstatic", "--noinput", "-v0", engine=False)
    urls = in_django(BASE_DB, "choose_urls")
    if pages:
        urls = {name: url for name, url in urls.items() if any(word in name for word in pages)}
    times = in_django(BASE_DB, "cpu_times", urls, requests)
    reference = times["reference: robots.txt"]["p95"]
    print(f"\n| page | CPU ms p50 | CPU ms p95 | p95 ÷ reference ({requests} requests, one process) |")
    print("|---|---:|---:|---:|")
    for name, figures in times.items():
        print(f"| {name} | {figures['p50']:.1f} | {figures['p95']:.1f} | {figures['p95'] / reference:.0f}× |")


def in_django(db_path, function, *args):
    """Run one of the functions above in a child process against db_path."""
    code = f"import json, sys; sys.path.insert(0, {str(ROOT)!r}); import bench.pages_bench as b; print(json.dumps(b.{function}(*json.loads(sys.argv[1]))))"
    result = subprocess.run(
        [PYTHON, "-c", code, json.dumps(args)],
        env=django_env(db_path, PAGE_CACHE_SECONDS=0),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


class Server:
    def __init__(self, db_path, cache_seconds, workers):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        cache_dir = tempfile.mkdtemp(prefix="pages-cache-", dir=DATA)
        self.cache_dir = cache_dir
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=django_env(db_path, PAGE_CACHE_SECONDS=cache_seconds, CACHE_DIR=cache_dir),
        )
        import urllib.request

        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/", timeout=5)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def fetch(self, path):
        import urllib.request

        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return response.read()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.cache_dir, ignore_errors=True)


def wrk(url, duration, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_LUA)
    result = subprocess.run(
        ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(script.name)
    return json.loads([line for line in result.stdout.splitlines() if line.startswith("{")][-1])


def reference_files(sizes):
    """Static files as large as each page, collected next to the real ones so
    WhiteNoise serves them from the same gunicorn."""
    folder = DATA / "pages-static" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, size in sizes.items():
        path = folder / f"reference-{size}.html"
        path.write_bytes(b"x" * size)
        paths[name] = f"/static/bench/{path.name}"
    return paths


def ensure_wrk():
    if shutil.which("wrk"):
        return
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=True)


def run(sizes, duration, connections, workers, pages=()):
    ensure_wrk()
    build_base()
    rows = []
    queries = {}
    for size in sizes:
        print(f"== {size} cases: seeding", flush=True)
        started = time.monotonic()
        db = build_size(size)
        print(f"  database ready in {time.monotonic() - started:.0f} s", flush=True)
        manage(db, "collectstatic", "--noinput", "-v0")
        if ENGINE["url"]:
            manage(db, "search_reindex")
        urls = in_django(db, "choose_urls")
        if pages:
            urls = {name: url for name, url in urls.items() if any(word in name for word in pages)}
        queries[size] = in_django(db, "count_queries", urls)
        server = Server(db, 0, workers)
        try:
            page_bytes = {name: len(server.fetch(url)) for name, url in urls.items()}
        finally:
            server.stop()
        references = reference_files(page_bytes)
        for cached in (False, True):
            server = Server(db, 300 if cached else 0, workers)
            try:
                for name, url in urls.items():
                    if cached:
                        server.fetch(url)
                    page = wrk(server.base + url, duration, connections)
                    # One request at a time: the page's own time, without the queue.
                    page["alone_p95"] = wrk(server.base + url, max(duration // 2, 2), 1)["p95"]
                    static = wrk(server.base + references[name], duration, connections)
                    rows.append((size, name, cached, page, static, page_bytes[name], queries[size][name]))
                    print(f"  {'cached  ' if cached else 'uncached'} {name}: {page} static: {static}", flush=True)
            finally:
                server.stop()
        if ENGINE["url"]:
            delete_indexes(db)
    print_table(rows)
    check_query_counts(queries)


def print_table(rows):
    print()
    print(
        "| cases | page | cache | bytes | SQL | p50 ms | p95 ms | p95 ms alone | req/s | static req/s | static p95 ms "
        "| page ÷ static | errors |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, name, cached, page, static, size_bytes, queries in rows:
        print(
            f"| {size:,} | {name} | {'cached' if cached else 'uncached'} | {size_bytes:,} | {queries} "
            f"| {page['p50']:.1f} | {page['p95']:.1f} | {page['alone_p95']:.1f} | {page['rps']:.0f} | {static['rps']:.0f} | {static['p95']:.1f} "
            f"| {page['rps'] / static['rps']:.0%} | {page['errors'] + page['non2xx']} |"
        )


def check_query_counts(queries):
    """The project's rule: a page's SQL queries do not depend on how many
    items there are. Fails the run after the table if any page broke it."""
    sizes = list(queries)
    print()
    print("| page | " + " | ".join(f"SQL at {size:,}" for size in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    grown = []
    for name in queries[sizes[0]]:
        counts = [queries[size][name] for size in sizes]
        print(f"| {name} | " + " | ".join(map(str, counts)) + " |")
        if len(set(counts)) > 1:
            grown.append(f"{name} ({' → '.join(map(str, counts))})")
    if grown:
        raise SystemExit("SQL queries per page change with the number of cases: " + ", ".join(grown))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (twice the workers)")
    parser.add_argument("--es-url", default=os.environ.get("ELASTICSEARCH_URL", ""), help="search this Elasticsearch")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--pages", default="", help="only pages whose name contains one of these comma-separated words")
    parser.add_argument("--cpu", type=int, default=0, help="CPU time per request over this many requests, no servers")
    parser.add_argument("--seed-into", help=argparse.SUPPRESS)
    parser.add_argument("--target", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_into:
        seed_into(args.target)
        return
    ENGINE["url"] = args.es_url.rstrip("/")
    pages = [word for word in args.pages.split(",") if word]
    if args.cpu:
        run_cpu(args.cpu, pages)
        return
    run([int(s) for s in args.sizes.split(",")], args.duration, args.connections, args.workers, pages)


if __name__ == "__main__":
    main()
