import pytest
from django.urls import reverse
from wagtail.models import Page

from cases.models import CaseIndexPage, CaseStudyPage
from supports.models import SupportProgramPage
from taxonomy.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def modeladmin_url(model_name):
    return f"/admin/taxonomy/{model_name}/"


@pytest.mark.parametrize("model_name", ["field", "regionblock", "prefecture", "municipality"])
def test_taxonomy_lists_load_for_an_editor_with_superuser_rights(client, superuser, model_name):
    client.force_login(superuser)
    assert client.get(modeladmin_url(model_name)).status_code == 200


def test_modeladmin_search_finds_a_japanese_substring(client, superuser):
    client.force_login(superuser)
    municipality = Municipality.objects.filter(name__endswith="市").exclude(name__regex=r"^.市$").first()
    part = municipality.name[1:]  # e.g. 若松市 for 会津若松市
    html = client.get(modeladmin_url("municipality"), {"q": part}).content.decode()
    assert municipality.name in html


def test_modeladmin_list_filter_by_block(client, superuser):
    client.force_login(superuser)
    response = client.get(modeladmin_url("prefecture"), {"block__id__exact": 11})
    assert response.status_code == 200


def test_admin_page_search_finds_a_word_inside_a_japanese_title(client, editor):
    client.force_login(editor)
    case = CaseStudyPage.objects.get(slug="asmama-kosodate-share")
    word = "子育てニーズ"
    assert word in case.title and not case.title.startswith(word)
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": word}).content.decode()
    assert case.title in html


@pytest.mark.parametrize("model", [CaseStudyPage, SupportProgramPage, CaseIndexPage])
def test_edit_views_load_for_an_editor(editor_client, model):
    page = model.objects.first()
    assert editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


@pytest.mark.parametrize("model", ["casestudypage", "supportprogrampage"])
def test_create_views_load(editor_client, model):
    parent = (
        CaseIndexPage.objects.get() if model == "casestudypage" else SupportProgramPage.objects.first().get_parent()
    )
    app = "cases" if model == "casestudypage" else "supports"
    url = reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])
    assert editor_client.get(url).status_code == 200


def test_municipality_chooser_finds_substring(editor_client):
    municipality = Municipality.objects.filter(name__endswith="町").first()
    response = editor_client.get("/admin/municipality_chooser/", {"q": municipality.name[:-1]})
    assert response.status_code == 200
    assert municipality.name in response.json()["html"]


def test_editor_may_submit_but_not_publish(editor):
    page = CaseStudyPage.objects.first()
    permissions = page.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_approver_may_publish(approver):
    page = CaseStudyPage.objects.first()
    assert page.permissions_for_user(approver).can_publish()


def test_default_workflow_is_active_and_its_task_belongs_to_approvers(approver):
    workflow = Page.objects.get(depth=1).get_workflow()
    assert workflow is not None and workflow.active
    task = workflow.tasks.first().specific
    assert task.groups.filter(name="承認者").exists()
    assert task.user_can_access_editor(CaseStudyPage.objects.first(), approver)


def test_editor_submission_is_published_when_an_approver_approves(editor, approver):
    page = CaseStudyPage.objects.first()
    page.summary = "承認待ちの新しい概要"
    revision = page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    page.refresh_from_db()
    assert state.status == "in_progress" and page.summary != "承認待ちの新しい概要"
    state.current_task_state.approve(user=approver)
    page.refresh_from_db()
    assert page.live_revision_id == revision.pk
    assert page.summary == "承認待ちの新しい概要"
