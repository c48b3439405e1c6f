"""The seeded financing measures: every one the documents give, each rate,
cap and name backed by a verbatim quote, and the program links as 002/001 state them."""

import json

import pytest
from wagtail.models import Revision

from provenance.documents import document_path
from seedcontent.sync import DATA_DIR, Report
from supports.models import FinancingMeasure
from supports.seed import load_financing

pytestmark = pytest.mark.django_db

FACT_FIELDS = {
    "name",
    "coverage_percent",
    "allocation_percent",
    "special_tax_rate",
    "cost_cap_yen",
    "unsourced_adjustment",
    "users_label",
    "links",
}


def items():
    return json.loads((DATA_DIR / "financing.json").read_text(encoding="utf-8"))


def test_every_measure_of_the_documents_is_seeded_with_its_rates():
    rates = {
        m.name: (m.kind, m.coverage_percent, m.allocation_percent, m.special_tax_rate, m.cost_cap_yen)
        for m in FinancingMeasure.objects.filter(live=True)
    }
    assert rates == {
        "過疎対策事業債": ("bond", 100, 70, "", None),
        "辺地対策事業債": ("bond", 100, 80, "", None),
        "一般補助施設整備等事業債": ("bond", 75, 0, "", None),
        "公共事業等債": ("bond", 90, 20, "", None),
        "緊急防災・減災事業債": ("bond", 100, 70, "", None),
        "地域活性化事業債": ("bond", 90, 30, "", None),
        "地域におけるIoT実装推進のための特別交付税措置": ("special_tax", None, None, "1/2", 20_000_000),
    }


def test_programs_are_linked_as_the_documents_describe():
    links = {
        (link.program.slug, link.measure.slug, link.route)
        for m in FinancingMeasure.objects.filter(live=True)
        for link in m.links.select_related("program")
    }
    assert links == {
        ("public-wifi", "kaso-bond", "local_share"),
        ("public-wifi", "henchi-bond", "local_share"),
        ("public-wifi", "general-subsidy-facility-bond", "local_share"),
        ("public-wifi", "public-works-bond", "local_share"),
        ("public-wifi", "emergency-disaster-bond", "standalone"),
        ("public-wifi", "regional-revitalisation-bond", "standalone"),
        ("wifi-emergency-disaster-bond", "emergency-disaster-bond", "standalone"),
        ("iot-special-tax", "iot-special-tax-measure", "standalone"),
        ("iot-jisso-2018", "iot-special-tax-measure", "standalone"),
    }


@pytest.mark.parametrize("item", items(), ids=lambda item: item["slug"])
def test_every_fact_is_quoted_verbatim(item):
    texts = {}
    for quote in item["quotes"]:
        doc = texts.setdefault(quote["doc"], document_path(quote["doc"]).read_text(encoding="utf-8"))
        assert quote["text"] in doc
    stated = {name for name in FACT_FIELDS if item.get(name) not in (None, "", [])}
    quoted = {name for quote in item["quotes"] for name in quote["fields"]}
    assert stated <= quoted, f"unquoted facts: {stated - quoted}"


def test_every_stored_measure_makes_a_valid_domain_value():
    for measure in FinancingMeasure.objects.all():
        measure.full_clean()
        assert measure.measure().name == measure.name


def test_a_second_load_changes_nothing():
    before = Revision.objects.count()
    report = Report()
    load_financing(report)
    assert report.created == {} and report.updated == {}
    assert Revision.objects.count() == before
