"""Who may see and do what: the public sees only live, public pages,
whether it browses, searches or calls the API."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cases.models import CaseStudyPage
from tests.engine import sync_engine
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

SECRET_WORD = "機密合成語ゾルファ"


@pytest.fixture
def hidden_cases():
    """A draft and two private pages (password, login), all carrying the
    same unique word, and one public page without it."""
    draft = CaseFactory(title=f"{SECRET_WORD}の下書き事例", publish=False)
    password = CaseFactory(title=f"{SECRET_WORD}のパスワード付き事例")
    PageViewRestriction.objects.create(page=password, restriction_type="password", password="secret")
    login = CaseFactory(title=f"{SECRET_WORD}のログイン限定事例")
    PageViewRestriction.objects.create(page=login, restriction_type="login")
    return draft, password, login


def test_anonymous_cannot_see_a_draft(client, hidden_cases):
    draft = hidden_cases[0]
    assert client.get(f"/cases/{draft.slug}/").status_code == 404


def test_anonymous_cannot_see_private_pages(client, hidden_cases):
    _, password, login = hidden_cases
    response = client.get(password.url)
    assert (
        response.status_code == 200
        and SECRET_WORD not in response.content.decode().split("<form")[0].split("<main")[-1]
    )
    assert "password" in response.content.decode()
    response = client.get(login.url)
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/users/"])
def test_anonymous_cannot_enter_the_admin(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_anonymous_cannot_preview(client, hidden_cases):
    draft = hidden_cases[0]
    for name in ("wagtailadmin_pages:preview_on_edit", "wagtailadmin_pages:view_draft"):
        response = client.get(reverse(name, args=[draft.pk]))
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_search_and_api_never_return_hidden_content(backend, client, hidden_cases):
    public = CaseFactory(title=f"{SECRET_WORD}の公開事例")
    if backend == "elasticsearch":
        sync_engine()
    html = client.get("/search/", {"q": SECRET_WORD}).content.decode()
    data = client.get("/api/search/", {"q": SECRET_WORD}).json()
    suggestions = client.get("/api/search/suggest", {"q": SECRET_WORD}).json()["suggestions"]
    assert data["backend"] == backend
    assert [r["title"] for r in data["results"]] == [public.title]
    assert [s["title"] for s in suggestions] == [public.title]
    for page in hidden_cases:
        assert page.title not in html
    assert public.title in html


def test_unpublished_content_leaves_search_on_both_backends(backend, client):
    case = CaseFactory(title=f"{SECRET_WORD}の取り下げ事例")
    if backend == "elasticsearch":
        sync_engine()
    assert client.get("/api/search/", {"q": SECRET_WORD}).json()["count"] == 1
    case.unpublish()
    if backend == "elasticsearch":
        sync_engine()
    assert client.get("/api/search/", {"q": SECRET_WORD}).json()["count"] == 0
    assert case.title not in client.get("/search/", {"q": SECRET_WORD}).content.decode()


def test_editor_can_edit_and_submit_but_not_publish(client, editor):
    case = CaseStudyPage.objects.live().first()
    permissions = case.permissions_for_user(editor)
    assert permissions.can_edit()
    assert permissions.can_submit_for_moderation()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).status_code == 200
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[case.pk]))
    assert response.status_code in (302, 403)
    assert CaseStudyPage.objects.get(pk=case.pk).live


def test_approver_can_publish(client, approver):
    case = CaseStudyPage.objects.live().first()
    permissions = case.permissions_for_user(approver)
    assert permissions.can_edit() and permissions.can_publish() and permissions.can_unpublish()
    client.force_login(approver)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[case.pk]))
    assert response.status_code == 302
    assert not CaseStudyPage.objects.get(pk=case.pk).live
