import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import Award
from cases.models import CaseStudyPage
from taxonomy.models import Municipality
from tests.factories import AwardFactory, CaseFactory, result_rows

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def headings(page):
    return re.findall(r'<h2 id="[-a-z0-9]+-heading">(?:<a [^>]*>)?([^<]+)', page)


def test_editions_newest_first_with_the_undated_grand_prizes_kept_apart(client):
    page = html(client.get("/awards/"))
    assert headings(page) == [
        "ICT地域活性化大賞2017",
        "過去の総務大臣賞（2014〜2016年度、受賞年度の内訳は資料に記載なし）",
        "ICT地域活性化大賞2016",
        "地域情報化大賞2015",
        "地域情報化大賞2014",
    ]


def test_results_are_grouped_by_tier_in_announcement_order(client):
    award = Award.objects.with_results().get(slug="ict-award-2017")
    groups = [(label, len(results)) for label, results in award.tier_groups()]
    assert groups == [("大賞・総務大臣賞", 1), ("優秀賞", 4), ("特別賞", 1), ("奨励賞", 6)]
    page = html(client.get("/awards/ict-award-2017/"))
    positions = [page.index(f">{label}</h2>") for label, _ in groups]
    assert positions == sorted(positions)
    assert "応募総数</dt><dd>102件" in page
    assert "2018年3月9日" in page
    assert "行政効率化賞" in page


def test_each_result_links_to_its_case(client):
    page = html(client.get("/awards/"))
    for slug in (
        "asmama-kosodate-share",
        "yokohama-ai-chatbot-eeo",
        "shitateru-clothing-platform",
        "higashishirakawa-forestyle",
    ):
        case = CaseStudyPage.objects.get(slug=slug)
        assert f'href="{case.url}"' in page
    assert "株式会社AsMama（本社：横浜市）【" in page


def test_editions_without_results_point_to_the_compilation(client):
    page = html(client.get("/awards/"))
    assert page.count("この回の受賞結果は、資料に回ごとの記載がありません。") == 3
    assert 'href="/awards/#ict-award-past-grand"' in page


def test_edition_page_and_unknown_edition(client):
    page = html(client.get("/awards/ict-award-past-grand/"))
    assert "<h1" in page and "過去の総務大臣賞（2014〜2016年度、受賞年度の内訳は資料に記載なし）" in page
    missing = client.get("/awards/no-such-award/")
    assert missing.status_code == 404
    assert "お探しの表彰は見つかりませんでした。" in missing.content.decode()


def test_draft_edition_is_not_shown(client):
    draft = AwardFactory(publish=False, name="公開前の合成表彰")
    assert draft.name not in html(client.get("/awards/"))
    assert client.get(f"/awards/{draft.slug}/").status_code == 404


def test_result_of_an_unpublished_case_is_listed_without_a_link(client):
    case = CaseFactory(title="非公開の合成事例", publish=False)
    AwardFactory(results=[{"tier": "grand", "case_title": "非公開事例の受賞", "winners": "合成団体", "case": case}])
    page = html(client.get("/awards/"))
    assert "非公開事例の受賞" in page
    assert f'href="{case.url_path}"' not in page and "/cases/synthetic-case-" not in page


def test_a_draft_editions_tiers_stay_out_of_the_case_search_document():
    """Written against a deliberate bug (tiers of unpublished awards let into
    case documents): a draft 大賞 must not reach search before it is announced."""
    from search.documents import build_document

    case = CaseFactory(title="合成の受賞前事例")
    draft = AwardFactory(
        publish=False, results=[{"tier": "grand", "case_title": "合成", "winners": "合成団体", "case": case}]
    )
    assert build_document(CaseStudyPage.objects.get(pk=case.pk))["award_tier"] == []
    draft.save_revision().publish()
    assert build_document(CaseStudyPage.objects.get(pk=case.pk))["award_tier"] == ["grand"]


def _extra_results(n):
    case = CaseStudyPage.objects.get(slug="fishpass")
    municipality = Municipality.objects.first()
    award = AwardFactory(results=result_rows(n, case=case))
    for result in award.results.all():
        result.municipalities.set([municipality])
        result.save()


@pytest.mark.parametrize("url", ["/awards/", "/awards/ict-award-2017/", "/", "/cases/fishpass/"])
def test_query_count_does_not_grow_with_the_number_of_results(client, django_assert_max_num_queries, url):
    _extra_results(5)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _extra_results(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
