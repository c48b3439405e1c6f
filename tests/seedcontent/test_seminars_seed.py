import datetime
import json
from collections import Counter

import pytest
from wagtail.models import Revision

from events.models import Seminar, SeminarCalendarPage
from events.seed import load_seminars, seeded_uid
from seedcontent.sync import DATA_DIR, Report

pytestmark = pytest.mark.django_db

DATA = json.loads((DATA_DIR / "seminars.json").read_text(encoding="utf-8"))


def test_every_seminar_is_seeded_and_published():
    assert Seminar.objects.filter(live=True).count() == len(DATA)
    assert Counter(Seminar.objects.values_list("kind", flat=True)) == Counter(item["kind"] for item in DATA)
    assert SeminarCalendarPage.objects.live().get().slug == "seminars"


def test_the_eleven_fy2017_seminars_with_their_times():
    seminars = Seminar.objects.filter(slug__startswith="ict-iot-jisso-seminar-fy2017-").order_by("start_date")
    assert seminars.count() == 11
    assert all(s.start_time and s.end_time for s in seminars)
    assert {s.fiscal_year for s in seminars} == {2017}
    cancelled = seminars.get(status="cancelled")
    assert (cancelled.slug, cancelled.status_reason, cancelled.city) == (
        "ict-iot-jisso-seminar-fy2017-hokuriku",
        "大雪のため中止",
        "富山市",
    )
    assert Seminar.objects.filter(status="cancelled").count() == 1


def test_no_time_is_invented():
    given = {item["slug"] for item in DATA if item["start_time"]}
    assert set(Seminar.objects.filter(start_time__isnull=False).values_list("slug", flat=True)) == given
    fair = Seminar.objects.get(slug="2017-06-20-ict-fair-in-tohoku")
    assert fair.is_all_day and fair.end_date == datetime.date(2017, 6, 21)


def test_block_comes_from_the_prefecture_or_the_organising_bureau():
    assert Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-kinki").block.slug == "kinki"
    shinetsu = Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-shinetsu")
    assert shinetsu.prefecture is None and shinetsu.block.slug == "shinetsu"
    assert Seminar.objects.get(slug="2017-01-19-l-alert-sagyobukai").block is None


def test_uids_are_derived_from_slugs():
    seminar = Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-hokuriku")
    assert seminar.uid == seeded_uid(seminar.slug)


def test_reloading_changes_nothing():
    revisions = Revision.objects.count()
    report = Report()
    load_seminars(report)
    assert report.created == {} and report.updated == {}
    assert Revision.objects.count() == revisions


def test_reloading_restores_an_edited_seminar_as_a_new_revision():
    seminar = Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-tokai")
    seminar.title = "変更された題名"
    seminar.save_revision().publish()
    report = Report()
    load_seminars(report)
    seminar.refresh_from_db()
    assert seminar.title == "地域ICT/IoT実装推進セミナーin愛知"
    assert report.updated == {"セミナー・説明会": 1}
