"""Hostile input comes back as text, never as markup or as a query."""

import json

import pytest

from supports.models import SupportProgramPage

pytestmark = pytest.mark.django_db

MARKUP = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
ENGINE_SYNTAX = ["title:* OR *:*", '(IoT AND "', "\\", "/.*/", "a~2 b^10 c?", '{"query":{"match_all":{}}}']
SQL = ["' OR 1=1 --", "'; DROP TABLE wagtailcore_page; --", "%' UNION SELECT password FROM auth_user --"]


def assert_escaped(html):
    assert "<script>alert(1)" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markup_in_the_query_is_escaped(backend, client):
    for url in ("/search/", "/cases/", "/supports/"):
        response = client.get(url, {"q": MARKUP})
        assert response.status_code == 200
        assert_escaped(response.content.decode())


def test_markup_in_unknown_facet_values_is_escaped(client):
    response = client.get("/search/", {"field": MARKUP, "q": "IoT"})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "<img src=x onerror" not in html


def test_markup_in_finder_fields_is_escaped(client):
    response = client.get(
        "/supports/finder/", {"cost": MARKUP[:30], "fiscal_index": MARKUP[:20], "municipality": MARKUP}
    )
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html


def test_json_api_returns_markup_as_data(backend, client):
    response = client.get("/api/search/", {"q": MARKUP})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    json.loads(response.content)


def test_engine_syntax_and_sql_are_plain_text(backend, client):
    """Query syntax is not interpreted: `*:*` or `OR 1=1` must not widen the
    result to everything; the text is searched for literally."""
    everything = client.get("/api/search/").json()["count"]
    for text in ENGINE_SYNTAX + SQL:
        response = client.get("/api/search/", {"q": text})
        assert response.status_code == 200, text
        assert response.json()["count"] < everything, text
        assert client.get("/search/", {"q": text}).status_code == 200, text


def test_sql_fragments_leave_the_data_alone(client):
    before = SupportProgramPage.objects.count()
    for text in SQL:
        assert client.get("/supports/finder/", {"cost": text[:30], "fiscal_index": text[:20]}).status_code in (200, 400)
        assert client.get("/api/supports/finder/", {"cost": text[:30]}).status_code in (200, 400)
    assert SupportProgramPage.objects.count() == before


def test_rich_text_is_sanitised_by_the_editor_rules():
    """Everything editors save passes through Draftail's converter, which
    keeps only whitelisted elements and attributes."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
    from wagtail.rich_text import features

    converter = ContentstateConverter(features.get_default_features())
    hostile = '<p onclick="alert(1)">本文<script>alert(2)</script><a href="javascript:alert(3)">リンク</a></p><iframe src="//evil"></iframe>'
    stored = converter.to_database_format(converter.from_database_format(hostile))
    assert "本文" in stored
    for bad in ("<script", "onclick", "javascript:", "<iframe"):
        assert bad not in stored
