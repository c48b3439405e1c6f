import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Seminar
from taxonomy.models import Field, Prefecture
from tests.events.helpers import make_seminar, make_seminars

pytestmark = pytest.mark.django_db

HOKURIKU = "/seminars/2018/ict-iot-jisso-seminar-fy2017-hokuriku/"


@pytest.fixture
def today(frozen_today):
    """Pin 'today' in Tokyo; returns a setter."""
    frozen_today(datetime.date(2026, 11, 22))
    return frozen_today


def html(response):
    return response.content.decode()


def grid_cell(page_html, day):
    """The <td> of one day in the month grid."""
    match = re.search(
        rf'<td class="month-grid__day[^"]*"[^>]*>\s*<span class="month-grid__date">{day}<.*?</td>', page_html, re.S
    )
    assert match, f"no cell for day {day}"
    return match.group(0)


def json_ld(page_html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    return json.loads(match.group(1))


# The list


def test_list_shows_past_seminars_newest_first_when_nothing_is_upcoming(client, today):
    response = client.get("/seminars/")
    assert response.status_code == 200
    page = html(response)
    assert "現在、予定されているセミナー・説明会はありません" in page
    assert f"開催済みのセミナー・説明会（新しい順、{Seminar.objects.filter(live=True).count()}件）" in page
    dates = [s.start_date for s in response.context["page_obj"].object_list]
    assert dates == sorted(dates, reverse=True)
    # The calendar link opens on the month of the latest seminar, not an empty 2026 month.
    latest = Seminar.objects.order_by("-start_date").first().start_date
    assert f"/seminars/{latest.year}/{latest.month:02d}/" in page


def test_upcoming_seminars_come_first_in_date_order(client, today):
    later = make_seminar(start_date=datetime.date(2026, 12, 24))
    sooner = make_seminar(start_date=datetime.date(2026, 12, 1))
    response = client.get("/seminars/")
    assert response.context["upcoming"] == [sooner, later]
    assert "今後の予定（2件）" in html(response)
    assert "/seminars/2026/11/" in html(response)  # the current month, while anything is upcoming


def test_a_seminar_on_its_last_day_is_still_upcoming(client, today):
    today(datetime.date(2017, 6, 21))
    response = client.get("/seminars/?block=tohoku&year=2017&month=6")
    upcoming = {s.slug for s in response.context["upcoming"]}
    assert "2017-06-20-ict-fair-in-tohoku" in upcoming  # 6/20–6/21


def test_cancelled_seminar_shows_its_reason(client, today):
    page = html(client.get("/seminars/?block=hokuriku"))
    assert "地域ICT/IoT実装推進セミナーin富山" in page
    assert "中止の理由：大雪のため中止" in page
    assert 'badge--cancelled">中止' in page


def test_held_status_is_derived_from_the_date(client, today):
    page = html(client.get("/seminars/?block=kyushu"))
    assert 'badge--held">開催済' in page
    today(datetime.date(2018, 2, 1))
    page = html(client.get("/seminars/?block=kyushu&year=2018&month=2"))
    assert 'badge--upcoming">予定' in page


def test_unpublished_seminar_is_not_listed(client, today):
    draft = make_seminar(title="公開前の合成セミナー", publish=False)
    assert draft.title not in html(client.get("/seminars/"))
    assert client.get(f"/seminars/2018/{draft.slug}/").status_code == 404


@pytest.mark.parametrize(
    "query, expected",
    [
        ("seminar_kind=exhibition", lambda qs: qs.filter(kind="exhibition")),
        # The old name of the seminar's kind, in subscriptions and bookmarks.
        ("kind=exhibition", lambda qs: qs.filter(kind="exhibition")),
        ("kind=exhibition&seminar_kind=forum", lambda qs: qs.filter(kind__in=["exhibition", "forum"])),
        ("block=tohoku", lambda qs: qs.filter(block__slug="tohoku")),
        ("prefecture=iwate", lambda qs: qs.filter(prefecture__slug="iwate")),
        ("field=health", lambda qs: qs.filter(fields__slug="health")),
        ("field=health&field=education", lambda qs: qs.filter(fields__slug__in=["health", "education"]).distinct()),
        ("block=tohoku&seminar_kind=seminar", lambda qs: qs.filter(block__slug="tohoku", kind="seminar")),
        ("year=2017", lambda qs: qs.filter(start_date__year=2017)),
        ("year=2018&month=2", lambda qs: qs.filter(start_date__year=2018, start_date__month=2)),
    ],
)
def test_filters(client, today, query, expected):
    response = client.get(f"/seminars/?{query}")
    assert response.status_code == 200
    count = expected(Seminar.objects.filter(live=True)).count()
    assert response.context["past_count"] == count > 0


def test_shinetsu_seminar_without_a_prefecture_is_found_by_its_block(client, today):
    response = client.get("/seminars/?block=shinetsu&kind=seminar")
    assert "ict-iot-jisso-seminar-fy2017-shinetsu" in {s.slug for s in response.context["page_obj"].object_list}


def test_filter_chips_and_feed_links_keep_the_filters(client, today):
    page = html(client.get("/seminars/?block=kyushu&field=health"))
    assert "/seminars/calendar.ics?block=kyushu&amp;field=health" in page
    assert "選択中の条件" in page


def test_an_old_kind_link_keeps_its_filter_under_the_new_name(client, today):
    """/search/ uses ?kind= for the type of document; the calendar's links
    carry the seminar's kind as seminar_kind, even from an old ?kind= URL."""
    page = html(client.get("/seminars/?kind=forum&block=kanto"))
    assert "/seminars/calendar.ics?block=kanto&amp;seminar_kind=forum" in page
    assert 'name="seminar_kind" value="forum" checked' in page


def test_second_page_of_past_seminars(client, today):
    first = client.get("/seminars/")
    second = client.get("/seminars/?page=2")
    assert second.status_code == 200
    slugs = lambda r: {s.slug for s in r.context["page_obj"].object_list}  # noqa: E731
    assert slugs(first).isdisjoint(slugs(second))
    assert "今後の予定" not in html(second)


@pytest.mark.parametrize(
    "query, status, message",
    [
        ("month=13&year=2018", 400, "月（month）は1から12までの数字で指定してください"),
        ("month=0&year=2018", 400, "月（month）は1から12までの数字で指定してください"),
        ("month=2", 400, "年（year）も指定してください"),
        ("year=abc", 400, "年（year）は2018のような4桁の数字で指定してください"),
        ("year=１２３４", 400, "4桁の数字"),
        ("year=99999", 400, "4桁の数字"),
        ("year=1066", 400, "1900から2100まで"),
        ("block=nosuch", 400, "地域ブロック「nosuch」に当てはまるものがありません"),
        ("kind=party&field=health", 400, "種類「party」"),
        ("seminar_kind=party", 400, "種類「party」"),
        ("prefecture=" + "x" * 5000, 400, "都道府県"),
        ("page=abc", 400, "ページ番号は1以上の整数で指定してください"),
        ("page=999", 404, "ページ目はありません"),
    ],
)
def test_bad_values_are_a_clear_error_page(client, today, query, status, message):
    response = client.get(f"/seminars/?{query}")
    assert response.status_code == status
    assert message in html(response)


# The month calendar


def test_month_grid_is_an_accessible_table(client, today):
    page = html(client.get("/seminars/2018/02/"))
    assert "<caption>2018年2月のセミナー・説明会" in page
    assert page.count('<th scope="col">') == 7
    assert 'rel="prev"' in page and "2018年1月" in page
    assert 'rel="next"' in page and "2018年3月" in page
    assert 'href="/seminars/2018/ict-iot-jisso-seminar-fy2017-hokuriku/"' in grid_cell(page, 6)


def test_today_is_marked_in_the_grid(client, today):
    today(datetime.date(2018, 2, 14))
    page = html(client.get("/seminars/2018/02/"))
    cell = grid_cell(page, 14)
    assert 'aria-current="date"' in cell and "今日" in cell
    assert page.count('aria-current="date"') == 1


def test_a_2330_seminar_stays_on_its_day(client, today):
    late = make_seminar(
        title="深夜の合成セミナー", start_date=datetime.date(2018, 2, 14), start_time=datetime.time(23, 30)
    )
    early = make_seminar(
        title="早朝の合成セミナー", start_date=datetime.date(2018, 2, 15), start_time=datetime.time(0, 30)
    )
    page = html(client.get("/seminars/2018/02/"))
    assert late.title in grid_cell(page, 14) and "23:30" in grid_cell(page, 14)
    assert late.title not in grid_cell(page, 15)
    assert early.title in grid_cell(page, 15) and early.title not in grid_cell(page, 14)


def test_multi_day_seminar_is_on_each_of_its_days(client, today):
    page = html(client.get("/seminars/2017/06/"))
    for day in (20, 21):
        assert "ICTフェア in 東北 2017" in grid_cell(page, day)
    assert "ICTフェア in 東北 2017" not in grid_cell(page, 22)


def test_seminar_crossing_months_is_in_both_months(client, today):
    make_seminar(
        title="月またぎの合成セミナー", start_date=datetime.date(2018, 1, 31), end_date=datetime.date(2018, 2, 1)
    )
    assert "月またぎの合成セミナー" in grid_cell(html(client.get("/seminars/2018/01/")), 31)
    assert "月またぎの合成セミナー" in grid_cell(html(client.get("/seminars/2018/02/")), 1)


def test_empty_month_links_to_the_nearest_months_with_seminars(client, today):
    response = client.get("/seminars/2026/11/")
    assert response.status_code == 200
    labels = {label: url for _, label, _, url in response.context["month_links"]}
    assert labels["開催のある前の月"] == "/seminars/2018/03/"
    assert "開催のある次の月" not in labels


def test_nearest_month_links_are_not_repeated_when_adjacent(client, today):
    labels = [label for _, label, _, _ in client.get("/seminars/2018/02/").context["month_links"]]
    assert labels == ["前の月", "次の月"]


def test_month_filters_apply_and_are_kept_in_links(client, today):
    response = client.get("/seminars/2018/02/?block=hokuriku")
    assert {s.slug for s in response.context["seminars"]} == {"ict-iot-jisso-seminar-fy2017-hokuriku"}
    assert "/seminars/2018/01/?block=hokuriku" in html(response)


@pytest.mark.parametrize("url", ["/seminars/2018/13/", "/seminars/2018/00/", "/seminars/1800/01/"])
def test_impossible_month_in_the_path_is_a_404_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "という月はありません" in html(response)


def test_single_digit_month_redirects_to_the_canonical_url(client):
    response = client.get("/seminars/2018/2/?block=kyushu")
    assert response.status_code == 301
    assert response["Location"] == "/seminars/2018/02/?block=kyushu"


def test_month_form_redirects_and_keeps_filters(client, today):
    response = client.get("/seminars/calendar/?year=2017&month=6&block=tohoku")
    assert response.status_code == 302
    assert response["Location"] == "/seminars/2017/06/?block=tohoku"
    assert client.get("/seminars/calendar/")["Location"] == "/seminars/2018/03/"
    assert client.get("/seminars/calendar/?block=hokuriku")["Location"] == "/seminars/2018/02/?block=hokuriku"


@pytest.mark.parametrize("query", ["year=2018&month=13", "year=abc&month=1", "year=2018", "month=5"])
def test_month_form_bad_values_are_400(client, query):
    assert client.get(f"/seminars/calendar/?{query}").status_code == 400


def test_year_path_redirects_to_the_year_filter(client):
    assert client.get("/seminars/2018/")["Location"] == "/seminars/?year=2018"


# A seminar's page


def test_seminar_page_shows_the_facts(client, today):
    page = html(client.get(HOKURIKU))
    assert "<h1>地域ICT/IoT実装推進セミナーin富山</h1>" in page
    assert "2018年2月6日（火） 13:00〜16:45" in page
    assert "富山県富山市" in page
    assert "北陸総合通信局" in page
    assert "このセミナーは中止になりました。" in page and "大雪のため中止" in page
    assert 'href="/seminars/2018/ict-iot-jisso-seminar-fy2017-hokuriku.ics"' in page
    assert 'href="/seminars/2018/02/"' in page


def test_all_day_seminar_says_no_time_was_given(client, today):
    page = html(client.get("/seminars/2017/2017-01-24-kagawa-briefing/"))
    assert "時刻は資料に記載がありません" in page


def test_json_ld_of_a_cancelled_seminar(client, today):
    data = json_ld(html(client.get(HOKURIKU)))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "地域ICT/IoT実装推進セミナーin富山"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["startDate"] == "2018-02-06T13:00:00+09:00"
    assert data["endDate"] == "2018-02-06T16:45:00+09:00"
    assert data["location"] == {
        "@type": "Place",
        "name": "富山県富山市",
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "JP",
            "addressRegion": "富山県",
            "addressLocality": "富山市",
        },
    }
    assert data["organizer"] == {"@type": "Organization", "name": "北陸総合通信局"}
    assert data["url"] == "http://testserver" + HOKURIKU


def test_json_ld_of_an_all_day_free_fair_with_a_venue(client, today):
    data = json_ld(html(client.get("/seminars/2017/2017-06-20-ict-fair-in-tohoku/")))
    assert data["startDate"] == "2017-06-20" and data["endDate"] == "2017-06-21"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["isAccessibleForFree"] is True
    iwate = json_ld(html(client.get("/seminars/2017/2017-06-08-iwate-ict-fair/")))
    assert iwate["location"]["name"] == "いわて県民情報交流センター（アイーナ）"
    assert iwate["location"]["address"]["addressRegion"] == "岩手県"


def test_json_ld_leaves_out_an_unknown_place(client, today):
    data = json_ld(html(client.get("/seminars/2017/2017-01-19-l-alert-sagyobukai/")))
    assert "location" not in data and "organizer" not in data


def test_json_ld_cannot_break_out_of_its_script_element(client, today):
    make_seminar(slug="script-seminar", title="</script><script>alert(1)</script>")
    page = html(client.get("/seminars/2018/script-seminar/"))
    assert "<script>alert(1)" not in page
    assert json_ld(page)["name"] == "</script><script>alert(1)</script>"


def test_wrong_year_redirects_to_the_seminar_and_unknown_slug_is_404(client):
    response = client.get("/seminars/2017/ict-iot-jisso-seminar-fy2017-hokuriku/")
    assert response.status_code == 301 and response["Location"] == HOKURIKU
    missing = client.get("/seminars/2018/no-such-seminar/")
    assert missing.status_code == 404
    assert "お探しのセミナー・説明会は見つかりませんでした" in html(missing)


# Query counts


def _extra(n):
    fields = list(Field.objects.all()[:2])
    prefecture = Prefecture.objects.get(slug="fukuoka")
    make_seminars(n, fields=fields, prefecture=prefecture, start_date=datetime.date(2018, 2, 14), tags=["合成"])


@pytest.mark.parametrize(
    "url",
    [
        "/seminars/",
        "/seminars/?block=kyushu&field=health",
        "/seminars/2018/02/",
        "/seminars/2018/02/?field=health",
        "/seminars/calendar.ics",
        "/seminars/feed.atom",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_seminars(client, today, django_assert_max_num_queries, url):
    _extra(5)
    client.get(url)  # warm per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _extra(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
