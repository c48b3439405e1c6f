"""The JSON-LD builders, called directly (no HTTP), checked for the
properties Google's structured-data documentation requires for each type."""

import json
import re

import pytest

from cases.models import CaseStudyPage
from events.models import SeminarStatus
from seo import structured_data
from supports.models import SupportProgramPage

from .pages import cancelled_seminar

pytestmark = pytest.mark.django_db

ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")

# Google: Article needs none strictly, but recommends these; we require them.
ARTICLE = {"headline", "image", "datePublished", "dateModified", "author"}
BREADCRUMB_ITEM = {"position", "name", "item"}
SEARCH_ACTION = {"target", "query-input"}


def test_article_has_google_properties_and_dates():
    case = CaseStudyPage.objects.live().filter(municipality_links__isnull=False).first()
    data = structured_data.case_article(case, "https://example.jp/cases/x/", "https://example.jp/og.png")
    assert ARTICLE <= set(data)
    assert len(data["headline"]) <= 110
    assert ISO_DATETIME.match(data["datePublished"]) and ISO_DATETIME.match(data["dateModified"])
    assert data["spatialCoverage"] and all(place["@type"] == "AdministrativeArea" for place in data["spatialCoverage"])


def test_breadcrumb_list_positions_and_items():
    data = structured_data.breadcrumb_list([("事例", "https://example.jp/cases/"), ("ある事例", "https://example.jp/cases/a/")])
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
        data = structured_data.support_program(program, "https://example.jp/p/")
        assert data["provider"]["name"] == program.ministry
        assert data["areaServed"] == {"@type": "Country", "name": "日本"}
        if program.budget_yen is None:
            assert "amount" not in data
        elif "amount" in data:
            assert data["amount"]["value"] == program.budget_yen and data["amount"]["currency"] == "JPY"


def test_cancelled_seminar_is_event_cancelled():
    seminar = cancelled_seminar()
    if seminar is None:
        pytest.skip("the seeded seminars include no 中止")
    assert seminar.status == SeminarStatus.CANCELLED
    data = structured_data.seminar_event(seminar, "https://example.jp/s/")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert {"name", "startDate"} <= set(data)


def test_script_tag_cannot_be_closed_by_content():
    tag = structured_data.script_tag({"name": "</script><script>alert(1)</script>"})
    inner = tag.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "</script>" not in inner and "<" not in inner
    assert json.loads(inner)["name"] == "</script><script>alert(1)</script>"
