"""Editors maintain financing measures in the admin, without code: a change
published there changes the finder's plans; an inconsistent measure is refused."""

import json

import pytest
from django.urls import reverse

from supports.models import FinancingMeasure

pytestmark = pytest.mark.django_db

API = "/api/supports/finder/"
KASO_TOWN = {
    "applicant_kind": "town",
    "disadvantaged": ["depopulated", "island"],
    "fiscal_index": "0.35",
    "cost": "3000万円",
}


def form_data(measure, **changes):
    links = list(measure.links.all())
    data = {
        "name": measure.name,
        "slug": measure.slug,
        "kind": measure.kind,
        "coverage_percent": measure.coverage_percent or "",
        "allocation_percent": measure.allocation_percent,
        "special_tax_rate": measure.special_tax_rate,
        "cost_cap_yen": measure.cost_cap_yen or "",
        "unsourced_adjustment": measure.unsourced_adjustment,
        "users_label": measure.users_label,
        "applicant_kinds": measure.applicant_kinds,
        "disadvantaged_any": measure.disadvantaged_any,
        "disadvantaged_none": measure.disadvantaged_none,
        "source": measure.source,
        "quotes": json.dumps(measure.quotes, ensure_ascii=False),
        "links-TOTAL_FORMS": str(len(links)),
        "links-INITIAL_FORMS": str(len(links)),
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    for i, link in enumerate(links):
        data.update(
            {
                f"links-{i}-id": link.pk,
                f"links-{i}-program": link.program_id,
                f"links-{i}-route": link.route,
                f"links-{i}-condition": link.condition,
                f"links-{i}-ORDER": str(i + 1),
                f"links-{i}-DELETE": "",
            }
        )
    data.update(changes)
    return data


def kaso_plan(client):
    result = next(r for r in client.get(API, KASO_TOWN).json()["results"] if r["slug"] == "public-wifi")
    return result["funding"]["best"]


def test_an_edit_published_in_the_admin_changes_the_plan(client, superuser):
    measure = FinancingMeasure.objects.get(slug="kaso-bond")
    assert kaso_plan(client)["real_burden_yen"] == 3_000_000
    client.force_login(superuser)
    url = reverse(FinancingMeasure.snippet_viewset.get_url_name("edit"), args=[measure.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(measure, allocation_percent="80"))
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    # 補助裏1,000万 × 100% × 80% = 800万 → 実質200万
    assert kaso_plan(client)["real_burden_yen"] == 2_000_000


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "special_tax"}, "特別交付税措置では充当率と交付税算入率を空欄にしてください。"),
        ({"coverage_percent": "0"}, "地方債は充当率（1〜100）と交付税算入率（0〜100）を"),
        ({"allocation_percent": "101"}, "100 以下"),
        ({"applicant_kinds": []}, "必須"),
    ],
)
def test_an_inconsistent_measure_is_refused_with_a_message(client, superuser, changes, message):
    measure = FinancingMeasure.objects.get(slug="kaso-bond")
    client.force_login(superuser)
    url = reverse(FinancingMeasure.snippet_viewset.get_url_name("edit"), args=[measure.pk])
    response = client.post(url, form_data(measure, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert FinancingMeasure.objects.get(pk=measure.pk).allocation_percent == 70
