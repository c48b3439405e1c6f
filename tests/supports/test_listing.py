import pytest

from supports.models import SupportProgramPage

pytestmark = pytest.mark.django_db


def test_lists_programs_newest_fiscal_year_first(client):
    response = client.get("/supports/")
    programs = list(response.context["page_obj"].object_list)
    assert response.context["result_count"] == SupportProgramPage.objects.live().count()
    assert len(programs) == min(20, response.context["result_count"])
    years = [p.fiscal_year for p in programs]
    assert years == sorted(years, reverse=True)


def test_field_filter(client):
    response = client.get("/supports/?field=education")
    expected = SupportProgramPage.objects.live().filter(fields__slug="education").distinct().count()
    assert response.context["result_count"] == expected > 0


@pytest.mark.parametrize("query", ["page=abc", "page=0"])
def test_bad_page(client, query):
    assert client.get(f"/supports/?{query}").status_code == 400
