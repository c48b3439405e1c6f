"""What the content apps register with the search layer."""

import pytest

from awards.models import TIER_ORDER
from search import registry
from supports.models import SupportKind


def test_every_content_type_is_registered_in_app_order():
    assert list(registry.kind_labels()) == ["case", "program", "seminar", "award", "region", "guide"]
    models = {t.model for t in registry.search_types()}
    assert {"cases.CaseStudyPage", "supports.SupportProgramPage", "events.Seminar", "awards.Award"} <= models


def test_shared_facets_come_first_then_each_apps_own():
    names = registry.facet_names()
    assert names[:6] == ["kind", "field", "block", "prefecture", "tag", "year"]
    assert set(names[6:]) == {
        "selected_100",
        "support_kind",
        "ministry",
        "open",
        "seminar_kind",
        "award_tier",
        "network",
    }


@pytest.mark.django_db
def test_labels_come_from_the_apps_that_own_the_values():
    labels = registry.value_labels()
    assert list(labels["award_tier"].items()) == [(tier.value, tier.label) for tier in TIER_ORDER]
    assert labels["support_kind"] == dict(SupportKind.choices)
    assert labels["kind"] == registry.kind_labels()
    assert labels["open"] == {"1": "募集中"}
    assert list(labels["prefecture"])[:2] == ["hokkaido", "aomori"]


def test_a_types_own_text_keys_are_searched_and_no_others():
    from types import SimpleNamespace

    from search.documents import build_document

    item = SimpleNamespace(pk=7, _meta=SimpleNamespace(label_lower="demo.item"))

    def document(item):
        return {"kind": "demo", "title": "題", "summary": "", "body": "本文", "venue": "会場", "note": "覚え書き"}

    doc = build_document(item, registry.SearchType("demo", "例", "demo.Item", document, text_keys=("venue",)))
    assert (doc["key"], doc["search_text"]) == ("demo.item:7", "題 本文 会場")
