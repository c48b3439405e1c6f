import feedparser
import pytest

from cases.models import CaseStudyPage
from supports.models import SupportProgramPage

pytestmark = pytest.mark.django_db


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def live_cases():
    return CaseStudyPage.objects.live().public()


def test_case_feed_lists_cases_newest_first(client):
    feed = parsed(client, "/feeds/cases.atom")
    assert feed.entries
    titles = {case.title for case in live_cases()}
    assert all(entry.title in titles for entry in feed.entries)
    published = [entry.published_parsed for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    assert all(entry.updated_parsed >= entry.published_parsed for entry in feed.entries)


def test_case_feed_per_field_and_per_block(client):
    health = {c.title for c in live_cases().filter(fields__slug="health")}
    feed = parsed(client, "/feeds/cases.atom?field=health")
    assert feed.entries and {entry.title for entry in feed.entries} <= health
    kyushu = {c.title for c in live_cases().filter(municipality_links__municipality__prefecture__block__slug="kyushu")}
    feed = parsed(client, "/feeds/cases.atom?block=kyushu")
    assert {entry.title for entry in feed.entries} <= kyushu


def test_program_feed(client):
    feed = parsed(client, "/feeds/supports.atom")
    titles = {p.title for p in SupportProgramPage.objects.live().public()}
    assert feed.entries and all(entry.title in titles for entry in feed.entries)


def test_each_search_state_offers_its_own_feed(client):
    html = client.get("/cases/?field=health&page=1&sort=title").content.decode()
    head, body = html.split("</head>")
    link = 'href="/search/feed.atom?kind=case&amp;field=health"'
    assert f'<link rel="alternate" type="application/atom+xml" title="この条件の新着（Atom）" {link}>' in head
    # Visible too: a visitor without a feed-detecting browser finds it next to the results.
    assert f'<a {link} type="application/atom+xml">この条件の新着をフィードで受け取る（Atom）</a>' in body
    assert 'href="/search/feed.atom?q=%E8%A6%8B%E5%AE%88%E3%82%8A"' in client.get("/search/?q=見守り").content.decode()
    feed = parsed(client, "/search/feed.atom?kind=case&field=health")
    health = {c.title for c in live_cases().filter(fields__slug="health")}
    assert feed.entries and {entry.title for entry in feed.entries} <= health
    assert parsed(client, "/search/feed.atom?q=IoT").entries


def test_bad_feed_parameters_do_not_fail(client):
    assert parsed(client, "/feeds/cases.atom?field=nothing&page=abc&sort=bogus").entries == []
    assert client.get("/search/feed.atom?year=abc").status_code == 200
