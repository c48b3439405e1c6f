import datetime

import pytest

from events.models import Seminar
from events.search import seminar_document

pytestmark = pytest.mark.django_db


def test_search_document_of_a_cancelled_seminar():
    doc = seminar_document(Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-hokuriku"))
    assert doc["kind"] == "seminar"
    assert doc["title"] == "地域ICT/IoT実装推進セミナーin富山"
    assert doc["url"] == "/seminars/2018/ict-iot-jisso-seminar-fy2017-hokuriku/"
    assert doc["fields"] == ["agriculture", "education"]
    assert doc["block"] == ["hokuriku"] and doc["prefecture"] == ["toyama"]
    assert doc["municipalities"] == ["富山市"]
    assert set(doc["tags"]) == {"地域ICT/IoT実装推進セミナー", "地元企業の導入事例"}
    assert doc["year"] == 2017  # 年度: February 2018 belongs to FY2017
    assert doc["seminar_kind"] == "seminar"
    assert doc["status"] == "cancelled"
    assert doc["start"] == "2018-02-06T13:00:00+09:00" and doc["all_day"] is False
    assert "大雪のため中止" in doc["summary"]
    assert "ICT/IoTの利活用" in doc["body"] and "<p>" not in doc["body"]


def test_search_document_of_an_all_day_seminar_without_a_place(frozen_today):
    frozen_today(datetime.date(2026, 1, 1))
    doc = seminar_document(Seminar.objects.get(slug="2017-01-19-l-alert-sagyobukai"), routing_url="/x/")
    assert doc["url"] == "/x/2017/2017-01-19-l-alert-sagyobukai/"
    assert doc["block"] == [] and doc["prefecture"] == [] and doc["municipalities"] == []
    assert doc["start"] == "2017-01-19T00:00:00+09:00" and doc["all_day"] is True
    assert doc["status"] == "held"
    assert doc["year"] == 2016
    assert set(doc) >= {
        "kind",
        "title",
        "summary",
        "body",
        "url",
        "fields",
        "block",
        "prefecture",
        "municipalities",
        "tags",
        "year",
        "seminar_kind",
        "status",
        "start",
    }
