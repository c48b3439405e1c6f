"""Award editions through the admin: inline results, moderation, schedule."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.models import Award
from cases.models import CaseStudyPage
from taxonomy.models import Municipality

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"wagtailsnippets_awards_award:{name}", args=args)


def result_form(index, **values):
    return {f"results-{index}-{key}": value for key, value in values.items()}


def form_data(results=(), **overrides):
    data = {
        "kind": "edition",
        "name": "合成表彰2030",
        "slug": "synthetic-award-2030",
        "fiscal_year": "2030",
        "period_start": "",
        "period_end": "",
        "entries": "55",
        "ceremony_date": "2031-03-01",
        "summary": "テスト用の合成表彰です。",
        "source": "",
        "results-TOTAL_FORMS": str(len(results)),
        "results-INITIAL_FORMS": "0",
        "results-MIN_NUM_FORMS": "0",
        "results-MAX_NUM_FORMS": "1000",
    }
    for index, result in enumerate(results):
        data.update(result_form(index, ORDER=str(index + 1), DELETE="", id="", **result))
    data.update(overrides)
    return data


def two_results():
    case = CaseStudyPage.objects.get(slug="fishpass")
    municipality = Municipality.objects.get(name="福井市")
    return [
        {
            "tier": "grand",
            "special_name": "",
            "case_title": "合成の大賞",
            "winners": "合成団体A",
            "municipalities": [str(municipality.pk)],
            "case": str(case.pk),
        },
        {
            "tier": "special",
            "special_name": "合成特別賞",
            "case_title": "合成の特別賞",
            "winners": "合成団体B",
            "municipalities": [],
            "case": "",
        },
    ]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def approver_client(approver):
    client = Client()
    client.force_login(approver)
    return client


def test_list_and_edit_views_load(editor_client):
    assert editor_client.get(url("list")).status_code == 200
    award = Award.objects.get(slug="ict-award-2017")
    response = editor_client.get(url("edit", award.pk))
    assert response.status_code == 200
    assert "ICTを活用した市民協働で多様な子育てニーズと地域人材活用を両立" in response.content.decode()


def test_editor_creates_an_edition_with_inline_results_and_submits_it(editor_client, approver):
    response = editor_client.post(url("add"), form_data(two_results(), **{"action-submit": "action-submit"}))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    award = Award.objects.get(slug="synthetic-award-2030")
    assert not award.live
    results = list(award.results.order_by("sort_order"))
    assert [r.case_title for r in results] == ["合成の大賞", "合成の特別賞"]
    assert [m.name for m in results[0].municipalities.all()] == ["福井市"]
    assert results[1].tier_label == "特別賞（合成特別賞）"
    award.current_workflow_state.current_task_state.approve(user=approver)
    award.refresh_from_db()
    assert award.live


def test_draft_results_do_not_show_until_published(editor_client):
    award = Award.objects.get(slug="ict-award-2017")
    response = editor_client.get(url("edit", award.pk))
    formset = response.context["form"].formsets["results"]
    data = form_data(
        name=award.name,
        slug=award.slug,
        fiscal_year="2017",
        entries="102",
        ceremony_date="2018-03-09",
        summary=award.summary,
    )
    data.update({"results-TOTAL_FORMS": str(len(formset.forms)), "results-INITIAL_FORMS": str(len(formset.forms))})
    for index, form in enumerate(formset.forms):
        result = form.instance
        values = {
            "id": str(result.pk),
            "ORDER": str(index + 1),
            "DELETE": "",
            "tier": result.tier,
            "special_name": result.special_name,
            "case_title": result.case_title,
            "winners": result.winners,
            "case": str(result.case_id or ""),
            "municipalities": [str(m.pk) for m in result.municipalities.all()],
        }
        if index == 0:
            values["case_title"] = "下書きで変えた事例名"
        data.update(result_form(index, **values))
    assert editor_client.post(url("edit", award.pk), data).status_code == 302
    public = Client()
    assert "下書きで変えた事例名" not in public.get("/awards/").content.decode()
    award.refresh_from_db()
    draft = award.get_latest_revision_as_object()
    assert "下書きで変えた事例名" in [r.case_title for r in draft.results.all()]
    assert award.has_unpublished_changes


def test_approver_schedules_publication_for_the_announcement_date(approver_client):
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    data = form_data(
        two_results(), go_live_at=go_live.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "action-publish"}
    )
    assert approver_client.post(url("add"), data).status_code == 302
    award = Award.objects.get(slug="synthetic-award-2030")
    assert not award.live and award.scheduled_revision is not None
    assert "合成表彰2030" not in Client().get("/awards/").content.decode()
    # The announcement date arrives: move the schedule into the past.
    revision = award.scheduled_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    award.refresh_from_db()
    assert award.live
    assert "合成表彰2030" in Client().get("/awards/").content.decode()


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"fiscal_year": ""}, "fiscal_year", "回の年度を入力してください。"),
        (
            {"period_start": "2014", "period_end": "2016"},
            "period_start",
            "対象期間は複数年度の受賞一覧のときだけ入力します。",
        ),
        ({"kind": "compilation"}, "fiscal_year", "年度を空欄にし"),
        (
            {"kind": "compilation", "fiscal_year": "", "period_start": "2016", "period_end": "2014"},
            "period_end",
            "最後の年度は最初の年度以降にしてください。",
        ),
    ],
)
def test_edition_and_compilation_years_are_validated(editor_client, overrides, field, message):
    response = editor_client.post(url("add"), form_data(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


def test_special_name_only_for_special_awards(editor_client):
    results = two_results()
    results[0]["special_name"] = "間違った名称"
    response = editor_client.post(url("add"), form_data(results))
    assert response.status_code == 200
    assert not Award.objects.filter(slug="synthetic-award-2030").exists()
    assert "特別賞の名称は" in response.content.decode()


def test_editor_cannot_publish_or_delete(editor_client):
    editor_client.post(url("add"), form_data(**{"action-publish": "action-publish"}))
    assert not Award.objects.get(slug="synthetic-award-2030").live
    award = Award.objects.get(slug="ict-award-2014")
    editor_client.post(url("delete", award.pk))
    assert Award.objects.filter(pk=award.pk).exists()


def test_preview_of_an_award_not_yet_saved(editor_client):
    preview_url = url("preview_on_add")
    assert editor_client.post(preview_url, form_data(results=two_results())).json()["is_valid"]
    response = editor_client.get(preview_url)
    html = response.content.decode()
    assert response.status_code == 200 and "合成表彰2030" in html and "合成の特別賞" in html
