"""An editor changes a rule in the admin; the finder answers differently once
the new revision is published."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from supports.models import SupportProgramPage

pytestmark = pytest.mark.django_db

PLAN = "市町村官民データ活用推進計画の策定"
TOWN_DEPOPULATED_60M = {
    "applicant_kind": "town",
    "disadvantaged": "depopulated",
    "prerequisites": PLAN,
    "cost": "6000万円",
}


def _list_block(prefix, items, item_data):
    """Form data of a ListBlock as the admin's editor submits it."""
    data = {f"{prefix}-count": str(len(items))}
    for i, item in enumerate(items):
        data.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": str(i), f"{prefix}-{i}-id": ""})
        data.update(item_data(f"{prefix}-{i}-value", item))
    return data


def _option_data(prefix, option):
    return {
        f"{prefix}-method": option["method"],
        f"{prefix}-rate": option["rate"] or "",
        f"{prefix}-cap_yen": "" if option["cap_yen"] is None else str(option["cap_yen"]),
        f"{prefix}-note": option["note"],
    }


def _rule_data(prefix, rule):
    data = {
        f"{prefix}-label": rule["label"],
        f"{prefix}-applicant_kinds": rule["applicant_kinds"],
        f"{prefix}-disadvantaged_any": rule["disadvantaged_any"],
        f"{prefix}-max_fiscal_index": rule["max_fiscal_index"] or "",
        f"{prefix}-note": rule["note"],
    }
    if rule["small_municipality"]:
        data[f"{prefix}-small_municipality"] = "on"
    data.update(_list_block(f"{prefix}-prerequisites", rule["prerequisites"], lambda p, text: {p: text}))
    data.update(_list_block(f"{prefix}-options", rule["options"], _option_data))
    return data


def edit_form_data(page, rules):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "ministry": page.ministry,
        "support_kind": page.support_kind,
        "fiscal_year": str(page.fiscal_year),
        "budget_yen": "" if page.budget_yen is None else str(page.budget_yen),
        "budget_fiscal_year": "" if page.budget_fiscal_year is None else str(page.budget_fiscal_year),
        "budget_note": page.budget_note,
        "body": rich_text(page.body),
        "contact": page.contact,
        "official_url": page.official_url,
        "source": page.source,
        "eligible_bodies": page.eligible_bodies,
        "conditions": page.conditions,
        "terms": page.terms,
        "fields": [str(f.pk) for f in page.fields.all()],
        "tags": "",
        "seo_title": "",
        "search_description": "",
        "rules-count": str(len(rules)),
        "action-publish": "action-publish",
    }
    for i, rule in enumerate(rules):
        data.update({f"rules-{i}-type": "rule", f"rules-{i}-deleted": "", f"rules-{i}-order": str(i)})
        data.update(_rule_data(f"rules-{i}-value", rule))
    return data


def best_for_town(client):
    response = client.get("/api/supports/finder/", TOWN_DEPOPULATED_60M)
    result = next(r for r in response.json()["results"] if r["slug"] == "iot-jisso-2018")
    return result["best"]["amount_yen"], [a["label"] for a in result["amounts"]]


def test_publishing_a_changed_cap_changes_the_finder(client, superuser):
    assert best_for_town(client) == (20_000_000, ["定額（上限1,500万円）", "補助率1/2（上限2,000万円）"])

    page = SupportProgramPage.objects.get(slug="iot-jisso-2018")
    rules = page.rule_dicts()
    rules[0]["options"][1]["cap_yen"] = 25_000_000
    client.force_login(superuser)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form_data(page, rules))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page.refresh_from_db()
    assert page.live_revision == page.latest_revision

    client.logout()
    assert best_for_town(client) == (25_000_000, ["定額（上限1,500万円）", "補助率1/2（上限2,500万円）"])
    html = client.get("/supports/finder/", TOWN_DEPOPULATED_60M).content.decode()
    assert "補助率1/2（上限2,500万円）" in html


def test_a_draft_does_not_change_the_finder(client, superuser):
    page = SupportProgramPage.objects.get(slug="iot-jisso-2018")
    rules = page.rule_dicts()
    rules[0]["options"][1]["cap_yen"] = 25_000_000
    data = edit_form_data(page, rules)
    del data["action-publish"]
    client.force_login(superuser)
    assert client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code == 302
    client.logout()
    assert best_for_town(client)[0] == 20_000_000


def test_rules_are_parsed_once_per_value_and_again_when_an_editor_changes_them():
    page = SupportProgramPage.objects.get(slug="iot-jisso-2018")
    first = page.rule_dicts()
    assert page.rule_dicts() is first and len(first) == 3
    page.rules = [("rule", page.rules[0].value)]
    assert [rule["label"] for rule in page.rule_dicts()] == [first[0]["label"]]
