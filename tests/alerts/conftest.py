import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from alerts.models import Subscription
from alerts.tokens import digest
from search.models import SearchDocument

LINK = re.compile(r"https?://\S+")


@pytest.fixture
def quiet(db):
    """Every search document written a day ago: only what a test publishes is new."""
    SearchDocument.objects.update(updated_at=timezone.now() - datetime.timedelta(days=1))


def subscribe(scope, query, email="joho@example.lg.jp", frequency="immediate", confirmed=True, label="テスト条件"):
    now = timezone.now()
    return Subscription.objects.create(
        email=email,
        email_digest=digest(email),
        scope=scope,
        query=query,
        label=label,
        frequency=frequency,
        confirmed_at=now if confirmed else None,
        last_checked_at=now if confirmed else None,
    )


def links(text, part):
    """The paths of the links in `text` that contain `part`."""
    return [urlsplit(url).path for url in LINK.findall(text) if part in url]
