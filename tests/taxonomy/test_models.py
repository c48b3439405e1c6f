import pytest

from cases.models import CaseStudyPage
from taxonomy.models import Municipality, MunicipalityKind, Prefecture

pytestmark = pytest.mark.django_db


def test_every_prefecture_belongs_to_the_block_of_its_bureau():
    blocks = dict(Prefecture.objects.values_list("code", "block__slug"))
    assert blocks["01"] == "hokkaido" and blocks["47"] == "okinawa"
    assert blocks["19"] == "kanto"  # 山梨 is in 関東総合通信局's area
    assert blocks["15"] == blocks["20"] == "shinetsu"
    assert {blocks[c] for c in ("16", "17", "18")} == {"hokuriku"}


def test_municipality_label_includes_its_prefecture_but_a_prefecture_does_not_repeat_itself():
    town = Municipality.objects.exclude(kind=MunicipalityKind.PREFECTURE).select_related("prefecture").first()
    assert str(town) == f"{town.prefecture.name}{town.name}"
    prefecture_body = Municipality.objects.filter(kind=MunicipalityKind.PREFECTURE).first()
    assert str(prefecture_body) == prefecture_body.name


def test_case_prefectures_and_blocks_derive_from_its_municipalities():
    case = next(c for c in CaseStudyPage.objects.all() if len({m.prefecture_id for m in c.municipalities()}) >= 2)
    expected = []
    for m in case.municipalities():
        if m.prefecture not in expected:
            expected.append(m.prefecture)
    assert case.prefectures() == expected
    assert case.blocks() == list(dict.fromkeys(p.block for p in expected))
