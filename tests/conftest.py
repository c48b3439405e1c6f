import io
import os

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from editorial.groups import APPROVER, EDITOR
from search import elastic, indexing
from tests.engine import engine_url
from tests.factories import UserFactory

# Playwright's sync API (tests/browser) keeps an asyncio loop running in the
# main thread for the rest of the session; Django would then refuse every
# database call from that thread as if it came from async code. No test runs
# Django inside that loop, so the guard is switched off for the test run only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real seeded content, loaded once per test run; each test runs in a
    transaction on top of it and is rolled back."""
    from seedcontent.loaders import load_all

    with django_db_blocker.unblock():
        load_all()


@pytest.fixture
def use_elasticsearch(settings, db):
    """The real engine, holding exactly the documents of this test's
    database state (tests run in transactions the engine cannot see)."""
    settings.ELASTICSEARCH_URL = engine_url(settings)
    indexing.reindex()
    yield
    elastic.reset()


@pytest.fixture
def use_database(settings, db):
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request):
    """Runs the test once on each search backend."""
    request.getfixturevalue(f"use_{request.param}")
    return request.param


@pytest.fixture
def unreachable_engine(settings, db):
    """An engine URL where nothing listens: the real failure mode of a
    stopped server, without stopping the shared one."""
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    yield
    elastic.reset()


@pytest.fixture
def frozen_today(monkeypatch):
    """A setter fixing clock.today() (every app's 'today') for the test."""

    def freeze(day):
        monkeypatch.setattr("clock.today", lambda now=None: day)

    return freeze


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", group=EDITOR)


@pytest.fixture
def approver(db):
    return UserFactory(username="approver", group=APPROVER)


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def photo(db):
    """A 1600×900 image in the Wagtail library; its files are removed afterwards."""
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 900), (40, 120, 90)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="棚田のセンサー（合成画像）", file=ImageFile(buffer, name="tanada.png")
    )
    yield image
    for rendition in image.renditions.all():
        rendition.file.delete(save=False)
    image.file.delete(save=False)


@pytest.fixture
def smtp_server(settings):
    """Mail goes over SMTP to a real server running in this process."""
    from tests.mailserver import MailServer

    with MailServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield server
