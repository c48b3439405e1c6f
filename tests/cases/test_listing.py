import pytest

from cases.models import CaseStudyPage
from taxonomy.models import Prefecture
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def count_in(response):
    return response.context["result"].count


def live_cases():
    return CaseStudyPage.objects.live().public()


def test_lists_every_live_case(client):
    response = client.get("/cases/")
    assert response.status_code == 200
    assert count_in(response) == live_cases().count()
    assert f">{live_cases().count()}件</h2>" in response.content.decode()


def test_filters_are_disjunctive_within_and_conjunctive_across(client):
    health = live_cases().filter(fields__slug="health").distinct()
    disaster = live_cases().filter(fields__slug="disaster").distinct()
    either = client.get("/cases/?field=health&field=disaster")
    assert count_in(either) == (health | disaster).distinct().count()
    kyushu = live_cases().filter(municipality_links__municipality__prefecture__block__slug="kyushu").distinct()
    both = client.get("/cases/?field=health&block=kyushu")
    assert count_in(both) == (health & kyushu).distinct().count()


def test_prefecture_filter(client):
    prefecture = Prefecture.objects.filter(municipalities__case_links__isnull=False).first()
    response = client.get(f"/cases/?prefecture={prefecture.slug}")
    expected = live_cases().filter(municipality_links__municipality__prefecture=prefecture).distinct().count()
    assert count_in(response) == expected > 0
    assert prefecture.name in response.content.decode()


def test_chip_removes_one_value_and_keeps_the_rest(client):
    response = client.get("/cases/?field=health&field=disaster&block=kyushu")
    chips = {
        v.label: v.toggle_query for f in response.context["result"].selected_facets for v in f.values if v.selected
    }
    assert chips["医療・介護・健康"] == "field=disaster&block=kyushu"


@pytest.mark.parametrize("query", ["field=no-such-field", "block=%00"])
def test_unknown_values_are_not_fatal(client, query):
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert count_in(response) == 0


def test_overlong_value_is_ignored_and_reported(client):
    response = client.get("/cases/?prefecture=" + "x" * 5000)
    assert count_in(response) == live_cases().count()
    assert "次の指定は使えないため無視しました" in response.content.decode()


def test_deep_page_is_refused_with_advice(client):
    response = client.get("/cases/?page=99999")
    assert response.status_code == 400
    assert "500ページ目まで" in response.content.decode()


def test_empty_value_is_ignored(client):
    assert count_in(client.get("/cases/?field=")) == live_cases().count()


def test_unknown_value_matches_nothing_and_offers_a_way_back(client):
    response = client.get("/cases/?field=no-such-field&block=kyushu")
    assert response.status_code == 200
    html = response.content.decode()
    assert "分野：no-such-field" in html  # shown as a removable chip
    assert "分野（no-such-field）を外すと" in html


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "１", "9" * 30])
def test_malformed_page_is_a_400_with_a_message(client, page):
    response = client.get("/cases/", {"page": page})
    assert response.status_code == 400
    assert "ページ番号は1以上の整数で指定してください" in response.content.decode()


def test_page_past_the_end_is_a_404_naming_the_last_page(client):
    response = client.get("/cases/?page=400")
    assert response.status_code == 404
    assert "全" in response.content.decode() and "ページ" in response.content.decode()


def test_second_page(client):
    CaseFactory.create_batch(30, placed=True)
    first = client.get("/cases/")
    second = client.get("/cases/?page=2")
    assert second.status_code == 200
    titles = lambda r: {hit.title for hit in r.context["result"].hits}  # noqa: E731
    assert titles(first).isdisjoint(titles(second))
    assert 'rel="next"' in first.content.decode()


def test_unpublished_case_is_not_listed(client):
    draft = CaseFactory(title="公開前の合成事例", publish=False)
    assert draft.title not in client.get("/cases/").content.decode()
