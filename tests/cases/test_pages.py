import pytest

from cases.models import CaseStudyPage
from supports.models import SupportProgramPage

pytestmark = pytest.mark.django_db


def test_home_page_shows_field_tiles_with_counts_blocks_and_latest(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ja">' in html
    health_count = CaseStudyPage.objects.live().filter(fields__slug="health").distinct().count()
    assert f'医療・介護・健康</span> <span class="tile__count">{health_count}件' in html
    assert "?block=okinawa" in html
    assert "新着の事例" in html


def test_case_page_shows_facts_relations_and_source(client):
    case = CaseStudyPage.objects.filter(model_case__isnull=False, program_links__isnull=False).first()
    response = client.get(case.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert case.title in html
    assert case.model_case.title in html and case.model_case.url in html
    for program in case.programs():
        assert program.url in html
    assert f"出典：{case.source}" in html


def test_model_case_lists_its_adopters(client):
    model = CaseStudyPage.objects.filter(adopters__isnull=False).distinct().first()
    html = client.get(model.url).content.decode()
    assert "この事例を導入した地域（横展開）" in html
    for adopter in model.adopters.all():
        assert adopter.title in html


def test_program_page_explains_its_rules_and_lists_cases(client):
    program = SupportProgramPage.objects.get(slug="iot-jisso-2018")
    html = client.get(program.url).content.decode()
    assert "定額（上限1,500万円）または補助率1/2（上限2,000万円）" in html
    assert "4億円" in html  # 予算額 H30（案）
    wifi = SupportProgramPage.objects.get(slug="public-wifi")
    html = client.get(wifi.url).content.decode()
    assert "2/3" in html


def test_program_page_lists_the_cases_that_used_it(client):
    program = SupportProgramPage.objects.get(slug="smart-city")
    html = client.get(program.url).content.decode()
    used = program.used_by_cases()
    assert used.count() == 6
    for case in used:
        assert case.title in html


def test_unknown_url_is_a_helpful_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "お探しのページは見つかりませんでした" in response.content.decode()


def test_draft_case_is_not_public(client):
    case = CaseStudyPage.objects.first()
    case.unpublish()
    assert client.get(case.url or f"/cases/{case.slug}/").status_code == 404
