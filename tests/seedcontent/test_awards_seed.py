import datetime
import json

import pytest
from wagtail.models import Revision

from awards.models import Award, AwardArchivePage, AwardResult
from awards.seed import load_awards
from seedcontent.sync import DATA_DIR, Report

pytestmark = pytest.mark.django_db

DATA = json.loads((DATA_DIR / "awards.json").read_text(encoding="utf-8"))


def test_editions_results_and_the_undated_compilation():
    assert Award.objects.filter(live=True, kind="edition").count() == len(DATA["editions"]) == 4
    assert AwardResult.objects.count() == len(DATA["results"]) == 16
    latest = Award.objects.get(slug="ict-award-2017")
    assert (latest.entries, latest.ceremony_date, latest.results.count()) == (102, datetime.date(2018, 3, 9), 12)
    compilation = Award.objects.get(kind="compilation")
    assert (compilation.fiscal_year, compilation.period_start, compilation.period_end) == (None, 2014, 2016)
    assert compilation.results.count() == 4
    # 001 lists them only as 【過去の総務大臣賞】: not as 大賞.
    assert set(compilation.results.values_list("tier", flat=True)) == {"minister"}
    assert {r.tier_label for r in compilation.results.all()} == {"総務大臣賞"}
    # No result is assigned to an edition the documents do not name.
    for slug in ("ict-award-2014", "ict-award-2015", "ict-award-2016"):
        assert Award.objects.get(slug=slug).results.count() == 0
    assert AwardArchivePage.objects.live().get().slug == "awards"


def test_every_result_is_linked_to_its_seeded_case():
    for item in DATA["results"]:
        result = AwardResult.objects.get(case_title=item["case_title"])
        assert result.case.slug == item["case"]
        assert {(m.prefecture.code, m.name) for m in result.municipalities.all()} == {
            (m["prefecture"], m["name"]) for m in item["municipalities"]
        }


def test_unknown_counts_stay_empty():
    for slug in ("ict-award-2014", "ict-award-2015", "ict-award-2016"):
        award = Award.objects.get(slug=slug)
        assert award.entries is None and award.ceremony_date is None


def test_reloading_changes_nothing():
    revisions = Revision.objects.count()
    report = Report()
    load_awards(report)
    assert report.created == {} and report.updated == {}
    assert Revision.objects.count() == revisions


def test_reloading_restores_an_edited_result():
    award = Award.objects.get(slug="ict-award-2017")
    result = award.results.get(case__slug="fishpass")
    result.winners = "書き換えた団体"
    result.save()
    report = Report()
    load_awards(report)
    assert (
        AwardResult.objects.get(award=award, case__slug="fishpass").winners
        == "株式会社フィッシュパス（本社：福井県福井市）"
    )
    assert report.updated == {"受賞結果": 1}
