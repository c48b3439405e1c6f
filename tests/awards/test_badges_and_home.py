import re

import pytest

from awards.models import Award
from tests.factories import AwardFactory, CaseFactory

pytestmark = pytest.mark.django_db


def badges(client, url):
    page = client.get(url).content.decode()
    block = re.search(r'<ul class="badges">(.*?)</ul>', page, re.S).group(1)
    return re.findall(r'<li class="badge badge--award">([^<]+)</li>', block)


@pytest.mark.parametrize(
    "slug, expected",
    [
        ("asmama-kosodate-share", ["ICT地域活性化大賞2017 大賞・総務大臣賞"]),
        ("higumap-mori", ["ICT地域活性化大賞2017 優秀賞"]),
        ("seiyo-paperless-workstyle", ["ICT地域活性化大賞2017 特別賞（行政効率化賞）"]),
        ("yokohama-ai-chatbot-eeo", ["ICT地域活性化大賞2017 奨励賞"]),
        ("shitateru-clothing-platform", ["総務大臣賞（2014〜2016年度）"]),
    ],
)
def test_case_pages_show_their_award_badges(client, slug, expected):
    assert badges(client, f"/cases/{slug}/") == expected


def test_a_case_with_two_awards_shows_both_newest_first(client):
    AwardFactory(
        name="合成表彰2099",
        fiscal_year=2099,
        results=[{"tier": "excellence", "case_title": "再受賞", "winners": "合成", "case_id": _case_id("fishpass")}],
    )
    assert badges(client, "/cases/fishpass/") == ["合成表彰2099 優秀賞", "ICT地域活性化大賞2017 優秀賞"]


def test_draft_award_gives_no_badge(client):
    AwardFactory(
        publish=False,
        results=[{"tier": "grand", "case_title": "下書き", "winners": "合成", "case_id": _case_id("fishpass")}],
    )
    assert badges(client, "/cases/fishpass/") == ["ICT地域活性化大賞2017 優秀賞"]


def test_case_without_awards_has_no_award_badge(client):
    case = CaseFactory()
    assert badges(client, case.url) == []


def test_home_page_shows_the_latest_editions_winners(client):
    page = client.get("/").content.decode()
    section = re.search(r'<section aria-labelledby="award-winners-heading">(.*?)</section>', page, re.S).group(1)
    assert "ICT地域活性化大賞2017の受賞事例" in section
    latest = Award.objects.filter(live=True, kind="edition", results__isnull=False).distinct().latest("fiscal_year")
    assert section.count('class="award-result"') == latest.results.count() > 0
    assert 'href="/cases/asmama-kosodate-share/"' in section
    assert 'href="/awards/"' in section


def test_home_page_prefers_a_newer_edition_once_it_has_results(client):
    AwardFactory(
        name="合成表彰2099",
        fiscal_year=2099,
        results=[{"tier": "grand", "case_title": "合成の大賞", "winners": "合成", "case_id": _case_id("fishpass")}],
    )
    AwardFactory(name="結果のない合成表彰2100", fiscal_year=2100)
    page = client.get("/").content.decode()
    assert "合成表彰2099の受賞事例" in page and "結果のない合成表彰2100" not in page


def _case_id(slug):
    from cases.models import CaseStudyPage

    return CaseStudyPage.objects.get(slug=slug).pk
