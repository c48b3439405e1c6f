"""The region content as seeded: counts the documents give, and updates in place."""

import json
from pathlib import Path

import pytest
from wagtail.models import Revision

from regions.models import MeasureTableRow, NetworkMembership, NetworkPage, PrefectureMeasure, RegionBlockPage
from seedcontent.loaders import load_all
from seedcontent.sync import DATA_DIR
from taxonomy.models import Municipality

pytestmark = pytest.mark.django_db


def data(name):
    return json.loads((Path(DATA_DIR) / name).read_text(encoding="utf-8"))


def test_the_network_and_its_members_as_001_lists_them():
    network = NetworkPage.objects.live().get(slug="chiiki-iot-kanmin-net")
    assert (network.member_municipalities, network.member_companies) == (120, 181)
    assert str(network.founded) == "2017-07-11" and str(network.members_as_of) == "2018-02-08"
    assert [p.value["name"] for p in network.representatives] == ["山内道雄", "横尾俊彦", "桜井俊", "上田祐司"]
    assert NetworkMembership.objects.filter(page=network).count() == 120
    founders = NetworkMembership.objects.filter(page=network, is_founder=True).values_list(
        "municipality__name", flat=True
    )
    assert sorted(founders) == sorted(["室蘭市", "会津若松市", "渋谷区", "藤枝市", "箕面市", "海士町", "多久市"])
    named = data("municipalities.json")
    assert len(named) == 153  # 52 from the cases and programs, 人吉市, 100 members of 地域IoT官民ネット
    takahama = Municipality.objects.get(prefecture__code="18", name="高浜市")
    assert takahama.lg_code == "" and "不明確" in takahama.source


def test_named_municipalities_carry_code_kana_and_a_quote():
    named = data("municipalities.json")
    assert all(m["quotes"] for m in named)
    stored = {(m.prefecture.code, m.name): m for m in Municipality.objects.select_related("prefecture")}
    # Codes and kana come from the directory; only 高浜市 (unclear in 001) has none.
    without = [m["name"] for m in named if not stored[(m["prefecture"], m["name"])].lg_code]
    assert without == ["高浜市"]
    kume = stored[("47", "久米島町")]
    assert (kume.lg_code, kume.kana, kume.kind) == ("473618", "くめじまちょう", "town")


def test_every_block_has_a_page_with_its_advisor_count():
    counts = dict(RegionBlockPage.objects.live().values_list("block__slug", "advisor_applications"))
    assert counts == {
        "hokkaido": 17,
        "tohoku": 13,
        "kanto": 18,
        "shinetsu": 9,
        "hokuriku": 7,
        "tokai": 35,
        "kinki": 39,
        "chugoku": 15,
        "shikoku": 21,
        "kyushu": 19,
        "okinawa": 10,
    }


def test_measures_table_rows():
    assert MeasureTableRow.objects.count() == 47
    assert MeasureTableRow.objects.filter(readable=False).count() == 8
    assert PrefectureMeasure.objects.count() == 128


def test_an_upgrade_updates_in_place_and_a_second_run_changes_nothing():
    page = RegionBlockPage.objects.get(block__slug="tohoku")
    page.advisor_applications = 99
    page.save_revision().publish()
    NetworkMembership.objects.filter(municipality__name="室蘭市").delete()
    load_all()
    page.refresh_from_db()
    assert page.advisor_applications == 13
    assert NetworkMembership.objects.filter(municipality__name="室蘭市", is_founder=True).count() == 1
    before = Revision.objects.count()
    load_all()
    assert Revision.objects.count() == before
