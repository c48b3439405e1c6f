import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from awards.models import Award
from cases.models import CaseStudyPage
from events.models import Seminar
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_follows_the_protocol_and_lists_every_public_item(client):
    entries = sitemap_entries(client)
    assert 0 < len(entries) <= 50_000
    assert len({urlsplit(loc).netloc for loc in entries}) == 1
    for loc, lastmod in entries.items():
        assert urlsplit(loc).scheme in ("http", "https") and urlsplit(loc).netloc, loc
        assert lastmod and W3C_DATETIME.match(lastmod), (loc, lastmod)
    paths = {urlsplit(loc).path for loc in entries}
    live = Page.objects.live().public().filter(depth__gt=1)
    assert {page.url for page in live} <= paths
    assert {seminar.url for seminar in Seminar.objects.public()} <= paths
    assert {award.url for award in Award.objects.public()} <= paths


def test_sitemap_leaves_out_unpublished_pages(client):
    case = CaseStudyPage.objects.live().first()
    url = case.url
    case.unpublish()
    assert not any(urlsplit(loc).path == url for loc in sitemap_entries(client))


def test_sitemap_query_count_does_not_grow_with_the_number_of_pages(client):
    with CaptureQueriesContext(connection) as before:
        client.get("/sitemap.xml")
    CaseFactory.create_batch(5, placed=True)
    with CaptureQueriesContext(connection) as after:
        client.get("/sitemap.xml")
    assert len(after) == len(before)


def test_robots_disallows_admin_and_combined_filters_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /*?*&field=" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_renamed_page_redirects_from_its_old_url(client, django_capture_on_commit_callbacks):
    case = CaseStudyPage.objects.live().first()
    old_url = case.url
    case.slug = f"{case.slug}-renamed"
    # Wagtail creates the redirect once the rename is committed.
    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision().publish()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(f"{case.slug}/")
