import collections
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.net import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seeded_sqlite_file(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seeded test database copied to a file, for servers and processes
    that cannot share the test's in-memory database. SQLite pass only."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("runs on the SQLite pass, which seeds an in-memory database to copy")
    path = tmp_path_factory.mktemp("seeded") / "portal.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    return path


@pytest.fixture
def database_copy(seeded_sqlite_file, tmp_path):
    """A private copy each test may lock, write or break."""
    path = tmp_path / "portal.sqlite3"
    shutil.copy(seeded_sqlite_file, path)
    return path


@pytest.fixture
def wal_database_copy(database_copy):
    """As a server would run SQLite: readers do not wait for the writer
    (searches log their query)."""
    sqlite3.connect(database_copy).execute("PRAGMA journal_mode=WAL").close()
    return database_copy


def server_env(database_path, **extra):
    """Test settings on the given file and no search engine; `extra` wins,
    settings module included (the test settings ignore ELASTICSEARCH_URL, so
    a server meant to search an engine needs other settings too)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ELASTICSEARCH_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.test", PYTHONPATH=str(ROOT))
    if database_path is not None:
        env["DATABASE_URL"] = f"sqlite:///{database_path}"
    env.update(extra)
    return env


class Gunicorn:
    """`config`: a gunicorn settings file (deploy/gunicorn.conf.py); the
    options given here win over it, and workers/threads of None leave its
    own. Its own process group, so `kill` takes its workers down with it, as
    a crashed server would."""

    def __init__(self, database_path, workers=2, threads=4, config=None, **env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        options = ["-c", str(config)] if config else []
        options += [f"--{name}={value}" for name, value in (("workers", workers), ("threads", threads)) if value]
        self.log = tempfile.TemporaryFile("w+")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                *options,
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--worker-class",
                "gthread",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            # A file, not a pipe: a server logging more than a pipe holds
            # (a failing engine under load) would block on it.
            cwd=ROOT,
            env=server_env(database_path, **env),
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/", timeout=30).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.3)
        self.stop()
        self.log.seek(0)
        raise RuntimeError("gunicorn did not start: " + self.log.read()[-2000:])

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        self.process.wait(timeout=20)


CLIENTS = 100
SECONDS = 30
LOAD_URLS = [
    "/search/?q=IoT",
    "/search/?q=見守り&field=health",
    "/api/search/?q=農業",
    "/cases/",
    "/cases/?field=health",
    "/cases/asmama-kosodate-share/",
]


def hammer(base, seconds=SECONDS, clients=CLIENTS, classify=None, timings=None):
    """Every client asks again as soon as it is answered. Counts 2xx/3xx/4xx
    by class, each 5xx by its code and each failure by its exception;
    `classify(response)` may name one more thing to count (or None).
    `timings`, a list, receives (monotonic start, seconds) of every answer."""
    counts = collections.Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset):
        session = requests.Session()
        session.trust_env = False  # loopback only, never through a proxy
        i = offset
        while time.monotonic() < stop:
            url = base + LOAD_URLS[i % len(LOAD_URLS)]
            i += 1
            extra = timing = None
            started = time.monotonic()
            try:
                response = session.get(url, timeout=30)
                timing = (started, time.monotonic() - started)
                status = response.status_code
                key = str(status) if status >= 500 else f"{status // 100}xx"
                extra = classify(response) if classify else None
            except requests.RequestException as error:
                key = f"error:{type(error).__name__}"
            with lock:
                counts[key] += 1
                if extra:
                    counts[extra] += 1
                if timing and timings is not None:
                    timings.append(timing)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts
