"""The JSON-LD builders, called directly (no HTTP), checked for the
properties Google's structured-data documentation requires for each type."""

import json
import re

import pytest

from cases.models import CaseStudyPage
from cases.structured_data import case_article
from events.models import SeminarStatus
from events.structured_data import event_data
from seo import structured_data
from supports.models import SupportProgramPage
from supports.structured_data import support_program

from .pages import cancelled_seminar

pytestmark = pytest.mark.django_db

ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")

# Google: Article needs none strictly, but recommends these; we require them.
ARTICLE = {"headline", "image", "datePublished", "dateModified", "author"}
BREADCRUMB_ITEM = {"position", "name", "item"}
SEARCH_ACTION = {"target", "query-input"}


def test_article_has_google_properties_and_dates():
    case = CaseStudyPage.objects.live().filter(municipality_links__isnull=False).first()
    data = case_article(case, "https://example.jp/cases/x/", "https://example.jp/og.png")
    assert ARTICLE <= set(data)
    assert len(data["headline"]) <= 110
    assert ISO_DATETIME.match(data["datePublished"]) and ISO_DATETIME.match(data["dateModified"])
    assert data["spatialCoverage"] and all(place["@type"] == "AdministrativeArea" for place in data["spatialCoverage"])


def test_breadcrumb_list_positions_and_items():
    data = structured_data.breadcrumb_list(
        [("事例", "https://example.jp/cases/"), ("ある事例", "https://example.jp/cases/a/")]
    )
    assert data["@type"] == "BreadcrumbList"
    for position, item in enumerate(data["itemListElement"], start=1):
        assert BREADCRUMB_ITEM <= set(item) and item["position"] == position


def test_website_search_action():
    data = structured_data.website("https://example.jp/", "https://example.jp/search/")
    action = data["potentialAction"]
    assert SEARCH_ACTION <= set(action)
    assert "{search_term_string}" in action["target"]["urlTemplate"]
    assert action["query-input"] == "required name=search_term_string"


def test_program_names_its_provider_and_area_and_known_amount_only():
    for program in SupportProgramPage.objects.live():
        data = support_program(program, "https://example.jp/p/")
        assert data["provider"]["name"] == program.ministry
        assert data["areaServed"] == {"@type": "Country", "name": "日本"}
        for amount in data.get("amount", []):
            assert amount["@type"] == "MonetaryAmount" and amount["currency"] == "JPY"
            assert {"value", "maxValue"} & set(amount) and amount["name"]
        budgets = [amount["value"] for amount in data.get("amount", []) if "value" in amount]
        assert budgets == (
            [program.budget_yen] if program.budget_yen is not None and "MonetaryGrant" in data["@type"] else []
        )


def ceilings(slug):
    data = support_program(SupportProgramPage.objects.get(slug=slug), "https://example.jp/p/")
    assert "MonetaryGrant" in data["@type"]
    return {amount["name"]: amount["maxValue"] for amount in data["amount"] if "maxValue" in amount}


def test_grant_amounts_are_the_caps_per_class_of_applicant():
    # 補助率1/2 with no cap sets no ceiling, so the 2017 small bodies have one amount.
    assert ceilings("iot-jisso-2017")["小規模地方公共団体：定額（上限3,000万円）"] == 30_000_000
    assert ceilings("iot-jisso-2018") == {
        "条件不利地域の地方公共団体（都道府県・指定都市を除く）：定額（上限1,500万円）": 15_000_000,
        "条件不利地域の地方公共団体（都道府県・指定都市を除く）：補助率1/2（上限2,000万円）": 20_000_000,
        "その他の地方公共団体（都道府県・指定都市を除く）：補助率1/2（上限2,000万円）": 20_000_000,
        "民間事業者：補助率1/2（上限2,000万円）": 20_000_000,
    }


def test_special_tax_amount_is_the_measure_not_the_cost_cap():
    assert list(ceilings("iot-special-tax").values()) == [10_000_000]


def test_cancelled_seminar_is_event_cancelled():
    seminar = cancelled_seminar()
    if seminar is None:
        pytest.skip("the seeded seminars include no 中止")
    assert seminar.status == SeminarStatus.CANCELLED
    data = event_data(seminar, "https://example.jp/s/")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert {"name", "startDate"} <= set(data)


def test_script_tag_cannot_be_closed_by_content():
    tag = structured_data.script_tag({"name": "</script><script>alert(1)</script>"})
    inner = tag.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "</script>" not in inner and "<" not in inner
    assert json.loads(inner)["name"] == "</script><script>alert(1)</script>"
