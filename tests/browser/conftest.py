"""A real portal server and a real Chromium for the browser tests.

The server runs as its own process on a free loopback port, on a fresh SQLite
file with the seeded content, and searches the running Elasticsearch under
its own index prefix, so it never touches the development or test indexes."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.net import free_port

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / ".artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
INDEX_PREFIX = "portal-e2e"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Keep Chromium off the network: no updates, sync, QUIC or background fetches.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
EDITOR = ("e2e-editor", "e2e-editor-pass")
APPROVER = ("e2e-approver", "e2e-approver-pass")
# An approver not yet enrolled in two-factor sign-in (tests/browser/test_two_factor.py).
NEW_APPROVER = ("e2e-new-approver", "e2e-new-approver-pass")
# The server requires a second factor, as in production: APPROVER's
# authenticator app holds this secret (hex, as django-otp stores it).
APPROVER_TOTP_KEY = "3132333435363738393031323334353637383930"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}

CREATE_USERS = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from editorial.groups import APPROVER, EDITOR
for (name, password), group in [({EDITOR!r}, EDITOR), ({APPROVER!r}, APPROVER), ({NEW_APPROVER!r}, APPROVER)]:
    user = get_user_model().objects.create_user(username=name, password=password)
    user.groups.add(Group.objects.get(name=group))
TOTPDevice.objects.create(user=get_user_model().objects.get(username={APPROVER[0]!r}), key={APPROVER_TOTP_KEY!r}, confirmed=True)
"""


def totp(hex_key):
    """The codes an authenticator app shows for a django-otp secret."""
    import base64

    import pyotp

    return pyotp.TOTP(base64.b32encode(bytes.fromhex(hex_key)).decode())


def engine_url():
    url = os.environ.get("TEST_ELASTICSEARCH_URL") or os.environ.get("ELASTICSEARCH_URL", "")
    if url:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return url
        except OSError:
            pass
    message = "Elasticsearch is not running: start it with scripts/search-engine start (make test does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def wait_until_serving(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the portal server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the portal server did not answer at {url} within {seconds} s")


def delete_indexes(url):
    """Delete this run's indexes by name: Elasticsearch 8 refuses wildcard deletes."""
    with urllib.request.urlopen(
        f"{url}/_cat/indices/{INDEX_PREFIX}-documents-*?h=index&format=json", timeout=10
    ) as response:
        names = [row["index"] for row in json.load(response)]
    for name in names:
        urllib.request.urlopen(urllib.request.Request(f"{url}/{name}", method="DELETE"), timeout=10).close()


# The portal server's environment and its manage.py, for tests that run a
# command on it (the alerts journey runs the sending job).
PORTAL = {"env": None}


def manage_portal(*args):
    env = PORTAL["env"]
    if env is None:
        pytest.skip("the portal was started outside this test run (E2E_PORTAL_URL)")
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        pytest.fail(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


@pytest.fixture(scope="session")
def portal_mail():
    """The SMTP server the portal sends its mail to."""
    from tests.mailserver import MailServer

    with MailServer() as server:
        yield server


@pytest.fixture(scope="session")
def portal(tmp_path_factory, portal_mail):
    """The base URL of a running portal with the seeded content.
    E2E_PORTAL_URL points the tests at one you already run (set up the same way)."""
    if os.environ.get("E2E_PORTAL_URL"):
        yield os.environ["E2E_PORTAL_URL"]
        return
    es_url = engine_url()
    data = tmp_path_factory.mktemp("portal-e2e")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.e2e_settings",
        "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}",
        "MEDIA_ROOT": str(data / "media"),
        "ELASTICSEARCH_URL": es_url,
        "ELASTICSEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "SECOND_FACTOR_REQUIRED": "1",
        "PYTHONPATH": str(ROOT),
        "EMAIL_URL": f"smtp://127.0.0.1:{portal_mail.port}",
        "PORTAL_BASE_URL": base,
    }
    PORTAL["env"] = env
    manage = manage_portal

    delete_indexes(es_url)
    manage("migrate", "--noinput")
    manage("load_portal_content")
    manage("shell", "-c", CREATE_USERS)
    manage("search_reindex")
    log = open(data / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--insecure", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_serving(base + "/", server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        delete_indexes(es_url)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(chromium, portal):
    context = chromium.new_context(base_url=portal, viewport=DESKTOP, locale="ja-JP", accept_downloads=True)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def no_js_page(chromium, portal):
    context = chromium.new_context(base_url=portal, java_script_enabled=False, locale="ja-JP")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot(request):
    """Save the journey's last step where a reviewer can look at it."""

    def take(page):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", full_page=True)

    return take
