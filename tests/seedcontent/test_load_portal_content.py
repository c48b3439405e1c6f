import json
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from cases.models import CaseStudyPage
from provenance.documents import DOCUMENTS
from seedcontent.documents import source_note
from seedcontent.loader import DATA_DIR
from supports.models import SupportProgramPage
from taxonomy.models import Field, Municipality, Prefecture, RegionBlock

pytestmark = pytest.mark.django_db


def data(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def test_vocabularies_are_complete():
    assert Field.objects.count() == 10
    assert RegionBlock.objects.count() == 11
    assert Prefecture.objects.count() == 47
    assert sorted(Prefecture.objects.values_list("code", flat=True)) == [f"{n:02d}" for n in range(1, 48)]
    assert set(Field.objects.values_list("name", flat=True)) >= {"農林水産業", "医療・介護・健康", "防災", "IoT基盤"}


def test_every_data_item_is_loaded():
    assert CaseStudyPage.objects.live().count() == len(data("cases.json"))
    assert SupportProgramPage.objects.live().count() == len(data("programs.json"))
    assert Municipality.objects.count() == len(data("municipalities.json"))


def test_seeded_counts_cover_what_the_documents_describe():
    cases = data("cases.json")
    assert len(cases) >= 12 + 4 + 6 + 9 + 5
    assert sum(1 for c in cases if (c.get("award") or {}).get("edition") == "ict-award-2017") == 12
    slugs = {p["slug"] for p in data("programs.json")}
    assert {"iot-jisso-2017", "iot-jisso-2018", "iot-special-tax", "advisor", "plan-support", "smart-city",
            "iot-service", "furusato-telework", "public-wifi", "data-academy", "opendata-testbed",
            "iot-learning"} <= slugs


def test_adopters_point_to_their_model_case():
    adopters = CaseStudyPage.objects.filter(model_case__isnull=False)
    expected = [c for c in data("cases.json") if c.get("model_case")]
    assert adopters.count() == len(expected) > 0
    for item in expected:
        case = CaseStudyPage.objects.get(slug=item["slug"])
        assert case.model_case.slug == item["model_case"]
        assert case in case.model_case.adopters.all()


def test_case_relations_match_the_data():
    item = next(c for c in data("cases.json") if len(c["municipalities"]) >= 2)
    case = CaseStudyPage.objects.get(slug=item["slug"])
    assert [m.name for m in case.municipalities()] == [m["name"] for m in item["municipalities"]]
    assert {f.slug for f in case.fields.all()} == set(item["fields"])
    assert case.source == source_note(item["source"])
    assert DOCUMENTS[item["source"]["document"]] in case.source


def test_second_run_changes_nothing():
    before = (Revision.objects.count(), CaseStudyPage.objects.count(), Municipality.objects.count())
    out = StringIO()
    call_command("load_portal_content", stdout=out)
    assert "変更はありません" in out.getvalue()
    assert (Revision.objects.count(), CaseStudyPage.objects.count(), Municipality.objects.count()) == before


def test_an_edited_fact_is_restored_and_published():
    case = CaseStudyPage.objects.get(slug=data("cases.json")[0]["slug"])
    case.summary = "書き換えられた概要"
    case.save_revision().publish()
    call_command("load_portal_content", stdout=StringIO())
    case.refresh_from_db()
    assert case.summary == data("cases.json")[0]["summary"]


def test_synonym_groups_are_seeded_and_published():
    from search.models import SynonymGroup

    groups = data("synonyms.json")
    assert len(groups) >= 40
    live = {tuple(group.term_list()) for group in SynonymGroup.objects.filter(live=True)}
    assert live == {tuple(group["terms"]) for group in groups}
