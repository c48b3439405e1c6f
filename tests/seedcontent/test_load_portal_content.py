import json
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from cases.models import CaseStudyPage
from provenance.documents import DOCUMENTS, source_note
from seedcontent.sync import DATA_DIR
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
    # The directory of every body, plus the one body only a document names (高浜市, unclear).
    assert Municipality.objects.count() == 1788 + 1
    for item in data("municipalities.json"):
        assert Municipality.objects.filter(prefecture__code=item["prefecture"], name=item["name"]).exists()


def test_seeded_counts_cover_what_the_documents_describe():
    cases = data("cases.json")
    assert len(cases) >= 12 + 4 + 6 + 9 + 5
    assert sum(1 for c in cases if (c.get("award") or {}).get("edition") == "ict-award-2017") == 12
    slugs = {p["slug"] for p in data("programs.json")}
    assert {
        "iot-jisso-2017",
        "iot-jisso-2018",
        "iot-special-tax",
        "advisor",
        "plan-support",
        "smart-city",
        "iot-service",
        "furusato-telework",
        "public-wifi",
        "data-academy",
        "opendata-testbed",
        "iot-learning",
    } <= slugs


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


def test_an_existing_database_is_upgraded_in_place():
    """The content as it was before the facts were checked (100選 flags, a
    year on the ICTスマートシティ projects, 佐賀市 as a 市, the earlier
    winners as 大賞, no quotes) is brought up to date by one more run,
    without a duplicate row."""
    from awards.models import AwardResult, AwardTier
    from events.models import Seminar

    smart_city = CaseStudyPage.objects.get(slug="sapporo-smart-city")
    for slug in ("asmama-kosodate-share", "sapporo-smart-city"):
        case = CaseStudyPage.objects.get(slug=slug)
        case.selected_100 = True
        case.year_started = 2017 if slug == "sapporo-smart-city" else case.year_started
        case.quotes = []
        case.save_revision().publish()
    Municipality.objects.filter(name="佐賀市").update(kind="city", quotes=[])
    RegionBlock.objects.filter(slug="okinawa").update(council="沖縄IoT実装推進研究会", study_group="", quotes=[])
    AwardResult.objects.filter(tier=AwardTier.MINISTER).update(tier=AwardTier.GRAND)
    Seminar.objects.filter(slug="2017-03-22-fukuoka-briefing").delete()
    counts = (
        CaseStudyPage.objects.count(),
        Municipality.objects.count(),
        AwardResult.objects.count(),
        Seminar.objects.count() + 1,
    )

    call_command("load_portal_content", stdout=StringIO())

    assert not CaseStudyPage.objects.filter(selected_100=True).exists()
    smart_city.refresh_from_db()
    assert smart_city.year_started is None
    assert smart_city.quotes == next(c for c in data("cases.json") if c["slug"] == smart_city.slug)["quotes"] != []
    saga = Municipality.objects.get(name="佐賀市")
    assert (saga.kind, saga.quotes != []) == ("special_city", True)
    okinawa = RegionBlock.objects.get(slug="okinawa")
    assert (okinawa.council, okinawa.study_group) == ("沖縄情報通信協議会／沖縄情報通信懇談会", "沖縄IoT実装推進研究会")
    assert AwardResult.objects.filter(tier=AwardTier.MINISTER).count() == 4
    assert not AwardResult.objects.filter(tier=AwardTier.GRAND, award__slug="ict-award-past-grand").exists()
    assert Seminar.objects.filter(slug="2017-03-22-fukuoka-briefing").count() == 1
    assert (
        CaseStudyPage.objects.count(),
        Municipality.objects.count(),
        AwardResult.objects.count(),
        Seminar.objects.count(),
    ) == counts


def test_every_item_keeps_its_quotes():
    case = data("cases.json")[0]
    assert CaseStudyPage.objects.get(slug=case["slug"]).quotes == case["quotes"]
    for item in data("municipalities.json"):
        assert Municipality.objects.get(prefecture__code=item["prefecture"], name=item["name"]).quotes == item["quotes"]
    for item in data("taxonomy.json")["blocks"]:
        assert RegionBlock.objects.get(slug=item["slug"]).quotes == item["quotes"]


def test_the_documents_facts_are_seeded_as_they_say():
    cases = data("cases.json")
    assert len(cases) == 64
    assert not [c["slug"] for c in cases if c.get("selected_100")]
    assert not [c["slug"] for c in cases if "smart-city" in c["slug"] and c.get("year_started")]
    hitoyoshi = next(c for c in cases if c["slug"] == "iot-jisso-model-hitoyoshi-disaster")
    assert hitoyoshi["municipalities"] == [{"name": "人吉市", "prefecture": "43"}]
    saga = Municipality.objects.get(prefecture__code="41", name="佐賀市")
    assert saga.kind == "special_city"
    assert Municipality.objects.get(prefecture__code="43", name="錦町").kana == "にしきまち"
    seminars = {s["slug"]: s for s in data("seminars.json")}
    assert len(seminars) == 169
    # 001 and 000 give different dates for these two: 001's is stored, both are quoted.
    for slug, date, other in (
        ("2017-03-22-fukuoka-briefing", "2017-03-22", "3月16日"),
        ("2017-03-24-kumamoto-briefing", "2017-03-24", "3月22日"),
    ):
        assert seminars[slug]["start_date"] == date
        assert {q["doc"] for q in seminars[slug]["quotes"]} == {"000", "001"}
        assert other in seminars[slug]["description"]
    assert seminars["2017-07-24-telework-day"]["start_date"] == "2017-07-24"
    assert len(data("programs.json")) == 27


def test_synonym_groups_are_seeded_and_published():
    from search.models import SynonymGroup

    groups = data("synonyms.json")
    assert len(groups) >= 40
    live = {tuple(group.term_list()) for group in SynonymGroup.objects.filter(live=True)}
    assert live == {tuple(group["terms"]) for group in groups}
