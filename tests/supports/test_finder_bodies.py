"""The finder knows every body: typed by name, kana or code, judged with the
kind in force on 1 April of each program's fiscal year."""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from supports.finder import run_finder
from supports.models import SupportProgramPage
from taxonomy.models import Municipality, MunicipalityKindChange

pytestmark = pytest.mark.django_db

FINDER = "/supports/finder/"
CSV_URL = "/supports/finder/csv/"
API = "/api/supports/finder/"
LOOKUP = "/api/municipalities/lookup/"
REFERENCE = "団体区分は2018年4月1日時点（総務省の中核市・施行時特例市の一覧による）"


def find(**params):
    data = QueryDict(mutable=True)
    for name, value in params.items():
        data[name] = str(value)
    return run_finder(data)


def statuses(outcome, fiscal_year=None):
    return {
        r.program.slug: r.status for r in outcome.results if fiscal_year is None or r.program.fiscal_year == fiscal_year
    }


def body(prefecture_code, name):
    return Municipality.objects.get(prefecture__code=prefecture_code, name=name)


@pytest.mark.parametrize("text", ["いすみ", "イスミ", "ｲｽﾐ", "いすみ市", "122386", "12238", "１２２３８"])
def test_any_spelling_chooses_the_body(text):
    outcome = find(municipality=text)
    assert outcome.errors == {}
    assert outcome.query.municipality == body("12", "いすみ市")
    assert outcome.query.applicant.kind == "city"
    assert outcome.query.kind_from_municipality


@pytest.mark.parametrize(
    "prefecture_code, name, kind",
    [
        ("01", "音威子府村", "village"),  # a 村 in 北海道 no document names
        ("01", "旭川市", "core_city"),
        ("13", "千代田区", "special_ward"),
    ],
)
def test_a_body_not_in_the_documents_gets_its_kind_and_the_programs_of_that_kind(prefecture_code, name, kind):
    municipality = body(prefecture_code, name)
    assert not municipality.kind_changes.exists()
    outcome = find(municipality=municipality.lg_code)
    assert outcome.query.applicant.kind == kind
    assert statuses(outcome) == statuses(find(applicant_kind=kind))


def test_fukushima_is_judged_as_a_city_in_fy2017_and_a_core_city_in_fy2018():
    outcome = find(municipality="福島市")
    assert outcome.query.applicant.kind == "core_city"
    by_year = {}
    for result in outcome.results:
        by_year.setdefault(result.program.fiscal_year, set()).add(result.applicant_kind)
    assert by_year[2017] == {"city"} and by_year[2018] == {"core_city"}
    assert statuses(outcome, 2017) == statuses(find(applicant_kind="city"), 2017)
    assert statuses(outcome, 2018) == statuses(find(applicant_kind="core_city"), 2018)
    fy2017 = next(r for r in outcome.results if r.program.fiscal_year == 2017)
    assert fy2017.reasons[0] == "2017年度は、2017年4月1日時点の区分「市」で判定しました（2018年4月1日時点は中核市）"
    assert all("区分" not in r.reasons[0] for r in outcome.results if r.program.fiscal_year == 2018)
    # The 2017 and 2018 IoT programs do differ for a 市 and a 中核市, so the year matters.
    assert statuses(find(applicant_kind="city"), 2017) != statuses(find(applicant_kind="core_city"), 2017)


def test_a_kind_the_body_held_in_another_year_may_be_chosen_but_not_any_kind():
    fukushima = body("07", "福島市")
    chosen = find(municipality=fukushima.lg_code, applicant_kind="city")
    assert chosen.errors == {} and not chosen.query.kind_from_municipality
    assert {r.applicant_kind for r in chosen.results} == {"city"}
    assert "applicant_kind" in find(municipality=fukushima.lg_code, applicant_kind="town").errors


def test_fuchu_is_offered_as_choices():
    outcome = find(municipality="府中")
    assert "municipality" in outcome.errors
    offered = [str(m) for m in outcome.form.municipality_lookup.matches]
    assert "東京都府中市" in offered and "広島県府中市" in offered


@pytest.mark.parametrize(
    "text, message",
    [
        ("016951", "北方領土"),
        ("122387", "検査数字"),
        ("01101", "札幌市の区のコード"),
        ("ほげほげ", "見つかりませんでした"),
    ],
)
def test_codes_and_names_that_are_no_body_explain_why(text, message):
    outcome = find(municipality=text)
    assert outcome.query is None
    assert message in outcome.errors["municipality"][0]


def test_no_js_round_trip_offers_links_that_keep_the_input(client):
    response = client.get(FINDER, {"municipality": "府中", "cost": "3000万円"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "候補から選んでください" in html
    links = {
        label: href.replace("&amp;", "&") for href, label in re.findall(r'<li><a href="(\?[^"]+)">([^<]+)</a>（', html)
    }
    tokyo = body("13", "府中市")
    assert f"municipality={tokyo.lg_code}" in links["東京都府中市"] and "cost=" in links["東京都府中市"]
    assert "広島県府中市" in links
    chosen = client.get(FINDER + links["東京都府中市"])
    assert chosen.status_code == 200
    page = chosen.content.decode()
    assert re.search(rf"<dd>東京都府中市</dd>\s*<dt>地方公共団体コード</dt>\s*<dd>{tokyo.lg_code}</dd>", page)
    assert REFERENCE in page and "関東" in page
    assert "<option" in page and page.count("<option") < 30  # no 1,788-option select


def test_the_regions_link_with_a_code_fills_the_page(client):
    isumi = body("12", "いすみ市")
    for code in (isumi.lg_code, isumi.code5):
        response = client.get(FINDER, {"municipality": code})
        assert response.status_code == 200
        assert "千葉県いすみ市" in response.content.decode()


def test_api_and_csv_take_a_code(client):
    fukushima = body("07", "福島市")
    data = client.get(API, {"municipality": fukushima.lg_code}).json()
    assert data["profile"]["municipality"]["code"] == fukushima.lg_code
    assert data["profile"]["municipality"]["kind_reference_date"] == "2018-04-01"
    assert data["profile"]["kind_from_municipality"] is True
    assert {r["applicant_kind"] for r in data["results"] if r["fiscal_year"] == 2017} == {"city"}
    response = client.get(CSV_URL, {"municipality": fukushima.code5})
    assert response["Content-Type"].startswith("text/csv")
    assert "2017年4月1日時点の区分「市」" in response.content.decode("utf-8-sig")
    bad = client.get(API, {"municipality": "122387"})
    assert bad.status_code == 400 and "検査数字" in bad.json()["errors"]["municipality"][0]


def test_lookup_endpoint(client):
    data = client.get(LOOKUP, {"q": "ｲｽﾐ"}).json()
    assert [r["label"] for r in data["results"]] == ["千葉県いすみ市"]
    assert data["results"][0]["kind_label"] == "市" and data["exact"] == 1
    fuchu = client.get(LOOKUP, {"q": "府中"}).json()
    assert {"東京都府中市", "広島県府中市"} <= {r["label"] for r in fuchu["results"]}
    nothing = client.get(LOOKUP, {"q": "ほげほげ"})
    assert nothing.status_code == 200 and nothing.json()["results"] == [] and nothing.json()["message"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "入力してください"),
        ({"q": ""}, "入力してください"),
        ({"q": "x" * 5000}, "50文字以内"),
        ({"q": "122387"}, "検査数字"),
        ({"q": "123"}, "5桁または6桁"),
        ({"q": "\x00"}, "入力してください"),
    ],
)
def test_lookup_endpoint_bad_input_is_a_400_json(client, params, message):
    response = client.get(LOOKUP, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["message"]


def test_lookup_endpoint_refuses_posts(client):
    assert client.post(LOOKUP, {"q": "いすみ"}).status_code == 405


def _extra_bodies(count):
    tokyo = Municipality.objects.get(lg_code="130001").prefecture
    start = Municipality.objects.count()
    for n in range(count):
        Municipality.objects.create(
            name=f"合成{start + n}町", kana=f"ごうせい{start + n}ちょう", prefecture=tokyo, kind="town"
        )


@pytest.mark.parametrize(
    "url, params",
    [
        (FINDER, {"municipality": "府中"}),
        (FINDER, {"municipality": "福島市", "cost": "3000万円"}),
        (API, {"municipality": "072010"}),
        (LOOKUP, {"q": "府中"}),
    ],
)
def test_query_count_does_not_grow_with_the_number_of_bodies(client, django_assert_max_num_queries, url, params):
    client.get(url, params)  # warm per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(url, params)
    _extra_bodies(60)
    MunicipalityKindChange.objects.create(
        municipality=Municipality.objects.get(name="合成" + str(Municipality.objects.count() - 1) + "町"),
        date="2019-04-01",
        before="town",
        after="city",
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, params)
    assert response.status_code in (200, 400)
    assert SupportProgramPage.objects.live().exists()
