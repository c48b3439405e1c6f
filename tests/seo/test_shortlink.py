"""Every page answers at an ASCII address, /p/<id>/, whatever its slug."""

from urllib.parse import quote, urlsplit

import pytest
from wagtail.models import Page, PageViewRestriction

from cases.models import CaseStudyPage
from tests.factories import CaseFactory

from .helpers import parse_head
from .pages import page_type_urls

pytestmark = pytest.mark.django_db


def test_a_japanese_slug_page_is_reached_from_its_ascii_shortlink(client):
    case = CaseFactory(title="見守りサービスの事例", slug="見守りサービス")
    response = client.get(f"/p/{case.pk}/")
    assert response.status_code == 301
    assert response["Location"] == "/cases/" + quote("見守りサービス") + "/" == case.url
    page = client.get(response["Location"])
    assert page.status_code == 200 and "見守りサービスの事例" in page.content.decode()


def test_every_page_shown_by_itself_names_its_shortlink_and_it_leads_back(client):
    shown = {}
    for name, url in page_type_urls().items():
        head = parse_head(client.get(url))
        shown[name] = head.shortlink is not None
        if head.shortlink:
            target = client.get(urlsplit(head.shortlink).path)
            assert (target.status_code, target["Location"]) == (301, urlsplit(url).path), name
    # The home page is its own short address; a seminar, an award edition or
    # the finder, a prefecture or a municipality is shown by a route of another page; search and open data are no pages.
    assert {name for name, has in shown.items() if not has} == {
        "home",
        "seminar",
        "award",
        "finder",
        "seminar_month",
        "search",
        "search_query",
        "opendata",
        "prefecture",
        "municipality",
        "municipality_kind_moves",
    }


def test_the_shortlink_follows_a_move_and_a_rename(client):
    case = CaseFactory(slug="before-rename")
    case.slug = "after-rename"
    case.save_revision().publish()
    assert client.get(f"/p/{case.pk}/")["Location"] == "/cases/after-rename/"


@pytest.mark.parametrize("path", ["/p/0/", "/p/999999999/", "/p/1234567890123456789012345/", "/p/abc/", "/p/-1/"])
def test_no_such_page_is_a_404_with_a_message(client, path):
    response = client.get(path)
    assert response.status_code == 404
    if path in ("/p/0/", "/p/999999999/"):
        assert "この番号の公開ページはありません。" in response.content.decode()


def test_drafts_private_pages_and_the_root_are_not_revealed(client):
    draft = CaseFactory(publish=False)
    assert client.get(f"/p/{draft.pk}/").status_code == 404
    private = CaseStudyPage.objects.live().first()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/p/{private.pk}/").status_code == 404
    assert client.get(f"/p/{Page.get_first_root_node().pk}/").status_code == 404


def test_only_get_and_head(client):
    case = CaseStudyPage.objects.live().first()
    assert client.post(f"/p/{case.pk}/").status_code == 405
    assert client.head(f"/p/{case.pk}/").status_code == 301
