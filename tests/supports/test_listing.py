import pytest

from supports.models import SupportProgramPage

pytestmark = pytest.mark.django_db


def test_lists_every_program(client):
    response = client.get("/supports/")
    result = response.context["result"]
    assert result.count == SupportProgramPage.objects.live().count()
    assert len(result.hits) == min(20, result.count)
    assert {hit.kind for hit in result.hits} == {"program"}


def test_field_filter(client):
    response = client.get("/supports/?field=education")
    expected = SupportProgramPage.objects.live().filter(fields__slug="education").distinct().count()
    assert response.context["result"].count == expected > 0


@pytest.mark.parametrize("query", ["page=abc", "page=0"])
def test_bad_page(client, query):
    assert client.get(f"/supports/?{query}").status_code == 400
