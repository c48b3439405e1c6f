"""iCalendar and Atom output, parsed back with real parsers and checked
field by field."""

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from events.models import Seminar
from events.seed import seeded_uid
from tests.events.helpers import make_seminar

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_whole_calendar_has_every_published_seminar_once(client):
    calendar = parse(client.get("/seminars/calendar.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    assert "ICT地域活性化ポータル" in str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    live = Seminar.objects.filter(live=True).count()
    assert len(events) == live > 0
    assert len({str(e["UID"]) for e in events}) == live
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]


def test_cancelled_timed_seminar_field_by_field(client):
    seminar = Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-hokuriku")
    event = events_by_uid(parse(client.get("/seminars/calendar.ics")))[str(seminar.uid)]
    assert str(event["UID"]) == str(seeded_uid(seminar.slug))
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event["DTSTART"].dt == datetime.datetime(2018, 2, 6, 13, 0, tzinfo=TOKYO)
    assert event["DTEND"].dt == datetime.datetime(2018, 2, 6, 16, 45, tzinfo=TOKYO)
    assert event["DTSTAMP"].dt == seminar.last_published_at.replace(microsecond=0)
    assert event["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "【中止】地域ICT/IoT実装推進セミナーin富山"
    assert str(event["LOCATION"]) == "富山県富山市"
    assert str(event["URL"]) == "http://testserver/seminars/2018/ict-iot-jisso-seminar-fy2017-hokuriku/"
    assert "中止：大雪のため中止" in str(event["DESCRIPTION"])


def test_all_day_multi_day_seminar_uses_dates_with_exclusive_end(client):
    seminar = Seminar.objects.get(slug="2017-06-20-ict-fair-in-tohoku")
    event = events_by_uid(parse(client.get("/seminars/calendar.ics")))[str(seminar.uid)]
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event["DTSTART"].dt == datetime.date(2017, 6, 20)
    assert event["DTEND"].dt == datetime.date(2017, 6, 22)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "ICTフェア in 東北 2017"
    assert str(event["LOCATION"]) == "宮城県"


def test_one_day_all_day_seminar_ends_the_next_day(client):
    seminar = Seminar.objects.get(slug="2017-01-24-kagawa-briefing")
    event = events_by_uid(parse(client.get("/seminars/calendar.ics")))[str(seminar.uid)]
    assert event["DTSTART"].dt == datetime.date(2017, 1, 24)
    assert event["DTEND"].dt == datetime.date(2017, 1, 25)


def test_seminar_with_a_venue_and_a_2330_start(client):
    seminar = make_seminar(
        title="深夜の合成セミナー",
        start_date=datetime.date(2018, 2, 14),
        start_time=datetime.time(23, 30),
        venue="合成会場",
    )
    event = events_by_uid(parse(client.get("/seminars/calendar.ics")))[str(seminar.uid)]
    assert event["DTSTART"].dt == datetime.datetime(2018, 2, 14, 23, 30, tzinfo=TOKYO)
    assert "DTEND" not in event  # no end time was given, none is invented
    assert str(event["LOCATION"]) == "合成会場"
    assert "20180214T233000" in client.get("/seminars/calendar.ics").content.decode()


def test_filtered_calendar(client):
    calendar = parse(client.get("/seminars/calendar.ics?block=hokuriku&kind=seminar"))
    expected = Seminar.objects.filter(live=True, block__slug="hokuriku", kind="seminar")
    assert {str(e["UID"]) for e in calendar.walk("VEVENT")} == {str(s.uid) for s in expected}
    assert expected.exists()


@pytest.mark.parametrize("query", ["block=nosuch", "year=abc", "month=13&year=2018"])
def test_filtered_calendar_refuses_unknown_values(client, query):
    response = client.get(f"/seminars/calendar.ics?{query}")
    assert response.status_code == 400


def test_uid_is_stable_across_edits(client):
    seminar = Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-kyushu")
    before = str(events_by_uid(parse(client.get("/seminars/calendar.ics?block=kyushu")))[str(seminar.uid)]["UID"])
    seminar.title = "地域ICT/IoT実装推進セミナーin熊本（会場変更）"
    seminar.save_revision().publish()
    after = events_by_uid(parse(client.get("/seminars/calendar.ics?block=kyushu")))
    assert before in after and str(after[before]["SUMMARY"]).endswith("（会場変更）")


def test_single_seminar_ics(client):
    response = client.get("/seminars/2018/ict-iot-jisso-seminar-fy2017-hokuriku.ics")
    events = parse(response).walk("VEVENT")
    assert len(events) == 1 and str(events[0]["STATUS"]) == "CANCELLED"
    assert 'filename="ict-iot-jisso-seminar-fy2017-hokuriku.ics"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    "url", ["/seminars/2017/ict-iot-jisso-seminar-fy2017-hokuriku.ics", "/seminars/2018/nothing.ics"]
)
def test_single_seminar_ics_not_found(client, url):
    assert client.get(url).status_code == 404


def test_draft_seminar_is_not_in_any_feed(client):
    draft = make_seminar(publish=False)
    assert str(draft.uid) not in client.get("/seminars/calendar.ics").content.decode()
    assert client.get(f"/seminars/2018/{draft.slug}.ics").status_code == 404
    assert draft.title not in client.get("/seminars/feed.atom").content.decode()


def test_atom_feed_lists_newly_announced_seminars_first(client):
    newest = make_seminar(title="新しく告知された合成セミナー", start_date=datetime.date(2017, 1, 1))
    response = client.get("/seminars/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "ICT地域活性化ポータル 新着のセミナー・説明会"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 50
    first = entries[0]
    assert first.find(f"{ATOM}title").text == newest.title
    assert first.find(f"{ATOM}id").text == f"urn:uuid:{newest.uid}"
    assert first.find(f"{ATOM}link").get("href") == f"http://testserver/seminars/2017/{newest.slug}/"
    published = datetime.datetime.fromisoformat(first.find(f"{ATOM}published").text)
    assert published == newest.first_published_at


def test_atom_feed_can_be_filtered_and_marks_cancellations(client):
    feed = ET.fromstring(client.get("/seminars/feed.atom?block=hokuriku&kind=seminar").content)
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert "【中止】地域ICT/IoT実装推進セミナーin富山" in titles
    assert client.get("/seminars/feed.atom?kind=nosuch").status_code == 400
