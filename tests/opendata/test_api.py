import pytest

from awards.models import AwardResult
from cases.models import CaseStudyPage
from events.models import Seminar
from supports.models import SupportProgramPage

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_cases_endpoint_lists_live_cases_with_labels(client):
    data = get(client, "/api/v2/cases/?limit=5")
    assert data["meta"]["total_count"] == CaseStudyPage.objects.live().public().count()
    assert len(data["items"]) == 5
    case = CaseStudyPage.objects.live().filter(fields__isnull=False, municipality_links__isnull=False).first()
    detail = get(client, f"/api/v2/cases/{case.pk}/")
    assert detail["title"] == case.title
    assert detail["fields"] == [f.name for f in case.fields.all()]
    assert detail["municipalities"] == [m.name for m in case.municipalities()]
    assert detail["prefectures"] == [p.name for p in case.prefectures()]


def test_programs_endpoint_carries_structured_rules(client):
    program = SupportProgramPage.objects.live().exclude(rules=[]).first() or SupportProgramPage.objects.live().first()
    detail = get(client, f"/api/v2/programs/{program.pk}/")
    assert detail["rules"] == program.rule_dicts()
    assert detail["support_kind"] == program.get_support_kind_display()
    assert get(client, "/api/v2/programs/")["meta"]["total_count"] == SupportProgramPage.objects.live().public().count()


def test_seminar_and_award_result_endpoints(client):
    seminars = get(client, "/api/v2/seminars/?limit=20")
    assert seminars["meta"]["total_count"] == Seminar.objects.public().count()
    seminar = Seminar.objects.public().first()
    detail = get(client, f"/api/v2/seminars/{seminar.pk}/")
    assert detail["title"] == seminar.title and detail["status"] == seminar.progress_label()
    results = get(client, "/api/v2/award-results/")
    assert results["meta"]["total_count"] == AwardResult.objects.filter(award__live=True).count()


def test_api_is_read_only_and_rejects_bad_paging(client):
    assert client.post("/api/v2/cases/", {}).status_code == 405
    assert client.get("/api/v2/cases/?limit=abc").status_code == 400
    assert client.get("/api/v2/cases/?limit=1000").status_code == 400


def test_unpublished_items_are_not_exposed(client):
    case = CaseStudyPage.objects.live().first()
    case.unpublish()
    assert client.get(f"/api/v2/cases/{case.pk}/").status_code == 404
    draft = Seminar.objects.public().first()
    Seminar.objects.filter(pk=draft.pk).update(live=False)
    assert client.get(f"/api/v2/seminars/{draft.pk}/").status_code == 404
